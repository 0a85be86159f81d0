package io.headroom.domain;

import java.time.Instant;

/** A usage-limit message understood: which window was hit and when it resets. */
public record LimitMessage(LimitWindow window, Instant resetAt) {
}
