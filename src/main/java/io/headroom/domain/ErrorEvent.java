package io.headroom.domain;

import java.time.Instant;

/**
 * An API error as a client saw it. {@code errorType} and {@code httpStatus} are kept raw;
 * a usage-limit error also carries the window and the reset instant it announced.
 */
public record ErrorEvent(
        String dedupKey,
        UsageSource source,
        Instant timestamp,
        ErrorCategory category,
        String errorType,
        Integer httpStatus,
        LimitWindow limitWindow,
        Instant resetAt,
        String summary,
        String project,
        String sessionId,
        String requestId) {

    /**
     * Keyed on the server's request id when there is one, so a failed call seen both by the proxy
     * and in a Claude Code transcript is one error; else on the source's own record.
     */
    public static String dedupKey(String requestId, String fallback) {
        return requestId != null ? "r:" + requestId : fallback;
    }

    public boolean isLimitHit() {
        return category == ErrorCategory.USAGE_LIMIT;
    }
}
