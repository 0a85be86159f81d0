package io.headroom.domain.advisor;

/**
 * One option replayed against the user's history; nothing here depends on the hourly value.
 *
 * @param multiple usage relative to Pro (subscriptions), null for API tiers
 * @param priceUsdMonthly the plan's list price (0 for API tiers, which bill per token)
 * @param apiSpendUsdMonthly API spend for the same work (API tiers only)
 * @param feasible false when the option cannot serve this user (no Claude Code, spend cap too low)
 * @param note why not feasible, or what to know
 */
public record OptionReplay(String id, String name, Kind kind, Double multiple, double priceUsdMonthly,
        double limitHitsPerWeek, double blockedHoursPerWeek, double apiSpendUsdMonthly, Double depositUsd, boolean feasible,
        String note) {

    public enum Kind { SUBSCRIPTION, API }

    /** What the option costs before any time lost: price plus API spend. */
    public double cashUsdMonthly() {
        return priceUsdMonthly + apiSpendUsdMonthly;
    }
}
