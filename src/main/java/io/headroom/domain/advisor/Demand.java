package io.headroom.domain.advisor;

import java.time.Instant;

/** What the user wanted to do, per 5-hour window and per week: what they used plus what limits kept them from. */
public final class Demand {

    /** A window shorter than this still took a quarter of an hour of work (keeps the rate finite). */
    static final double MIN_ACTIVE_HOURS = 0.25;

    private Demand() {
    }

    /**
     * One 5-hour window.
     *
     * @param costUsd API-equivalent cost used in it
     * @param activeHours minutes with activity, in hours
     * @param blockedHours counted blocked time of the 5-hour limit hit in it
     * @param opusShare Opus's share of the cost
     * @param hits 5-hour limit hits logged in it
     * @param week the index of the period's 7-day block it starts in
     * @param limitUsd the current plan's 5-hour limit in it, calibrated on the evidence (0 until calibrated)
     */
    public record Window(Instant start, Instant end, double costUsd, double activeHours, double blockedHours,
            double opusShare, int hits, int week, double limitUsd) {

        Window withLimit(double usd) {
            return new Window(start, end, costUsd, activeHours, blockedHours, opusShare, hits, week, usd);
        }

        double workedHours() {
            return Math.max(activeHours, MIN_ACTIVE_HOURS);
        }

        /** Cost per hour of work in this window. */
        double rate() {
            return costUsd / workedHours();
        }

        /** Hours the user wanted to work in it. */
        double demandHours() {
            return workedHours() + blockedHours;
        }

        /** What the wanted work would have cost. */
        double demandUsd() {
            return costUsd + blockedHours * rate();
        }
    }

    /**
     * One 7-day block of the period.
     *
     * @param demandUsd the wanted work of its 5-hour windows plus the weekly blocked time at the week's rate
     * @param weeklyBlockedHours counted blocked time of weekly limit hits in it
     * @param hits weekly limit hits logged in it
     * @param limitUsd the current plan's weekly limit in it, calibrated on the evidence (0 until calibrated)
     */
    public record Week(Instant start, double costUsd, double activeHours, double weeklyBlockedHours, double demandUsd,
            int hits, double limitUsd) {

        Week withLimit(double usd) {
            return new Week(start, costUsd, activeHours, weeklyBlockedHours, demandUsd, hits, usd);
        }

        double rate() {
            return costUsd / Math.max(activeHours, MIN_ACTIVE_HOURS);
        }
    }
}
