package io.headroom.domain.official;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Instant;
import java.util.List;

/**
 * Everything one usage answer (OAuth endpoint, claude.ai, Claude Code's cache) said, as read.
 *
 * @param observedAt  when the figures were fetched from Anthropic
 * @param readings    one per allowance; where {@code limits[]} and the top-level keys both give a
 *                    window, only the {@code limits[]} figure is here
 * @param extraUsage  null when the answer carried neither {@code extra_usage} nor {@code spend}
 * @param unknownKeys top-level keys the parser does not understand and could not read as a figure
 * @param problems    parts that were malformed and skipped, in words fit to show the user
 */
public record UsageReport(UsageSource source, Instant observedAt, List<UsageReading> readings,
        ExtraUsage extraUsage, List<String> unknownKeys, List<String> problems) {

    public UsageReport {
        readings = List.copyOf(readings);
        unknownKeys = List.copyOf(unknownKeys);
        problems = List.copyOf(problems);
    }

    /**
     * The readings as official samples. The dedup key is source, window, scope and fetch time, so
     * reading the same cached answer twice stores it once.
     */
    public List<UtilizationSample> samples() {
        return readings.stream().map(this::sample).toList();
    }

    private UtilizationSample sample(UsageReading r) {
        String key = source.code() + ":" + r.window().code() + (r.scope() == null ? "" : ":" + r.scope()) + ":"
                + observedAt.toEpochMilli();
        return new UtilizationSample(key, source, Provenance.OFFICIAL, observedAt, r.window(), r.usedPercent(),
                r.resetsAt(), status(r.severity()), null, r.scope());
    }

    /** The samples' status vocabulary is the rate-limit headers' one. */
    private static String status(String severity) {
        if (severity == null) {
            return null;
        }
        return switch (severity) {
            case "normal" -> "allowed";
            case "warning" -> "allowed_warning";
            default -> severity;
        };
    }

    /** The reading for a window, or null. For the scoped windows the first one is returned. */
    public UsageReading reading(LimitWindow window) {
        return readings.stream().filter(r -> r.window() == window).findFirst().orElse(null);
    }
}
