package io.headroom.domain.notify;

import io.headroom.domain.LimitWindow;
import java.time.Instant;
import java.util.List;

/**
 * What was already sent, one entry per window the user heard about, so neither a second refresh
 * nor a restart repeats a notification.
 */
public record SentLedger(List<Entry> entries) {

    /**
     * @param start the window's start when first notified (windows are matched by it, see
     *     {@link NotificationPolicy#SAME_WINDOW})
     * @param end the window's reset as last known, null if unknown
     * @param notifiedPercent the highest threshold covered: every threshold up to it counts as sent
     * @param resetSent whether the reset was handled (announced, or passed by while the app was not running)
     */
    public record Entry(LimitWindow window, Instant start, Instant end, int notifiedPercent, boolean resetSent) {
    }

    public SentLedger {
        entries = List.copyOf(entries);
    }

    public static SentLedger empty() {
        return new SentLedger(List.of());
    }
}
