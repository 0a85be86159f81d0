package io.headroom.domain.usage;

import io.headroom.domain.TokenCounts;
import java.time.Instant;
import java.util.List;

/** One Claude Code session's usage. */
public record SessionUsage(String sessionId, String project, Instant firstActivity, Instant lastActivity,
        TokenCounts tokens, double cost, List<ModelUsage> models) {

    public List<String> modelNames() {
        return models.stream().map(ModelUsage::model).sorted().toList();
    }
}
