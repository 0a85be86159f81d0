package io.headroom.service;

import io.headroom.domain.usage.Period;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.usage.SessionUsage;
import io.headroom.domain.usage.UsageRollup;
import io.headroom.store.Database;
import io.headroom.store.UsageQueries;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Daily, weekly, monthly and session usage over an inclusive range of local dates. */
public final class UsageReports {

    private final UsageQueries queries;

    public UsageReports(Database database) {
        this.queries = new UsageQueries(database);
    }

    /** Inclusive local dates; either may be null for an open end. */
    public record Range(LocalDate since, LocalDate until, ZoneId zone) {
        Instant from() {
            return since == null ? null : since.atStartOfDay(zone).toInstant();
        }

        Instant to() {
            return until == null ? null : until.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    /** Every token ever recorded, cache reads included (the Overview's first-run check and status line). */
    public long totalTokens() {
        return queries.totalTokens();
    }

    /** Whether anything at all was recorded, from any source. */
    public boolean anyUsage() {
        return queries.anyUsage();
    }

    /**
     * Today's usage in the zone: the one figure behind the Overview's "today" and the statusLine
     * hook's "today $…", so the two never differ (usage stamped later than today counts on its own day).
     */
    public PeriodUsage today(Instant now, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        return UsageRollup.total("today", daily(new Range(day, day, zone)));
    }

    public List<PeriodUsage> daily(Range r) {
        return UsageRollup.byPeriod(queries.buckets(r.from(), r.to()), r.zone(), Period.daily());
    }

    public List<PeriodUsage> weekly(Range r, DayOfWeek startOfWeek) {
        return UsageRollup.byPeriod(queries.buckets(r.from(), r.to()), r.zone(), Period.weekly(startOfWeek));
    }

    public List<PeriodUsage> monthly(Range r) {
        return UsageRollup.byPeriod(queries.buckets(r.from(), r.to()), r.zone(), Period.monthly());
    }

    public List<SessionUsage> sessions(Range r) {
        return queries.sessions(r.from(), r.to());
    }
}
