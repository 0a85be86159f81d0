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

    public boolean isLimitHit() {
        return category == ErrorCategory.USAGE_LIMIT;
    }
}
