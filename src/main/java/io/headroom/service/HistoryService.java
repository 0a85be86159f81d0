package io.headroom.service;

import io.headroom.config.Settings;
import io.headroom.domain.history.Granularity;
import io.headroom.domain.history.HistoryRange;
import io.headroom.domain.usage.Period;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.usage.UsageBucket;
import io.headroom.domain.usage.UsageRollup;
import io.headroom.domain.windows.LimitEstimate;
import io.headroom.domain.windows.PastWindows;
import io.headroom.store.UsageQueries;
import io.headroom.store.WindowQueries;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What the History view shows for a range of local dates: usage per day, week or month (by model),
 * the past 5-hour and weekly windows with their limit hits, and the range's totals.
 */
public final class HistoryService {

    /** More 5-hour windows than this and only those that hit the limit are listed. */
    public static final int MAX_FIVE_HOUR_WINDOWS = 400;

    /** The range's totals: API-equivalent cost, all tokens (cache reads included), days with usage, limit hits. */
    public record Summary(double cost, long tokens, int activeDays, int limitHits) {
    }

    /**
     * @param periods usage per {@code granularity} step, oldest first
     * @param onlyFiveHourHits true when the range held too many 5-hour windows and only those with a hit are listed
     */
    public record History(HistoryRange range, ZoneId zone, Granularity granularity, List<PeriodUsage> periods,
            PastWindows.Result windows, boolean onlyFiveHourHits, Summary summary) {
    }

    private final Workspace workspace;

    public HistoryService(Workspace workspace) {
        this.workspace = workspace;
    }

    public History load(HistoryRange range, Instant now) {
        Settings settings = workspace.settings();
        ZoneId zone = settings.zone();
        Instant from = range.since() == null ? null : range.since().atStartOfDay(zone).toInstant();
        Instant to = range.until().plusDays(1).atStartOfDay(zone).toInstant();
        List<UsageBucket> buckets = new UsageQueries(workspace.database()).buckets(from, to);
        List<PeriodUsage> daily = UsageRollup.byPeriod(buckets, zone, Period.daily());
        LocalDate first = buckets.isEmpty() ? null : LocalDate.ofInstant(buckets.get(0).start(), zone);
        Granularity granularity = Granularity.forDays(range.days(first));
        List<PeriodUsage> periods = switch (granularity) {
            case DAY -> daily;
            case WEEK -> UsageRollup.byPeriod(buckets, zone, Period.weekly(DayOfWeek.MONDAY));
            case MONTH -> UsageRollup.byPeriod(buckets, zone, Period.monthly());
        };

        Instant windowsFrom = from != null ? from
                : first != null ? first.atStartOfDay(zone).toInstant() : range.until().atStartOfDay(zone).toInstant();
        Instant windowsTo = to.isAfter(now) ? now : to;
        PastWindows.Result windows = new PastWindows.Result(List.of(), List.of());
        int hits = 0;
        if (windowsFrom.isBefore(windowsTo)) {
            WindowQueries q = new WindowQueries(workspace.database());
            Instant lead = windowsFrom.minus(PastWindows.LEAD);
            WindowsService.Snapshot current = workspace.windows().current(now);
            windows = PastWindows.list(new PastWindows.Inputs(windowsFrom, windowsTo, q.activities(lead, windowsTo),
                    q.samples(lead, windowsTo), q.limitHits(lead, windowsTo), settings.weeklyReset(),
                    usd(current.result().fiveHour().learnedLimit()), usd(current.result().weekly().learnedLimit())));
            hits = (int) q.limitHits(windowsFrom, windowsTo).size();
        }
        boolean thinned = windows.fiveHour().size() > MAX_FIVE_HOUR_WINDOWS;
        if (thinned) {
            windows = new PastWindows.Result(windows.fiveHour().stream().filter(PastWindows.Past::limitHit).toList(),
                    windows.weekly());
        }
        PeriodUsage total = UsageRollup.total("range", daily);
        int activeDays = (int) daily.stream().filter(d -> d.tokens().total() > 0).count();
        return new History(range, zone, granularity, periods, windows, thinned,
                new Summary(total.cost(), total.tokens().total(), activeDays, hits));
    }

    private static Double usd(LimitEstimate limit) {
        return limit == null ? null : limit.value();
    }
}
