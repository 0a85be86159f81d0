package io.headroom.domain.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Learns a limit from evidence, best first: official percentages paired with measured usage,
 * usage measured at limit hits, the 90th percentile of completed windows near a plan level, and
 * the plan catalog's default.
 */
public final class LimitLearner {

    /** Official percentages below this carry too much rounding noise to scale up. */
    static final double MIN_CALIBRATION_PERCENT = 1.0;
    /** CCUM's rule: a window counts as having hit a plan level at 95% of it. */
    static final double NEAR_LEVEL = 0.95;
    static final int MIN_P90_WINDOWS = 3;

    /** An official (or user-read) percentage and the usage measured in the same window up to then. */
    public record CalibrationPoint(double percent, double measured) {
    }

    private LimitLearner() {
    }

    /** A "percentage" that is really a timestamp, negative or not a number is no percentage. */
    public static boolean plausiblePercent(double p) {
        return Double.isFinite(p) && p >= 0 && p <= 1000;
    }

    /** Every method that has evidence, best first. */
    public static List<LimitEstimate> all(List<CalibrationPoint> points, List<Double> usageAtHits,
            List<Double> completedWindows, List<Double> planLevels, Double catalogDefault, String catalogSource) {
        List<LimitEstimate> out = new ArrayList<>();
        calibrate(points).ifPresent(out::add);
        fromHits(usageAtHits).ifPresent(out::add);
        p90(completedWindows, planLevels).ifPresent(out::add);
        if (catalogDefault != null && catalogDefault > 0) {
            out.add(new LimitEstimate(catalogDefault, LimitEstimate.Method.PLAN_CATALOG, 0,
                    LimitEstimate.Confidence.LOW, 0.5, catalogSource));
        }
        return out;
    }

    /**
     * Usage per percent, fitted robustly: each point gives limit = measured x 100 / percent; points
     * beyond 3 scaled MADs of the median (at least 5%) are outliers; the rest are pooled as
     * sum(measured) / sum(percent / 100), which weights large, less noisy percentages more.
     */
    public static Optional<LimitEstimate> calibrate(List<CalibrationPoint> points) {
        List<CalibrationPoint> usable = new ArrayList<>();
        for (CalibrationPoint p : points) {
            if (plausiblePercent(p.percent()) && p.percent() >= MIN_CALIBRATION_PERCENT && p.measured() > 0) {
                usable.add(p);
            }
        }
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        List<Double> ratios = usable.stream().map(p -> p.measured() * 100 / p.percent()).toList();
        double median = median(ratios);
        double mad = median(ratios.stream().map(r -> Math.abs(r - median)).toList()) * 1.4826;
        double threshold = Math.max(3 * mad, 0.05 * median);
        double measured = 0;
        double fraction = 0;
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            if (Math.abs(ratios.get(i) - median) <= threshold) {
                measured += usable.get(i).measured();
                fraction += usable.get(i).percent() / 100;
                kept.add(ratios.get(i));
            }
        }
        double value = measured / fraction;
        int n = kept.size();
        double relativeError = n < 2 ? 0.25 : stdev(kept) / value / Math.sqrt(n);
        LimitEstimate.Confidence confidence = n >= 5 && relativeError <= 0.05 ? LimitEstimate.Confidence.HIGH
                : n >= 2 ? LimitEstimate.Confidence.MEDIUM : LimitEstimate.Confidence.LOW;
        return Optional.of(new LimitEstimate(value, LimitEstimate.Method.OFFICIAL_CALIBRATION, n, confidence,
                Math.max(relativeError, 0.01), (usable.size() - n) + " outlier(s) rejected"));
    }

    /** The median usage measured at limit hits. */
    public static Optional<LimitEstimate> fromHits(List<Double> usageAtHits) {
        List<Double> v = usageAtHits.stream().filter(u -> u > 0).toList();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        LimitEstimate.Confidence c = v.size() >= 3 ? LimitEstimate.Confidence.MEDIUM : LimitEstimate.Confidence.LOW;
        double value = median(v);
        double err = v.size() < 2 ? 0.3 : Math.max(0.05, stdev(v) / value / Math.sqrt(v.size()));
        return Optional.of(new LimitEstimate(value, LimitEstimate.Method.LIMIT_HITS, v.size(), c, err,
                "median of " + v.size() + " hit(s)"));
    }

    /** CCUM's P90: completed windows near a plan level (all of them if none is), 90th percentile. */
    public static Optional<LimitEstimate> p90(List<Double> completedWindows, List<Double> planLevels) {
        List<Double> windows = completedWindows.stream().filter(u -> u > 0).toList();
        if (windows.size() < MIN_P90_WINDOWS) {
            return Optional.empty();
        }
        List<Double> near = windows.stream()
                .filter(u -> planLevels.stream().anyMatch(l -> u >= NEAR_LEVEL * l)).toList();
        List<Double> basis = near.isEmpty() ? windows : near;
        double value = quantile(basis, 0.9);
        return Optional.of(new LimitEstimate(value, LimitEstimate.Method.P90_HISTORY, basis.size(),
                LimitEstimate.Confidence.LOW, 0.3, near.isEmpty() ? "all completed windows (none near a plan level)"
                        : "windows near a plan level"));
    }

    static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    static double stdev(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return values.size() < 2 ? 0 : Math.sqrt(ss / (values.size() - 1));
    }
}
