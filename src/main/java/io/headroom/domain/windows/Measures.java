package io.headroom.domain.windows;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

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

    /** Sums the activities at or after {@code from} and before {@code to} (to null: unbounded). */
    public static Measures of(Iterable<Activity> activities, Instant from, Instant to) {
        return of(activities, from, to, a -> true);
    }

    public static Measures of(Iterable<Activity> activities, Instant from, Instant to, Predicate<Activity> filter) {
        long tokens = 0;
        long cacheReads = 0;
        double cost = 0;
        long prompts = 0;
        Set<Long> minutes = new HashSet<>();
        for (Activity a : activities) {
            if (a.at().isBefore(from) || (to != null && !a.at().isBefore(to)) || !filter.test(a)) {
                continue;
            }
            tokens += a.tokens();
            cacheReads += a.cacheReadTokens();
            cost += a.costUsd();
            prompts += a.prompts();
            minutes.add(Math.floorDiv(a.at().getEpochSecond(), 60));
        }
        return new Measures(tokens, tokens + cacheReads, cost, prompts, minutes.size());
    }
}
