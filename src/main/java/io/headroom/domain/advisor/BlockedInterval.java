package io.headroom.domain.advisor;

import java.time.Instant;

/**
 * One stretch from a limit hit to its reset.
 *
 * @param weekly whether the weekly (or a model's weekly) limit was hit, rather than the 5-hour one
 * @param source where the hit came from: "limit event", "manual" or "official 100%"
 * @param resumed whether the user was active within {@link BlockedTime#RESUME_WITHIN} of the reset
 * @param blockedHours the usual working hours inside the stretch when resumed, else 0
 * @param project the project the hit happened in, when the source says
 */
public record BlockedInterval(Instant hitAt, Instant resetAt, boolean weekly, String source, boolean resumed,
        double blockedHours, String project) {
}
