package io.headroom.domain.windows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Activities sorted by time with prefix sums, so the usage of any [from, to) range costs two
 * binary searches instead of a pass over the history (the engine asks for hundreds of ranges).
 */
public final class ActivityIndex {

    private final long[] times;
    private final long[] tokens;
    private final long[] cacheReads;
    private final double[] cost;
    private final long[] prompts;
    /** distinctMinutes[i]: distinct minutes among the first i activities. */
    private final long[] distinctMinutes;
    private final List<Activity> sorted;

    /** Oldest first; callers that build several indexes sort once with this and each index skips its sort. */
    public static final Comparator<Activity> BY_TIME = (a, b) -> a.at().compareTo(b.at());

    public ActivityIndex(List<Activity> activities, Predicate<Activity> filter) {
        List<Activity> s = new ArrayList<>();
        for (Activity a : activities) {
            if (filter.test(a)) {
                s.add(a);
            }
        }
        boolean ordered = true;
        for (int i = 1; i < s.size() && ordered; i++) {
            ordered = !s.get(i).at().isBefore(s.get(i - 1).at());
        }
        if (!ordered) {
            s.sort(BY_TIME);
        }
        this.sorted = List.copyOf(s);
        int n = s.size();
        times = new long[n];
        tokens = new long[n + 1];
        cacheReads = new long[n + 1];
        cost = new double[n + 1];
        prompts = new long[n + 1];
        distinctMinutes = new long[n + 1];
        long lastMinute = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Activity a = s.get(i);
            times[i] = a.at().toEpochMilli();
            tokens[i + 1] = tokens[i] + a.tokens();
            cacheReads[i + 1] = cacheReads[i] + a.cacheReadTokens();
            cost[i + 1] = cost[i] + a.costUsd();
            prompts[i + 1] = prompts[i] + a.prompts();
            long minute = Math.floorDiv(times[i], 60_000L);
            distinctMinutes[i + 1] = distinctMinutes[i] + (minute != lastMinute ? 1 : 0);
            lastMinute = minute;
        }
    }

    public static ActivityIndex of(List<Activity> activities) {
        return new ActivityIndex(activities, a -> true);
    }

    /** Usage at or after {@code from} and before {@code to} (null: unbounded). */
    public Measures measures(Instant from, Instant to) {
        int lo = lowerBound(from.toEpochMilli());
        int hi = to == null ? times.length : lowerBound(to.toEpochMilli());
        if (hi <= lo) {
            return Measures.ZERO;
        }
        long t = tokens[hi] - tokens[lo];
        // The first minute in range may continue one that began before it: count it once.
        long minutes = distinctMinutes[hi] - distinctMinutes[lo]
                + (lo > 0 && Math.floorDiv(times[lo], 60_000L) == Math.floorDiv(times[lo - 1], 60_000L) ? 1 : 0);
        return new Measures(t, t + cacheReads[hi] - cacheReads[lo], cost[hi] - cost[lo], prompts[hi] - prompts[lo],
                minutes);
    }

    /** The activities in [from, to), oldest first. */
    public List<Activity> between(Instant from, Instant to) {
        int lo = lowerBound(from.toEpochMilli());
        int hi = to == null ? times.length : lowerBound(to.toEpochMilli());
        return hi <= lo ? List.of() : sorted.subList(lo, hi);
    }

    private int lowerBound(long t) {
        int i = Arrays.binarySearch(times, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && times[i - 1] == t) {
            i--;
        }
        return i;
    }
}
