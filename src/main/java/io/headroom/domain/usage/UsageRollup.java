package io.headroom.domain.usage;

import io.headroom.domain.TokenCounts;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Rolls short buckets up into local days, weeks or months in the user's zone. */
public final class UsageRollup {

    private UsageRollup() {
    }

    public static List<PeriodUsage> byPeriod(List<UsageBucket> buckets, ZoneId zone,
            Function<LocalDate, String> periodOf) {
        Map<String, Map<String, Acc>> periods = new TreeMap<>();
        for (UsageBucket b : buckets) {
            String period = periodOf.apply(LocalDate.ofInstant(b.start(), zone));
            periods.computeIfAbsent(period, k -> new LinkedHashMap<>())
                    .computeIfAbsent(b.model(), k -> new Acc())
                    .add(b.tokens(), b.cost());
        }
        List<PeriodUsage> out = new ArrayList<>(periods.size());
        periods.forEach((period, models) -> out.add(toPeriod(period, models)));
        return out;
    }

    public static PeriodUsage total(String label, List<PeriodUsage> periods) {
        Map<String, Acc> models = new LinkedHashMap<>();
        for (PeriodUsage p : periods) {
            for (ModelUsage m : p.models()) {
                models.computeIfAbsent(m.model(), k -> new Acc()).add(m.tokens(), m.cost());
            }
        }
        return toPeriod(label, models);
    }

    static PeriodUsage toPeriod(String period, Map<String, Acc> models) {
        TokenCounts tokens = TokenCounts.ZERO;
        double cost = 0;
        List<ModelUsage> breakdown = new ArrayList<>(models.size());
        for (Map.Entry<String, Acc> e : models.entrySet()) {
            tokens = tokens.plus(e.getValue().tokens);
            cost += e.getValue().cost;
            breakdown.add(new ModelUsage(e.getKey(), e.getValue().tokens, e.getValue().cost));
        }
        breakdown.sort(Comparator.comparingDouble(ModelUsage::cost).reversed().thenComparing(ModelUsage::model));
        return new PeriodUsage(period, tokens, cost, List.copyOf(breakdown));
    }

    static final class Acc {
        TokenCounts tokens = TokenCounts.ZERO;
        double cost;

        void add(TokenCounts t, double c) {
            tokens = tokens.plus(t);
            cost += c;
        }
    }
}
