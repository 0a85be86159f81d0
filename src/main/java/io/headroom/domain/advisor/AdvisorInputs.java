package io.headroom.domain.advisor;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.windows.Activity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the advisor looks at: the user's history over [from, to), the plan catalog and the
 * plan they are on. Pure data; the hourly value comes later so a slider can re-decide cheaply.
 *
 * @param activities usage per minute and model family (API-equivalent cost)
 * @param limitHits usage-limit hits from transcripts, the proxy and the manual log
 * @param samples official (and user-read) utilisation figures; 100% or more counts as a limit hit
 * @param currentPlanId the plan in the settings (or "api" for pay-as-you-go), null when unknown
 * @param includeApiTiers whether paying per token (each API tier) is an option; the service always offers it,
 *     the property tests compare subscriptions alone
 * @param claudeCodeUsed whether any of the period's usage came from Claude Code (its transcripts or its status
 *     line), so plans without Claude Code cannot serve it
 */
public record AdvisorInputs(Instant from, Instant to, ZoneId zone, List<Activity> activities, List<ErrorEvent> limitHits,
        List<UtilizationSample> samples, UsageStats stats, PlanCatalog catalog, String currentPlanId,
        boolean includeApiTiers, boolean claudeCodeUsed) {

    public static final String API = "api";

    public AdvisorInputs {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        activities = List.copyOf(activities);
        limitHits = List.copyOf(limitHits);
        samples = List.copyOf(samples);
    }

    /** Inputs without a word on where the usage came from (its tokens still tell). */
    public AdvisorInputs(Instant from, Instant to, ZoneId zone, List<Activity> activities, List<ErrorEvent> limitHits,
            List<UtilizationSample> samples, UsageStats stats, PlanCatalog catalog, String currentPlanId,
            boolean includeApiTiers) {
        this(from, to, zone, activities, limitHits, samples, stats, catalog, currentPlanId, includeApiTiers, false);
    }

    /** The same history, declared on another plan. */
    public AdvisorInputs withPlan(String planId) {
        return new AdvisorInputs(from, to, zone, activities, limitHits, samples, stats, catalog, planId, includeApiTiers,
                claudeCodeUsed);
    }

    public double weeks() {
        return Duration.between(from, to).toMillis() / (double) Duration.ofDays(7).toMillis();
    }

    /**
     * Token totals over the period for the optimisation advice.
     *
     * @param sonnetToOpusCostRatio what the same work costs on Sonnet relative to Opus (from the price table)
     */
    public record UsageStats(long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens, long calls,
            double opusCostUsd, double totalCostUsd, double sonnetToOpusCostRatio) {

        public static UsageStats none() {
            return new UsageStats(0, 0, 0, 0, 0, 0, 0, 0.6);
        }

        /** Cache reads over all input-side tokens; null without input. */
        public Double cacheHitRate() {
            long in = inputTokens + cacheWriteTokens + cacheReadTokens;
            return in == 0 ? null : cacheReadTokens / (double) in;
        }

        /** Average input-side tokens per call: the context each call carries. */
        public Double averageContextTokens() {
            return calls == 0 ? null : (inputTokens + cacheWriteTokens + cacheReadTokens) / (double) calls;
        }

        public Double opusShare() {
            return totalCostUsd <= 0 ? null : opusCostUsd / totalCostUsd;
        }
    }
}
