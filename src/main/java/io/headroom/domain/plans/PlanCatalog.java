package io.headroom.domain.plans;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Subscription plans and API tiers as dated data (see resources/plans.json); never constants in code. */
public record PlanCatalog(LocalDate asOf, List<Plan> plans, List<ApiTier> apiTiers) {

    /**
     * A subscription plan. {@code limitDefaults} are third-party guesses in API-equivalent USD, used
     * only until a limit is learned; null when the catalog has none. {@code usageMultiple} is the
     * plan's published usage relative to Pro (Pro 1, Max 5x 5, Max 20x 20); null when unpublished.
     */
    public record Plan(String id, String name, Double priceUsdMonthly, List<String> aliases,
            LimitDefaults limitDefaults, Integer opusToSonnetAtPercent, boolean claudeCode, String priceSource,
            Double usageMultiple) {
    }

    public record LimitDefaults(Double fiveHourUsd, Double weeklyUsd, String source, String asOf) {
    }

    public record RateLimits(long rpm, long itpm, long otpm) {
    }

    public record ApiTier(String id, String name, Double depositUsd, Double monthlySpendCapUsd,
            Map<String, RateLimits> limits, String source, String asOf) {
    }

    public Optional<Plan> plan(String idOrAlias) {
        if (idOrAlias == null) {
            return Optional.empty();
        }
        String key = idOrAlias.toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "");
        return plans.stream().filter(p -> p.id().replace("-", "").equals(key)
                || p.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(idOrAlias))).findFirst();
    }

    /** The 5-hour default of every plan that has one: the "known plan levels" of the P90 method. */
    public List<Double> fiveHourLevels() {
        return plans.stream().map(Plan::limitDefaults).filter(d -> d != null && d.fiveHourUsd() != null)
                .map(LimitDefaults::fiveHourUsd).toList();
    }
}
