package io.headroom.domain.usage;

import io.headroom.domain.TokenCounts;
import java.util.List;

/** Usage of one day, week or month, with its per-model breakdown sorted by cost, largest first. */
public record PeriodUsage(String period, TokenCounts tokens, double cost, List<ModelUsage> models) {

    public List<String> modelNames() {
        return models.stream().map(ModelUsage::model).sorted().toList();
    }
}
