package io.headroom.domain.notify;

import io.headroom.domain.LimitWindow;
import java.time.Instant;

/**
 * One message for the user: a window crossed a threshold, reached its limit, or reset.
 *
 * @param threshold the threshold crossed (percent), 0 for a reset
 * @param usedPercent the window's used percent when decided (the last one seen, for a reset)
 * @param resetAt when the window resets (or did), null if unknown
 */
public record Notification(Type type, LimitWindow window, int threshold, double usedPercent, Instant resetAt) {

    public enum Type {
        /** Crossed a configured threshold below 100%. */
        THRESHOLD,
        /** Crossed the 100% threshold. */
        LIMIT_REACHED,
        /** A window the user was warned about has reset: a fresh allowance. */
        RESET
    }
}
