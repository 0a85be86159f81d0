package io.headroom.domain.windows;

import java.time.Instant;

/**
 * Usage at one instant (one response, or a minute's aggregate): what windows are built from.
 *
 * @param tokens tokens excluding cache reads (input, output, cache writes)
 * @param cacheReadTokens cache reads, kept apart so they never drive a projection
 * @param costUsd API-equivalent cost
 * @param prompts user turns (typed prompts, messages logged by hand)
 */
public record Activity(Instant at, ModelFamily family, long tokens, long cacheReadTokens, double costUsd, long prompts) {

    public static Activity prompt(Instant at, long count) {
        return new Activity(at, ModelFamily.OTHER, 0, 0, 0, count);
    }
}
