package io.headroom.domain.windows;

import io.headroom.domain.Provenance;
import java.time.Instant;

/** A known reset instant of a window and who said so (official, a limit message, the user). */
public record ResetAnchor(Instant resetAt, Provenance provenance) {

    /** Lower is stronger evidence. */
    int rank() {
        return switch (provenance) {
            case OFFICIAL -> 0;
            case LIMIT_EVENT -> 1;
            case MANUAL -> 2;
            default -> 3;
        };
    }
}
