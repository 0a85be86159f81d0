package io.headroom.domain.windows;

import io.headroom.domain.Provenance;
import java.time.Instant;

/**
 * A known reset instant of a window, who said so (official, a limit message, the user) and when
 * it was said. Where two claims for one window disagree, the newer one wins: a later reading has
 * seen more of the window than an earlier one, whatever its source.
 *
 * @param observedAt when the evidence was read; {@link Instant#MIN} for a reset nobody observed
 *        (the user's weekly setting, a reset inherited from another window), which loses to any reading
 */
public record ResetAnchor(Instant resetAt, Provenance provenance, Instant observedAt) {

    public ResetAnchor(Instant resetAt, Provenance provenance) {
        this(resetAt, provenance, Instant.MIN);
    }

    /** Lower is stronger evidence; only breaks ties between claims observed at the same instant. */
    int rank() {
        return switch (provenance) {
            case OFFICIAL -> 0;
            case LIMIT_EVENT -> 1;
            case MANUAL -> 2;
            default -> 3;
        };
    }

    /** Newest observation first, then the stronger source, then the earlier reset. */
    static final java.util.Comparator<ResetAnchor> NEWEST_FIRST = java.util.Comparator
            .comparing(ResetAnchor::observedAt, java.util.Comparator.reverseOrder())
            .thenComparingInt(ResetAnchor::rank).thenComparing(ResetAnchor::resetAt);
}
