package io.headroom.domain.windows;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole answer for one instant: the current 5-hour window, the weekly window and the
 * per-model weekly windows, each with usage, limit and forecast. Pure: everything comes in
 * through {@link Inputs}, including "now".
 */
public final class WindowEngine {

    /** A reset announced this far past its observation still belongs to the window (clock skew). */
    static final Duration SLACK = Duration.ofMinutes(2);

    /** Plan defaults from the catalog, in API-equivalent USD (null when unknown). */
    public record PlanDefaults(String planId, Double fiveHourUsd, Double weeklyUsd, List<Double> fiveHourLevels,
            String source) {
        public static PlanDefaults none() {
            return new PlanDefaults(null, null, null, List.of(), null);
        }
    }

    public record Inputs(Instant now, List<Activity> activities, List<UtilizationSample> samples,
            List<ErrorEvent> limitHits, WindowBuilder.WeeklyResetSetting weeklySetting, PlanDefaults plan) {
    }

    public record Result(Instant now, WindowStatus fiveHour, WindowStatus weekly, List<WindowStatus> weeklyByModel,
            List<Window> recentFiveHourWindows) {
    }

    private WindowEngine() {
    }

    public static Result evaluate(Inputs in) {
        Instant now = in.now();
        List<Activity> activities = new ArrayList<>(in.activities().size());
        for (Activity a : in.activities()) {
            if (!a.at().isAfter(now)) {
                activities.add(a);
            }
        }
        activities.sort(ActivityIndex.BY_TIME);
        List<UtilizationSample> samples = in.samples().stream()
                .filter(s -> !s.observedAt().isAfter(now) && LimitLearner.plausiblePercent(s.usedPercent())).toList();

        List<UtilizationSample> five = of(samples, LimitWindow.FIVE_HOUR);
        List<ErrorEvent> fiveHits = in.limitHits().stream().filter(e -> isFiveHour(e) && !e.timestamp().isAfter(now))
                .toList();
        List<ResetAnchor> fiveAnchors = anchors(five, fiveHits, WindowBuilder.FIVE_HOURS);
        List<Instant> times = new ArrayList<>();
        for (Activity a : activities) {
            if (a.tokens() + a.cacheReadTokens() > 0 || a.prompts() > 0) {
                times.add(a.at());
            }
        }
        List<Window> windows = WindowBuilder.fiveHour(times, fiveAnchors);
        ActivityIndex all = ActivityIndex.of(activities);
        Window current = WindowBuilder.containing(windows, now);

        Instant fresh = current == null ? now : current.start();
        Evidence fiveEvidence = new Evidence(fresh);
        for (UtilizationSample s : five) {
            Window w = WindowBuilder.containing(windows, s.observedAt());
            if (w != null && (s.resetsAt() == null || near(s.resetsAt(), w.end()))) {
                fiveEvidence.point(s.observedAt(), new LimitLearner.CalibrationPoint(s.usedPercent(),
                        all.measures(w.start(), s.observedAt().plusMillis(1)).costUsd()));
            }
        }
        for (ErrorEvent e : fiveHits) {
            Window w = WindowBuilder.containing(windows, e.timestamp());
            if (w != null) {
                fiveEvidence.hit(e.timestamp(), all.measures(w.start(), e.timestamp().plusMillis(1)).costUsd());
            }
        }
        List<Double> completed = windows.stream().filter(w -> !w.end().isAfter(now))
                .map(w -> all.measures(w.start(), w.end()).costUsd()).toList();
        PlanDefaults plan = in.plan() == null ? PlanDefaults.none() : in.plan();
        WindowStatus fiveStatus = status(LimitWindow.FIVE_HOUR, now, current, WindowBuilder.FIVE_HOURS, all, five,
                fiveHits, fiveEvidence.learn(completed, plan.fiveHourLevels(), plan.fiveHourUsd(), plan.source()),
                Duration.ofHours(1));

        List<ErrorEvent> weeklyHits = in.limitHits().stream()
                .filter(e -> e.limitWindow() == LimitWindow.WEEKLY || (e.limitWindow() == LimitWindow.UNSPECIFIED
                        && !isFiveHour(e)))
                .filter(e -> !e.timestamp().isAfter(now)).toList();
        WindowStatus weekly = weekly(LimitWindow.WEEKLY, now, all, of(samples, LimitWindow.WEEKLY), weeklyHits,
                in.weeklySetting(), plan.weeklyUsd(), plan.source(), List.of());
        List<WindowStatus> byModel = new ArrayList<>();
        for (LimitWindow kind : List.of(LimitWindow.WEEKLY_OPUS, LimitWindow.WEEKLY_SONNET)) {
            ModelFamily family = kind == LimitWindow.WEEKLY_OPUS ? ModelFamily.OPUS : ModelFamily.SONNET;
            List<ErrorEvent> hits = in.limitHits().stream().filter(e -> e.limitWindow() == kind)
                    .filter(e -> !e.timestamp().isAfter(now)).toList();
            List<UtilizationSample> own = of(samples, kind);
            // Model caps share the weekly reset unless their own official data says otherwise.
            List<ResetAnchor> inherited = anchors(own, hits, WindowBuilder.WEEK).isEmpty() && weekly.window().end() != null
                    ? List.of(new ResetAnchor(weekly.window().end(), weekly.window().provenance())) : List.of();
            byModel.add(weekly(kind, now, new ActivityIndex(activities, a -> a.family() == family), own, hits,
                    in.weeklySetting(), null, null, inherited));
        }
        List<Window> recent = windows.stream().filter(w -> w.end().isAfter(now.minus(Duration.ofDays(1)))).toList();
        return new Result(now, fiveStatus, weekly, byModel, recent);
    }

    private static WindowStatus weekly(LimitWindow kind, Instant now, ActivityIndex index,
            List<UtilizationSample> samples, List<ErrorEvent> hits,
            WindowBuilder.WeeklyResetSetting setting, Double catalog, String catalogSource,
            List<ResetAnchor> inherited) {
        List<ResetAnchor> anchors = new ArrayList<>(anchors(samples, hits, WindowBuilder.WEEK));
        anchors.addAll(inherited);
        Window window = WindowBuilder.weekly(now, anchors, setting);
        Evidence evidence = new Evidence(window.start());
        for (UtilizationSample s : samples) {
            Instant start = s.resetsAt() != null ? s.resetsAt().minus(WindowBuilder.WEEK)
                    : window.contains(s.observedAt()) ? window.start() : null;
            if (start != null && !s.observedAt().isBefore(start)) {
                evidence.point(s.observedAt(), new LimitLearner.CalibrationPoint(s.usedPercent(),
                        index.measures(start, s.observedAt().plusMillis(1)).costUsd()));
            }
        }
        for (ErrorEvent e : hits) {
            if (e.resetAt() != null) {
                evidence.hit(e.timestamp(),
                        index.measures(e.resetAt().minus(WindowBuilder.WEEK), e.timestamp().plusMillis(1)).costUsd());
            }
        }
        return status(kind, now, window, WindowBuilder.WEEK, index, samples, hits,
                evidence.learn(List.of(), List.of(), catalog, catalogSource), Duration.ofDays(1));
    }

    private static WindowStatus status(LimitWindow kind, Instant now, Window window, Duration length,
            ActivityIndex index, List<UtilizationSample> samples, List<ErrorEvent> hits, Learned learned,
            Duration span) {
        if (window == null) {
            return new WindowStatus(kind, null, Measures.ZERO, null, null, null, learned.best(), learned.all(),
                    new Forecast(Forecast.State.NOT_ENOUGH_DATA, null, null, null, null, null, null,
                            "no window is running: the next activity starts one"), null);
        }
        Measures used = index.measures(window.start(), now.plusMillis(1));
        ShownPercent.Shown shown = ShownPercent.of(window, length, now, index, samples, hits, learned.beforeWindow());
        // The forecast divides by the limit shown, so "limit at" follows from the used and limit figures on screen.
        Forecast forecast = Forecaster.forecast(now, window, index, used, shown.percent(), shown.limit(),
                shown.reached() != null, span);
        return new WindowStatus(kind, window, used, shown.percent(), shown.provenance(), shown.latest(), shown.limit(),
                learned.all(), forecast, shown.reached());
    }

    /**
     * @param all every limit learned from the history up to now, best first (what the evidence list shows)
     * @param beforeWindow the best limit learned from evidence older than the current window: the rate a
     *        window moves on at where no reading implies one, fixed while the window runs so its percent
     *        never moves back
     */
    private record Learned(List<LimitEstimate> all, LimitEstimate beforeWindow) {
        LimitEstimate best() {
            return all.isEmpty() ? null : all.get(0);
        }
    }

    /** Calibration points and usage at limit hits, each with when it was observed. */
    private static final class Evidence {
        private final Instant windowStart;
        private final List<LimitLearner.CalibrationPoint> points = new ArrayList<>();
        private final List<LimitLearner.CalibrationPoint> pointsBefore = new ArrayList<>();
        private final List<Double> atHits = new ArrayList<>();
        private final List<Double> atHitsBefore = new ArrayList<>();

        Evidence(Instant windowStart) {
            this.windowStart = windowStart;
        }

        void point(Instant at, LimitLearner.CalibrationPoint p) {
            points.add(p);
            if (at.isBefore(windowStart)) {
                pointsBefore.add(p);
            }
        }

        void hit(Instant at, double usage) {
            atHits.add(usage);
            if (at.isBefore(windowStart)) {
                atHitsBefore.add(usage);
            }
        }

        Learned learn(List<Double> completed, List<Double> levels, Double catalog, String source) {
            List<LimitEstimate> before = LimitLearner.all(pointsBefore, atHitsBefore, completed, levels, catalog, source);
            return new Learned(LimitLearner.all(points, atHits, completed, levels, catalog, source),
                    before.isEmpty() ? null : before.get(0));
        }
    }

    /** Resets from samples (that plausibly belong to their window) and from limit hits, with when each was seen. */
    static List<ResetAnchor> anchors(List<UtilizationSample> samples, List<ErrorEvent> hits, Duration length) {
        List<ResetAnchor> out = new ArrayList<>();
        for (UtilizationSample s : samples) {
            Instant r = s.resetsAt();
            if (r != null && r.isAfter(s.observedAt().minus(SLACK)) && !r.isAfter(s.observedAt().plus(length).plus(SLACK))) {
                out.add(new ResetAnchor(r, s.provenance() == Provenance.OFFICIAL ? Provenance.OFFICIAL : Provenance.MANUAL,
                        s.observedAt()));
            }
        }
        for (ErrorEvent e : hits) {
            Instant r = e.resetAt();
            if (r != null && r.isAfter(e.timestamp().minus(SLACK)) && !r.isAfter(e.timestamp().plus(length).plus(SLACK))) {
                out.add(new ResetAnchor(r, e.source() == UsageSource.MANUAL ? Provenance.MANUAL : Provenance.LIMIT_EVENT,
                        e.timestamp()));
            }
        }
        return out;
    }

    /** A limit hit that names the 5-hour window, or names none but resets within 5 hours. */
    static boolean isFiveHour(ErrorEvent e) {
        if (e.limitWindow() == LimitWindow.FIVE_HOUR) {
            return true;
        }
        return e.limitWindow() == LimitWindow.UNSPECIFIED && e.resetAt() != null
                && !e.resetAt().isAfter(e.timestamp().plus(WindowBuilder.FIVE_HOURS).plus(SLACK));
    }

    static boolean near(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(SLACK) <= 0;
    }

    private static List<UtilizationSample> of(List<UtilizationSample> samples, LimitWindow kind) {
        return samples.stream().filter(s -> s.window() == kind).toList();
    }
}
