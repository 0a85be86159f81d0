package io.headroom.domain.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The title and one-line body of a notification, in the user's zone. */
public final class NotificationText {

    private NotificationText() {
    }

    public static String title(Notification n) {
        String w = Wording.window(n.window());
        return switch (n.type()) {
            case THRESHOLD -> w + " window at " + n.threshold() + "%";
            case LIMIT_REACHED -> w + " limit reached";
            case RESET -> w + " window reset";
        };
    }

    public static String body(Notification n, Instant now, ZoneId zone) {
        return switch (n.type()) {
            case THRESHOLD -> Wording.percent(n.usedPercent()) + " used · " + resets(n.resetAt(), now, zone);
            case LIMIT_REACHED -> capitalised(resets(n.resetAt(), now, zone));
            case RESET -> "A fresh allowance since " + Wording.clock(n.resetAt(), now, zone)
                    + (n.usedPercent() > 0 ? "; " + Wording.percent(n.usedPercent()) + " used so far." : ".");
        };
    }

    /** "resets in 1 h 20 min (16:40)", or "reset time unknown". */
    static String resets(Instant resetAt, Instant now, ZoneId zone) {
        if (resetAt == null) {
            return "reset time unknown";
        }
        return "resets in " + Wording.span(Duration.between(now, resetAt)) + " (" + Wording.clock(resetAt, now, zone) + ")";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
