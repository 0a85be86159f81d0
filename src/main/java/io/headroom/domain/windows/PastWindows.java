package io.headroom.domain.windows;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UtilizationSample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The 5-hour and weekly windows that lay in a past range, cut exactly as {@link WindowEngine} cuts
 * the current ones, each with its usage, its percentage (the last official or hand-read figure in
 * it moved on with the usage after it, else usage over the limit given, floored by every reading and
 * hit in it: see {@link ShownPercent}) and the limit hits it saw. Pure: "now" and the data come in.
 */
public final class PastWindows {

    /** How far before the range the data should start, so the first windows are cut as they were at the time. */
    public static final Duration LEAD = WindowBuilder.WEEK;

    /**
     * @param from start of the range; windows ending after it are listed
     * @param to end of the range (exclusive, normally now); windows starting before it are listed
     * @param activities usage and prompts from {@code from - LEAD} to {@code to}
     * @param fiveHourLimitUsd the 5-hour limit in API-equivalent USD, null when unknown
     * @param weeklyLimitUsd the weekly limit in API-equivalent USD, null when unknown
     */
    public record Inputs(Instant from, Instant to, List<Activity> activities, List<UtilizationSample> samples,
            List<ErrorEvent> limitHits, WindowBuilder.WeeklyResetSetting weeklySetting, Double fiveHourLimitUsd,
            Double weeklyLimitUsd) {
    }

    /**
     * One past window.
     *
     * @param percent percent of the limit used, null when neither a figure nor a limit is known
     * @param hits the limit hits inside it, oldest first
     */
    public record Past(LimitWindow kind, Window window, Measures used, Double percent, Provenance percentProvenance,
            List<ErrorEvent> hits) {

        public boolean limitHit() {
            return !hits.isEmpty();
        }
    }

    public record Result(List<Past> fiveHour, List<Past> weekly) {

        public int limitHits() {
            return (int) (fiveHour.stream().mapToLong(p -> p.hits().size()).sum()
                    + weekly.stream().mapToLong(p -> p.hits().size()).sum());
        }
    }

    private PastWindows() {
    }

    public static Result list(Inputs in) {
        List<Activity> activities = in.activities().stream().filter(a -> a.at().isBefore(in.to()))
                .sorted(ActivityIndex.BY_TIME).toList();
        ActivityIndex index = ActivityIndex.of(activities);
        List<Instant> times = new ArrayList<>();
        for (Activity a : activities) {
            if (a.tokens() + a.cacheReadTokens() > 0 || a.prompts() > 0) {
                times.add(a.at());
            }
        }
        List<UtilizationSample> samples = in.samples().stream().filter(s -> s.observedAt().isBefore(in.to())
                && LimitLearner.plausiblePercent(s.usedPercent())).toList();
        List<ErrorEvent> hits = in.limitHits().stream().filter(e -> e.timestamp().isBefore(in.to())).toList();

        List<UtilizationSample> fiveSamples = of(samples, LimitWindow.FIVE_HOUR);
        List<ErrorEvent> fiveHits = hits.stream().filter(WindowEngine::isFiveHour).toList();
        List<Window> five = WindowBuilder.fiveHour(times,
                WindowEngine.anchors(fiveSamples, fiveHits, WindowBuilder.FIVE_HOURS));

        List<UtilizationSample> weekSamples = of(samples, LimitWindow.WEEKLY);
        List<ErrorEvent> weekHits = hits.stream().filter(e -> e.limitWindow() == LimitWindow.WEEKLY
                || (e.limitWindow() == LimitWindow.UNSPECIFIED && !WindowEngine.isFiveHour(e))).toList();
        List<ResetAnchor> weekAnchors = new ArrayList<>(WindowEngine.anchors(weekSamples, weekHits, WindowBuilder.WEEK));
        weekAnchors.addAll(settingAnchors(in.weeklySetting(), in.from(), in.to()));
        List<Window> weeks = WindowBuilder.build(times, weekAnchors, WindowBuilder.WEEK);

        return new Result(describe(LimitWindow.FIVE_HOUR, five, in, index, fiveSamples, fiveHits, in.fiveHourLimitUsd()),
                describe(LimitWindow.WEEKLY, weeks, in, index, weekSamples, weekHits, in.weeklyLimitUsd()));
    }

    private static List<Past> describe(LimitWindow kind, List<Window> windows, Inputs in, ActivityIndex index,
            List<UtilizationSample> samples, List<ErrorEvent> hits, Double limitUsd) {
        List<Past> out = new ArrayList<>();
        for (Window w : windows) {
            if (!w.end().isAfter(in.from()) || !w.start().isBefore(in.to())) {
                continue;
            }
            Measures used = index.measures(w.start(), w.end());
            List<ErrorEvent> inside = hits.stream().filter(e -> w.contains(e.timestamp())).toList();
            // The figure the window ended on, by the same rules as the current window's.
            Instant last = (w.end().isAfter(in.to()) ? in.to() : w.end()).minusMillis(1);
            ShownPercent.Shown shown = ShownPercent.of(w, length(kind), last, index, samples, hits,
                    limitUsd == null || limitUsd <= 0 ? null : new LimitEstimate(limitUsd,
                            LimitEstimate.Method.PLAN_CATALOG, 0, LimitEstimate.Confidence.LOW, 0.5, "given"));
            Double percent = shown.percent();
            Provenance provenance = shown.provenance();
            if (used.tokensWithCacheReads() > 0 || used.prompts() > 0 || !inside.isEmpty() || shown.latest() != null) {
                out.add(new Past(kind, w, used, percent, provenance, inside));
            }
        }
        return out;
    }

    /**
     * The user's weekly reset, repeated over the range. Weakest evidence: a reset seen in a limit
     * message or on claude.ai wins where they disagree.
     */
    static List<ResetAnchor> settingAnchors(WindowBuilder.WeeklyResetSetting setting, Instant from, Instant to) {
        if (setting == null) {
            return List.of();
        }
        List<ResetAnchor> out = new ArrayList<>();
        ZonedDateTime first = from.minus(LEAD).atZone(setting.zone()).with(TemporalAdjusters.nextOrSame(setting.day()))
                .with(setting.time()).truncatedTo(ChronoUnit.MINUTES);
        for (ZonedDateTime r = first; !r.toInstant().isAfter(to.plus(WindowBuilder.WEEK)); r = r.plusWeeks(1)) {
            out.add(new ResetAnchor(r.toInstant(), Provenance.ESTIMATE));
        }
        return out;
    }

    private static Duration length(LimitWindow kind) {
        return kind == LimitWindow.FIVE_HOUR ? WindowBuilder.FIVE_HOURS : WindowBuilder.WEEK;
    }

    private static List<UtilizationSample> of(List<UtilizationSample> samples, LimitWindow kind) {
        return samples.stream().filter(s -> s.window() == kind).toList();
    }
}
