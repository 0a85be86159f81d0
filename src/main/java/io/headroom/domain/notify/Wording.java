package io.headroom.domain.notify;

import io.headroom.domain.Countdown;
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
            case WEEKLY_SCOPED -> "Weekly (scoped)";
            case OTHER -> "Other limit";
            case UNSPECIFIED -> "Usage";
        };
    }

    /** "1 h 20 min", "12 min", "3 d 04 h": the countdown every view shows ({@link Countdown#of}). */
    public static String span(Duration d) {
        return Countdown.of(d);
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
