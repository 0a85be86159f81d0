package io.headroom.domain.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * One OpenTelemetry log record as Headroom reads it, whatever its wire format (OTLP protobuf or
 * JSON): the event's name, when it happened and its attributes flattened to strings, longs,
 * doubles and booleans (resource attributes first, the record's own over them).
 *
 * @param time the event's own time ({@code event.timestamp}, else the record's), never null
 */
public record TelemetryRecord(String name, Instant time, Map<String, Object> attributes) {

    public TelemetryRecord {
        attributes = Map.copyOf(attributes);
    }

    public String text(String key) {
        Object v = attributes.get(key);
        return v == null ? null : v.toString();
    }

    /** An integer attribute, whether it came as a number or a numeric string (Claude Code sends both). */
    public Long whole(String key) {
        Object v = attributes.get(key);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
