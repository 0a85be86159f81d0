package io.headroom.service;

import io.headroom.config.Json;
import io.headroom.config.PrivateFiles;
import io.headroom.config.Settings;
import io.headroom.report.AdvisorReport;
import io.headroom.report.CsvReport;
import io.headroom.report.HtmlReport;
import io.headroom.report.JsonReport;
import java.io.IOException;
import java.nio.file.Path;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.advisor.Advisor;
import io.headroom.domain.advisor.AdvisorInputs;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.advisor.Replay;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.usage.UsageBucket;
import io.headroom.domain.windows.ModelFamily;
import io.headroom.store.Database;
import io.headroom.store.UsageQueries;
import io.headroom.store.WindowQueries;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The advisor for the command line, the reports and the Advisor tab: reads the period's history
 * from the store, replays it once ({@link #prepare}), then decides at any hourly value
 * ({@link Prepared#at}) without touching the store again.
 */
public final class AdvisorService {

    public static final int DEFAULT_PERIOD_DAYS = 28;
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,4})\\s*([dw])", Pattern.CASE_INSENSITIVE);

    /** Sonnet and Opus models whose prices give the relative cost of moving work from one to the other. */
    static final String SONNET = "claude-sonnet-4-6";
    static final String OPUS = "claude-opus-4-8";

    /** A replayed history plus what reports show beside it. */
    public record Prepared(Replay replay, List<PeriodUsage> daily, Double settingsHourlyValue, ZoneId zone,
            PlanCatalog catalog, LocalDate priceTableAsOf) {

        /** The advice at this hourly value; null uses the settings' value, else the default (said so). */
        public AdvisorResult at(Double hourlyValueUsd) {
            return Advisor.decide(replay, hourlyValueUsd != null ? hourlyValueUsd : settingsHourlyValue);
        }
    }

    private final Database database;
    private final PlanCatalog catalog;
    private final Settings settings;
    private final PriceTable prices;

    /** Reads only what is stored; the source registry reads the sources first (see {@link WindowsService}). */
    public AdvisorService(Database database, PlanCatalog catalog, Settings settings, PriceTable prices) {
        this.database = database;
        this.catalog = catalog;
        this.settings = settings;
        this.prices = prices;
    }

    /** "28d", "4w" (days or weeks) to a number of days. */
    public static int parsePeriodDays(String text) {
        if (text == null) {
            return DEFAULT_PERIOD_DAYS;
        }
        Matcher m = PERIOD.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("the period is a number of days or weeks such as 28d or 4w, not \"" + text + "\"");
        }
        int n = Integer.parseInt(m.group(1)) * (m.group(2).equalsIgnoreCase("w") ? 7 : 1);
        if (n < 1 || n > 3660) {
            throw new IllegalArgumentException("the period must be 1 to 3660 days, not " + n);
        }
        return n;
    }

    /**
     * Reads and replays the {@code days} full days that end at the start of today in the user's zone.
     *
     * @param planOverride a plan id or alias, or "api" for pay-as-you-go; null uses the settings
     */
    public Prepared prepare(Instant now, int days, String planOverride) {
        ZoneId zone = settings.zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant to = today.atStartOfDay(zone).toInstant();
        Instant from = today.minusDays(days).atStartOfDay(zone).toInstant();
        String plan = planId(planOverride != null ? planOverride : settings.plan());
        WindowQueries q = new WindowQueries(database);
        UsageQueries usage = new UsageQueries(database);
        List<UsageBucket> buckets = usage.buckets(from, to);
        AdvisorInputs inputs = new AdvisorInputs(from, to, zone, q.activities(from, to), q.limitHits(from, to),
                q.samples(from, to), stats(buckets, now), catalog, plan, true, usage.claudeCodeUsed(from, to));
        UsageReports.Range range = new UsageReports.Range(today.minusDays(days), today.minusDays(1), zone);
        return new Prepared(Replay.of(inputs), new UsageReports(database).daily(range), settings.hourlyValueUsd(), zone,
                catalog, prices.asOf());
    }

    private String planId(String plan) {
        if (plan == null) {
            return null;
        }
        if (plan.equalsIgnoreCase(AdvisorInputs.API)) {
            return AdvisorInputs.API;
        }
        return catalog.plan(plan).map(PlanCatalog.Plan::id).orElseThrow(() -> new IllegalArgumentException(
                "unknown plan \"" + plan + "\"; known: " + catalog.plans().stream().map(PlanCatalog.Plan::id).toList()
                        + " or api"));
    }

    private AdvisorInputs.UsageStats stats(List<UsageBucket> buckets, Instant now) {
        long in = 0;
        long out = 0;
        long write = 0;
        long read = 0;
        long calls = 0;
        double opus = 0;
        double total = 0;
        TokenCounts all = TokenCounts.ZERO;
        for (UsageBucket b : buckets) {
            TokenCounts t = b.tokens();
            in += t.input();
            out += t.output();
            write += t.cacheCreation();
            read += t.cacheRead();
            calls += b.calls();
            total += b.cost();
            all = all.plus(t);
            if (ModelFamily.of(b.model()) == ModelFamily.OPUS) {
                opus += b.cost();
            }
        }
        if (all.total() == 0) {
            all = new TokenCounts(1_000_000, 100_000, 0, 0, 0);
        }
        double opusCost = prices.cost(OPUS, now, all, Speed.STANDARD);
        double ratio = opusCost > 0 ? prices.cost(SONNET, now, all, Speed.STANDARD) / opusCost : 1;
        return new AdvisorInputs.UsageStats(in, out, write, read, calls, opus, total, Math.min(1, ratio));
    }

    /** The report of this advice. */
    public static AdvisorReport report(Prepared prepared, AdvisorResult result, Instant now) {
        AdvisorReport.HourlyValueSource source = result.hourlyValueAssumed() ? AdvisorReport.HourlyValueSource.ASSUMED
                : prepared.settingsHourlyValue() != null && prepared.settingsHourlyValue() == result.hourlyValueUsd()
                        ? AdvisorReport.HourlyValueSource.SAVED : AdvisorReport.HourlyValueSource.GIVEN;
        return new AdvisorReport(result, prepared.daily(), prepared.zone(), now, prepared.priceTableAsOf(), source);
    }

    /**
     * Writes the report, readable by the user alone (0600). CSV writes two files: the what-if table
     * at {@code out} and the daily usage beside it ({@link CsvReport#dailyFileName}).
     *
     * @return the files written
     */
    /** Refuses, with a sentence, a report path that is a folder or lies under a file; before any work is done. */
    public static void checkTarget(Path out, AdvisorReport.Format format) {
        ReportTarget.check(out, format);
    }

    public static List<Path> write(AdvisorReport report, AdvisorReport.Format format, Path out) throws IOException {
        Path target = ReportTarget.check(out, format);
        Map<Path, String> files = new LinkedHashMap<>();
        switch (format) {
            case HTML -> files.put(target, HtmlReport.render(report));
            case JSON -> files.put(target, Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(JsonReport.toJson(report)) + "\n");
            case CSV -> {
                files.put(target, CsvReport.whatIf(report));
                files.put(ReportTarget.check(target.resolveSibling(CsvReport.dailyFileName(target.getFileName().toString())),
                        format), CsvReport.daily(report));
            }
        }
        try {
            PrivateFiles.writeAllAtomically(files);
        } catch (IOException e) {
            throw ReportTarget.explain(target, e);
        }
        return List.copyOf(files.keySet());
    }
}
