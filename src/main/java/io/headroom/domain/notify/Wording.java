package io.headroom.domain.notify;

import io.headroom.domain.LimitWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Short texts for the tray and notifications: window names, coarse durations, reset clocks in the user's zone. */
public final class Wording {

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private Wording() {
    }

    public static String window(LimitWindow w) {
        return switch (w) {
            case FIVE_HOUR -> "5-hour";
            case WEEKLY -> "Weekly";
            case WEEKLY_OPUS -> "Weekly Opus";
            case WEEKLY_SONNET -> "Weekly Sonnet";
            case UNSPECIFIED -> "Usage";
        };
    }

    /** "1 h 20 min", "12 min", "3 d 4 h", "under a minute"; rounded up to the minute, as a countdown reads. */
    public static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s == 0) {
            return "under a minute";
        }
        long m = (s + 59) / 60;
        if (m >= 24 * 60) {
            return (m / 1440) + " d " + (m % 1440) / 60 + " h";
        }
        if (m >= 60) {
            return m / 60 + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        return m + " min";
    }

    /** "16:40" on the same day as now, else "Sat 28 Nov 16:40", in {@code zone}. */
    public static String clock(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return LocalDate.ofInstant(now, zone).equals(t.toLocalDate()) ? HM.format(t) : DAY_HM.format(t);
    }

    /** "62%": percentages are shown whole, rounded down so 99.6% never reads as the limit. */
    public static String percent(double p) {
        return (long) Math.floor(p) + "%";
    }
}
