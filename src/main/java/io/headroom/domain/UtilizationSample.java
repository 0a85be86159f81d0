package io.headroom.domain;

import java.time.Instant;

/**
 * An official (or user-read) utilization figure: "5-hour window 42% used, resets at 18:00".
 * Percent is 0-100 and may exceed 100; sources that report fractions convert before this point.
 *
 * @param status allowed / allowed_warning / rejected where the source says, else null
 */
public record UtilizationSample(
        String dedupKey,
        UsageSource source,
        Provenance provenance,
        Instant observedAt,
        LimitWindow window,
        double usedPercent,
        Instant resetsAt,
        String status,
        String sessionId,
        String model) {
}
