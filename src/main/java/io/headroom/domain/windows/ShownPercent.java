package io.headroom.domain.windows;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.Figures;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The percent one window shows and the limit shown beside it, from the evidence inside the window
 * (README, "What the figures mean"):
 * <ol>
 *   <li>the percent moves on from the newest reading (official or seen on claude.ai) with the usage
 *       measured since, at the limit that reading implies (usage up to it over its percent); without
 *       a reading, usage over the learned limit. The limit shown is what the used figure is the
 *       percent of, so the two always agree;</li>
 *   <li>every reading and every limit hit (100%) in the window is a floor until the window resets,
 *       so evidence shown never goes down; between readings the percent only grows, since usage
 *       only grows and the rates it grows at are fixed until the next reading;</li>
 *   <li>a limit hit or a reading of 100% or more marks the limit reached, with its evidence.</li>
 * </ol>
 * A newer reading may correct an extrapolation down (a reading is Anthropic's or the user's own
 * figure, an extrapolation only ours), but never below any reading or hit seen before it.
 */
final class ShownPercent {

    /** A reading below this carries too much rounding noise to imply a limit (as for calibration). */
    static final double MIN_IMPLYING_PERCENT = LimitLearner.MIN_CALIBRATION_PERCENT;
    /** Below this much usage measured up to a reading, that reading was about usage recorded elsewhere. */
    static final double MIN_IMPLYING_USD = 0.01;

    /**
     * @param percent null when there is no reading, no hit and no limit to divide by
     * @param latest the newest reading in the window
     * @param limit the limit the used figure is {@code percent} of; null when that cannot be said
     */
    record Shown(Double percent, Provenance provenance, UtilizationSample latest, LimitEstimate limit,
            LimitReached reached) {
    }

    private ShownPercent() {
    }

    /** A reading belongs to the window it was read in, unless it announced the reset of a different window. */
    static boolean belongs(UtilizationSample s, Window w, Duration length) {
        if (!w.contains(s.observedAt())) {
            return false;
        }
        if (s.resetsAt() == null || w.end() == null) {
            return true;
        }
        // Two claims about one window's reset differ by minutes; consecutive windows by a whole length.
        return Duration.between(s.resetsAt(), w.end()).abs().compareTo(length.dividedBy(2)) < 0;
    }

    /**
     * @param readings official and hand-read samples of this window's kind (filtered here)
     * @param hits limit hits of this window's kind (filtered here)
     * @param learned the limit to move on with when no reading implies one; learned from evidence
     *        older than the window, so it cannot change while the window runs
     */
    static Shown of(Window w, Duration length, Instant now, ActivityIndex index, List<UtilizationSample> readings,
            List<ErrorEvent> hits, LimitEstimate learned) {
        List<Evidence> events = new ArrayList<>();
        for (UtilizationSample s : readings) {
            if (!s.observedAt().isAfter(now) && belongs(s, w, length)) {
                events.add(new Evidence(s.observedAt(), s, null));
            }
        }
        for (ErrorEvent e : hits) {
            if (!e.timestamp().isAfter(now) && w.contains(e.timestamp())) {
                events.add(new Evidence(e.timestamp(), null, e));
            }
        }
        events.sort(Comparator.comparing(Evidence::at));
        Run run = new Run(learned);
        for (Evidence ev : events) {
            double used = usedUpTo(w, index, ev.at());
            if (ev.reading() != null) {
                run.read(ev.reading(), used);
            } else {
                run.hit(ev.hit());
            }
        }
        double used = usedUpTo(w, index, now);
        return run.shown(used);
    }

    private static double usedUpTo(Window w, ActivityIndex index, Instant t) {
        return index.measures(w.start(), t.plusMillis(1)).costUsd();
    }

    private record Evidence(Instant at, UtilizationSample reading, ErrorEvent hit) {
    }

    /** The state carried along the window's evidence in time order. */
    private static final class Run {
        private final LimitEstimate learned;
        private Double floor;
        private Provenance floorProvenance;
        private boolean floorIsHit;
        private UtilizationSample latest;
        private double usedAtLatest;
        /** The limit the latest reading implies; null when it implies none and the learned one applies. */
        private Double implied;
        private LimitReached reached;

        Run(LimitEstimate learned) {
            this.learned = learned;
        }

        /** What would be shown with {@code used} measured and the evidence so far; null when nothing can be. */
        Double estimate(double used) {
            Double rate = implied != null ? implied : learned == null ? null : learned.value();
            if (latest != null) {
                return rate == null ? latest.usedPercent() : latest.usedPercent() + (used - usedAtLatest) / rate * 100;
            }
            return rate == null ? null : used / rate * 100;
        }

        Provenance estimateProvenance(double used) {
            return latest != null && used == usedAtLatest ? latest.provenance() : Provenance.ESTIMATE;
        }

        void read(UtilizationSample s, double used) {
            latest = s;
            usedAtLatest = used;
            implied = s.usedPercent() >= MIN_IMPLYING_PERCENT && used > MIN_IMPLYING_USD
                    ? used / (s.usedPercent() / 100) : null;
            raise(s.usedPercent(), s.provenance(), false);
            if (s.usedPercent() >= 100) {
                reached = new LimitReached(s.observedAt(),
                        s.provenance() == Provenance.OFFICIAL ? Provenance.OFFICIAL : Provenance.MANUAL);
            }
        }

        void hit(ErrorEvent e) {
            Provenance p = e.source() == UsageSource.MANUAL ? Provenance.MANUAL : Provenance.LIMIT_EVENT;
            raise(100, p, true);
            reached = new LimitReached(e.timestamp(), p);
        }

        private void raise(double percent, Provenance p, boolean hit) {
            if (floor == null || percent > floor) {
                floor = percent;
                floorProvenance = p;
                floorIsHit = hit;
            }
        }

        Shown shown(double used) {
            Double e = estimate(used);
            Double percent;
            Provenance provenance;
            // A tie goes to the estimate: with no usage since the newest reading it is that reading.
            boolean moving = e != null && (floor == null || e >= floor);
            if (moving) {
                percent = e;
                provenance = estimateProvenance(used);
            } else {
                percent = floor;
                provenance = floorProvenance;
            }
            return new Shown(percent, provenance, latest, limit(percent, used, moving), reached);
        }

        private LimitEstimate limit(Double percent, double used, boolean moving) {
            if (percent == null) {
                return null;
            }
            if (used <= 0) {
                // "0% of $0.00" agrees with any limit; a percent of nothing measured here with none.
                return percent == 0 ? learned : null;
            }
            if (percent <= 0) {
                return null;
            }
            if (moving && latest == null) {
                return learned;
            }
            double value = used / percent * 100;
            if (moving && implied != null) {
                double error = Math.max(0.01, 0.5 / latest.usedPercent());
                boolean official = latest.provenance() == Provenance.OFFICIAL;
                return new LimitEstimate(value, official ? LimitEstimate.Method.OFFICIAL_CALIBRATION
                        : LimitEstimate.Method.MANUAL_READING, 1, confidence(error), error,
                        String.format(java.util.Locale.ROOT, "the latest reading: %.1f%% at %s measured",
                                latest.usedPercent(), Figures.usd(usedAtLatest)));
            }
            if (!moving && floorIsHit) {
                // Held at 100% by a hit: the usage measured in this window is what the limit was.
                return new LimitEstimate(value, LimitEstimate.Method.LIMIT_HITS, 1, LimitEstimate.Confidence.MEDIUM,
                        0.1, "the usage measured in this window, where the limit was reached");
            }
            double error = learned == null ? 0.3 : Math.max(0.05, learned.relativeError());
            return new LimitEstimate(value, LimitEstimate.Method.SHOWN_PERCENT, 1, confidence(error), error,
                    String.format(java.util.Locale.ROOT, "%s measured at %.1f%%", Figures.usd(used), percent));
        }

        private static LimitEstimate.Confidence confidence(double relativeError) {
            return relativeError <= 0.05 ? LimitEstimate.Confidence.HIGH
                    : relativeError <= 0.25 ? LimitEstimate.Confidence.MEDIUM : LimitEstimate.Confidence.LOW;
        }
    }
}
