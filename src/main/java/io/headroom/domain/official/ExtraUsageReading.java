package io.headroom.domain.official;

import io.headroom.domain.UsageSource;
import java.time.Instant;

/** The latest extra-usage figures and where and when they were read. */
public record ExtraUsageReading(UsageSource source, Instant observedAt, ExtraUsage extraUsage) {
}
