package io.headroom.domain.manual;

import java.time.Instant;

/**
 * One row logged by hand, as {@code log list} and the Sessions tab show it, with its raw values for editing.
 *
 * @param value the message count or the percentage; null for a limit hit
 * @param window the limit window's code (limit hits and percentages), null for messages
 * @param resetAt the reset of a limit hit or percentage, when known
 * @param model the model of a message, when given
 */
public record ManualEntry(String id, Instant at, String kind, String detail, Double value, String window,
        Instant resetAt, String model) {
}
