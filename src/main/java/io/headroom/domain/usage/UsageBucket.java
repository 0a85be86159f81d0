package io.headroom.domain.usage;

import io.headroom.domain.TokenCounts;
import java.time.Instant;

/**
 * Usage of one model summed over a short span starting at {@code start}. The store sums by
 * 15 minutes, the finest step of any UTC offset in use, so buckets map to local days exactly in
 * every zone.
 */
public record UsageBucket(Instant start, String model, TokenCounts tokens, double cost, long calls) {
}
