package io.headroom.domain.windows;

import io.headroom.domain.Provenance;
import java.time.Instant;

/**
 * The limit was reached in a window: when the newest evidence of it was seen and what it was.
 *
 * @param evidence MANUAL (a hit logged by hand, or 100% seen on claude.ai), LIMIT_EVENT (a limit
 *        message) or OFFICIAL (an official reading of 100% or more)
 */
public record LimitReached(Instant at, Provenance evidence) {

    /** "hand-logged", "limit message", "official". */
    public String evidenceLabel() {
        return switch (evidence) {
            case MANUAL -> "hand-logged";
            case OFFICIAL -> "official";
            default -> "limit message";
        };
    }
}
