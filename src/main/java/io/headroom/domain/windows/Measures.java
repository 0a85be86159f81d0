package io.headroom.domain.windows;

/**
 * Usage inside one window.
 *
 * @param tokens tokens excluding cache reads
 * @param tokensWithCacheReads everything, cache reads included
 * @param costUsd API-equivalent cost
 * @param prompts user turns
 * @param activeMinutes distinct minutes with any activity
 */
public record Measures(long tokens, long tokensWithCacheReads, double costUsd, long prompts, long activeMinutes) {

    public static final Measures ZERO = new Measures(0, 0, 0, 0, 0);
}
