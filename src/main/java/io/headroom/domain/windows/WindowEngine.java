package io.headroom.domain.windows;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

        List<LimitLearner.CalibrationPoint> points = new ArrayList<>();
        for (UtilizationSample s : five) {
            Window w = WindowBuilder.containing(windows, s.observedAt());
            if (w != null && (s.resetsAt() == null || near(s.resetsAt(), w.end()))) {
                points.add(new LimitLearner.CalibrationPoint(s.usedPercent(),
                        all.measures(w.start(), s.observedAt().plusMillis(1)).costUsd()));
            }
        }
        List<Double> atHits = new ArrayList<>();
        for (ErrorEvent e : fiveHits) {
            Window w = WindowBuilder.containing(windows, e.timestamp());
            if (w != null) {
                atHits.add(all.measures(w.start(), e.timestamp().plusMillis(1)).costUsd());
            }
        }
        List<Double> completed = windows.stream().filter(w -> !w.end().isAfter(now))
                .map(w -> all.measures(w.start(), w.end()).costUsd()).toList();
        PlanDefaults plan = in.plan() == null ? PlanDefaults.none() : in.plan();
        List<LimitEstimate> fiveEvidence = LimitLearner.all(points, atHits, completed, plan.fiveHourLevels(),
                plan.fiveHourUsd(), plan.source());
        WindowStatus fiveStatus = status(LimitWindow.FIVE_HOUR, now, current, all, five, fiveHits, fiveEvidence,
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
        List<LimitLearner.CalibrationPoint> points = new ArrayList<>();
        for (UtilizationSample s : samples) {
            Instant start = s.resetsAt() != null ? s.resetsAt().minus(WindowBuilder.WEEK)
                    : window.contains(s.observedAt()) ? window.start() : null;
            if (start != null && !s.observedAt().isBefore(start)) {
                points.add(new LimitLearner.CalibrationPoint(s.usedPercent(),
                        index.measures(start, s.observedAt().plusMillis(1)).costUsd()));
            }
        }
        List<Double> atHits = new ArrayList<>();
        for (ErrorEvent e : hits) {
            if (e.resetAt() != null) {
                atHits.add(index.measures(e.resetAt().minus(WindowBuilder.WEEK), e.timestamp().plusMillis(1)).costUsd());
            }
        }
        List<LimitEstimate> evidence = LimitLearner.all(points, atHits, List.of(), List.of(), catalog, catalogSource);
        return status(kind, now, window, index, samples, hits, evidence, Duration.ofDays(1));
    }

    private static WindowStatus status(LimitWindow kind, Instant now, Window window, ActivityIndex index,
            List<UtilizationSample> samples, List<ErrorEvent> hits,
            List<LimitEstimate> evidence, Duration span) {
        LimitEstimate limit = evidence.isEmpty() ? null : evidence.get(0);
        if (window == null) {
            return new WindowStatus(kind, null, Measures.ZERO, null, null, null, limit, evidence,
                    new Forecast(Forecast.State.NOT_ENOUGH_DATA, null, null, null, null, null, null,
                            "no window is running: the next activity starts one"));
        }
        Measures used = index.measures(window.start(), now.plusMillis(1));
        UtilizationSample official = samples.stream()
                .filter(s -> window.contains(s.observedAt()))
                .filter(s -> s.resetsAt() == null || window.end() == null || near(s.resetsAt(), window.end()))
                .max(Comparator.comparing(UtilizationSample::observedAt)).orElse(null);
        boolean hit = hits.stream().anyMatch(e -> window.contains(e.timestamp())
                && (e.resetAt() == null || e.resetAt().isAfter(now)));
        Double percent = null;
        Provenance provenance = null;
        if (official != null) {
            percent = official.usedPercent();
            provenance = official.provenance();
            double since = index.measures(official.observedAt().plusMillis(1), now.plusMillis(1)).costUsd();
            if (limit != null && since > 0) {
                // Usage after the official figure was read: added at the learned rate, so no longer purely official.
                percent += since / limit.value() * 100;
                provenance = Provenance.ESTIMATE;
            }
        } else if (limit != null) {
            percent = used.costUsd() / limit.value() * 100;
            provenance = Provenance.ESTIMATE;
        }
        if (hit && (percent == null || percent < 100)) {
            percent = 100.0;
            provenance = Provenance.LIMIT_EVENT;
        }
        Forecast forecast = Forecaster.forecast(now, window, index, used, percent, limit, hit, span);
        return new WindowStatus(kind, window, used, percent, provenance, official, limit, evidence, forecast);
    }

    /** Resets from samples (that plausibly belong to their window) and from limit hits. */
    static List<ResetAnchor> anchors(List<UtilizationSample> samples, List<ErrorEvent> hits, Duration length) {
        List<ResetAnchor> out = new ArrayList<>();
        for (UtilizationSample s : samples) {
            Instant r = s.resetsAt();
            if (r != null && r.isAfter(s.observedAt().minus(SLACK)) && !r.isAfter(s.observedAt().plus(length).plus(SLACK))) {
                out.add(new ResetAnchor(r, s.provenance() == Provenance.OFFICIAL ? Provenance.OFFICIAL : Provenance.MANUAL));
            }
        }
        for (ErrorEvent e : hits) {
            Instant r = e.resetAt();
            if (r != null && r.isAfter(e.timestamp().minus(SLACK)) && !r.isAfter(e.timestamp().plus(length).plus(SLACK))) {
                out.add(new ResetAnchor(r, e.source() == UsageSource.MANUAL ? Provenance.MANUAL : Provenance.LIMIT_EVENT));
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
