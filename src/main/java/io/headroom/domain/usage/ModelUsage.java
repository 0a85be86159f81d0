package io.headroom.domain.usage;

import io.headroom.domain.TokenCounts;

/** One model's share of a period. */
public record ModelUsage(String model, TokenCounts tokens, double cost) {
}
