package io.headroom.domain.windows;

import io.headroom.domain.Provenance;
import java.time.Duration;
import java.time.Instant;

/**
 * A usage window [start, end). {@code provenance} says where its boundaries come from: OFFICIAL,
 * LIMIT_EVENT or MANUAL when anchored to a known reset, ESTIMATE when inferred from activity.
 * A null {@code end} means the reset is unknown (a weekly window with no official anchor).
 */
public record Window(Instant start, Instant end, Provenance provenance) {

    public boolean estimated() {
        return provenance == Provenance.ESTIMATE;
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && (end == null || t.isBefore(end));
    }

    public Duration length() {
        return end == null ? null : Duration.between(start, end);
    }
}
