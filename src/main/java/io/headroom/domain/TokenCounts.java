package io.headroom.domain;

/**
 * Token counts of one API response (or a sum of several). Cache writes are split by TTL because a
 * one-hour write costs 2x input while a five-minute write costs 1.25x.
 */
public record TokenCounts(long input, long output, long cacheWrite5m, long cacheWrite1h, long cacheRead) {

    public static final TokenCounts ZERO = new TokenCounts(0, 0, 0, 0, 0);

    public long cacheCreation() {
        return cacheWrite5m + cacheWrite1h;
    }

    /** Everything, cache reads included: what ccusage calls totalTokens. */
    public long total() {
        return input + output + cacheWrite5m + cacheWrite1h + cacheRead;
    }

    /** The measure that does not explode with cache hits; used for burn rates and limits. */
    public long totalExcludingCacheRead() {
        return input + output + cacheWrite5m + cacheWrite1h;
    }

    /** All input the request carried: the figure that decides the 200k long-context tier. */
    public long totalInput() {
        return input + cacheWrite5m + cacheWrite1h + cacheRead;
    }

    public TokenCounts plus(TokenCounts o) {
        return new TokenCounts(input + o.input, output + o.output, cacheWrite5m + o.cacheWrite5m,
                cacheWrite1h + o.cacheWrite1h, cacheRead + o.cacheRead);
    }
}
