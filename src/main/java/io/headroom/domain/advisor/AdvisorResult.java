package io.headroom.domain.advisor;

import java.util.List;

/**
 * The advice at one hourly value.
 *
 * @param recommendation the id of the recommended option
 * @param optimiseFirst true when optimising on the current plan beats the best upgrade
 * @param sentences the explanation, in plain sentences built from the numbers
 * @param sensitivity the recommendation across hourly values
 * @param asIfDeclared the recommendation (null: none) had the same history been on each other plan
 */
public record AdvisorResult(Replay replay, double hourlyValueUsd, boolean hourlyValueAssumed, String currentPlanId,
        String recommendation, boolean optimiseFirst, List<Option> options, List<String> sentences, Confidence confidence,
        List<Sensitivity> sensitivity, List<String> method, java.util.Map<String, String> asIfDeclared) {

    /**
     * One row of the what-if table.
     *
     * @param breakEvenHourlyUsd the hourly value at which this option costs the same as the current plan, null when none
     * @param breakEven "above" (worth it when your time is worth more), "below", "always", "never", "current" (the
     *     plan the user is on) or "reference" (what the others are compared with when theirs cannot be replayed)
     */
    public record Option(OptionReplay replay, double limitTaxUsdMonthly, double totalUsdMonthly, Double breakEvenHourlyUsd,
            String breakEven) {
        public String id() {
            return replay.id();
        }
    }

    /** The recommendation for hourly values in [fromUsd, toUsd); toUsd null is open-ended. */
    public record Sensitivity(double fromUsd, Double toUsd, String optionId) {
    }

    public record Confidence(String level, String reason) {
    }

    public Option option(String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
    }
}
