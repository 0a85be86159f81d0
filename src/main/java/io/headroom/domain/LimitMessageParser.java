package io.headroom.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Claude Code's usage-limit messages in both formats:
 * <ul>
 *   <li>old: {@code Claude AI usage limit reached|1736503200} (reset as Unix seconds);</li>
 *   <li>new: {@code You've hit your session limit · resets 6:42pm (UTC)}, with an optional date
 *       ({@code Jan 24 at 6pm}, {@code Oct 31, 9am}) and an optional zone.</li>
 * </ul>
 * The new format gives local wall time at minute precision, so it is resolved to the first
 * matching instant at or after the line's timestamp (less one minute for the dropped seconds).
 */
public final class LimitMessageParser {

    private static final String OLD_PREFIX = "Claude AI usage limit reached|";
    // U+00B7 middle dot and U+2219 bullet operator both separate segments.
    private static final Pattern SEPARATOR = Pattern.compile("\\s*[\\u00B7\\u2219]\\s*");
    private static final Pattern HEAD = Pattern.compile(
            "(?i)^(?:you(?:'|\\u2019)ve hit your\\s+(?<a>.*?)\\s*limit|(?<b>.*?)\\s*limit reached)$");
    private static final Pattern RESET = Pattern.compile(
            "(?i)^resets\\s+(?:(?<mon>[A-Za-z]{3,9})\\.?\\s+(?<day>\\d{1,2})(?:\\s+at|,)\\s+)?"
                    + "(?<h>\\d{1,2})(?::(?<m>\\d{2}))?\\s*(?<ampm>am|pm)"
                    + "(?:\\s*\\((?<zone>[^)]+)\\))?\\s*$");
    private static final Duration DROPPED_SECONDS = Duration.ofMinutes(1);

    private LimitMessageParser() {
    }

    /**
     * @param text         the message text
     * @param lineTime     when the line was written
     * @param fallbackZone the zone to assume when the message names none (the user's)
     */
    public static Optional<LimitMessage> parse(String text, Instant lineTime, ZoneId fallbackZone) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith(OLD_PREFIX)) {
            return parseOld(t.substring(OLD_PREFIX.length()));
        }
        String[] parts = SEPARATOR.split(t);
        if (parts.length < 2) {
            return Optional.empty();
        }
        Matcher head = HEAD.matcher(parts[0].strip());
        if (!head.matches()) {
            return Optional.empty();
        }
        String scope = head.group("a") != null ? head.group("a") : head.group("b");
        LimitWindow window = windowOf(scope);
        Matcher reset = RESET.matcher(parts[1].strip());
        if (!reset.matches()) {
            return Optional.of(new LimitMessage(window, null));
        }
        return Optional.of(new LimitMessage(window, resolve(reset, lineTime, fallbackZone)));
    }

    private static Optional<LimitMessage> parseOld(String rest) {
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 12) {
            return Optional.of(new LimitMessage(LimitWindow.UNSPECIFIED, null));
        }
        long seconds = Long.parseLong(rest.substring(0, end));
        Instant reset = seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
        return Optional.of(new LimitMessage(LimitWindow.UNSPECIFIED, reset));
    }

    static LimitWindow windowOf(String scope) {
        String s = scope.toLowerCase(Locale.ROOT);
        if (s.contains("session")) {
            return LimitWindow.FIVE_HOUR;
        }
        if (s.contains("weekly") || s.contains("week")) {
            if (s.contains("opus")) {
                return LimitWindow.WEEKLY_OPUS;
            }
            if (s.contains("sonnet")) {
                return LimitWindow.WEEKLY_SONNET;
            }
            return LimitWindow.WEEKLY;
        }
        return LimitWindow.UNSPECIFIED;
    }

    private static Instant resolve(Matcher m, Instant lineTime, ZoneId fallbackZone) {
        ZoneId zone = fallbackZone;
        String zoneText = m.group("zone");
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText.strip());
            } catch (DateTimeException e) {
                zone = fallbackZone;
            }
        }
        int hour = Integer.parseInt(m.group("h"));
        int minute = m.group("m") == null ? 0 : Integer.parseInt(m.group("m"));
        if (hour < 1 || hour > 12 || minute > 59) {
            return null;
        }
        boolean pm = m.group("ampm").equalsIgnoreCase("pm");
        LocalTime wall = LocalTime.of(hour % 12 + (pm ? 12 : 0), minute);
        Instant earliest = lineTime.minus(DROPPED_SECONDS);
        ZonedDateTime now = lineTime.atZone(zone);
        if (m.group("mon") != null) {
            Month month = monthOf(m.group("mon"));
            int day = Integer.parseInt(m.group("day"));
            if (month == null) {
                return null;
            }
            for (int year = now.getYear(); year <= now.getYear() + 1; year++) {
                try {
                    Instant candidate = ZonedDateTime.of(LocalDate.of(year, month, day), wall, zone).toInstant();
                    if (!candidate.isBefore(earliest)) {
                        return candidate;
                    }
                } catch (DateTimeException e) {
                    // Feb 29 in a common year: try the next year.
                }
            }
            return null;
        }
        Instant candidate = ZonedDateTime.of(now.toLocalDate(), wall, zone).toInstant();
        if (candidate.isBefore(earliest)) {
            candidate = ZonedDateTime.of(now.toLocalDate().plusDays(1), wall, zone).toInstant();
        }
        return candidate;
    }

    private static Month monthOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (month.name().toLowerCase(Locale.ROOT).startsWith(n.substring(0, 3))) {
                return month;
            }
        }
        return null;
    }
}
