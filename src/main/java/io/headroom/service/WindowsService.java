package io.headroom.service;

import io.headroom.config.Settings;
import io.headroom.domain.official.ExtraUsageReading;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.windows.WindowEngine;
import io.headroom.store.Database;
import io.headroom.store.UsageReportStore;
import io.headroom.store.WindowQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.UtilizationSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current 5-hour and weekly windows with limits and forecasts, for the command line, the
 * dashboard, the tray and the advisor alike. "Now" is passed in, so callers and tests decide it.
 */
public final class WindowsService {

    /** How far back windows, limits and P90 look (Claude-Code-Usage-Monitor's 192 hours). */
    public static final Duration LOOKBACK = Duration.ofHours(192);

    /**
     * The engine's answer plus what it was computed with.
     *
     * @param extraUsage  the newest extra-usage figures any usage answer carried, or null
     * @param otherLimits the latest reading of each allowance Headroom has no window for yet
     *                    ({@code seven_day_cowork}, a weekly limit scoped to another model), newest first
     */
    public record Snapshot(WindowEngine.Result result, ZoneId zone, PlanCatalog.Plan plan, PlanCatalog catalog,
            Settings settings, ExtraUsageReading extraUsage, List<UtilizationSample> otherLimits) {

        public Snapshot(WindowEngine.Result result, ZoneId zone, PlanCatalog.Plan plan, PlanCatalog catalog,
                Settings settings) {
            this(result, zone, plan, catalog, settings, null, List.of());
        }
    }

    private final Database database;
    private final PlanCatalog catalog;
    private final Settings settings;

    /**
     * Reads only what is stored: the sources (the statusLine spool included) are read by the
     * source registry first, by the refresh engine or the command's import, never from here, so
     * {@code --no-import} reads nothing new and nothing is read twice.
     */
    public WindowsService(Database database, PlanCatalog catalog, Settings settings) {
        this.database = database;
        this.catalog = catalog;
        this.settings = settings;
    }

    public Snapshot current(Instant now) {
        WindowQueries q = new WindowQueries(database);
        Instant from = now.minus(LOOKBACK);
        Instant to = now.plusMillis(1);
        PlanCatalog.Plan plan = catalog.plan(settings.plan()).orElse(null);
        PlanCatalog.LimitDefaults d = plan == null ? null : plan.limitDefaults();
        WindowEngine.PlanDefaults defaults = d == null
                ? new WindowEngine.PlanDefaults(plan == null ? null : plan.id(), null, null, catalog.fiveHourLevels(), null)
                : new WindowEngine.PlanDefaults(plan.id(), d.fiveHourUsd(), d.weeklyUsd(), catalog.fiveHourLevels(),
                        plan.name() + ": " + d.source() + " (as of " + d.asOf() + ")");
        List<UtilizationSample> samples = q.samples(from, to);
        WindowEngine.Result result = WindowEngine.evaluate(new WindowEngine.Inputs(now, q.activities(from, to),
                samples, q.limitHits(from, to), settings.weeklyReset(), defaults));
        return new Snapshot(result, settings.zone(), plan, catalog, settings,
                new UsageReportStore(database).latestExtraUsage(), otherLimits(samples));
    }

    /** Unknown allowances are kept and shown, not dropped: the newest reading per window kind and scope. */
    static List<UtilizationSample> otherLimits(List<UtilizationSample> samples) {
        Map<String, UtilizationSample> latest = new LinkedHashMap<>();
        for (UtilizationSample s : samples) {
            if (s.window() == LimitWindow.WEEKLY_SCOPED || s.window() == LimitWindow.OTHER) {
                latest.merge(s.window().code() + "|" + s.model(), s,
                        (a, b) -> b.observedAt().isBefore(a.observedAt()) ? a : b);
            }
        }
        List<UtilizationSample> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(UtilizationSample::observedAt).reversed());
        return out;
    }
}
