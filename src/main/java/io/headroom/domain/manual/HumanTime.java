package io.headroom.domain.manual;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the way people type them, in their own zone: {@code now}, {@code 6pm}, {@code 18:30},
 * {@code in 2h 14m}, {@code 45 min ago}, {@code tomorrow 9am}, {@code Mon 09:00},
 * {@code Jan 24 at 6pm}, {@code 2026-11-27 18:00}, or an ISO instant. A bare clock time or weekday
 * means the next such moment for a reset ({@link Direction#FUTURE}) and the last one for when
 * something happened ({@link Direction#PAST}). Anything else is an error, never a guess.
 */
public final class HumanTime {

    /** Which way an ambiguous time resolves. */
    public enum Direction { PAST, FUTURE }

    private static final Pattern RELATIVE = Pattern.compile(
            "(?:in\\s+)?((?:\\d+(?:\\.\\d+)?\\s*(?:d|days?|h|hrs?|hours?|m|mins?|minutes?)\\s*(?:and\\s*)?)+)(\\s+ago)?");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?)");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?");
    private static final Pattern DAY_AND_CLOCK = Pattern.compile("(today|tomorrow|yesterday|[a-z]+)\\s*,?\\s*(?:at\\s+)?(.+)");
    private static final Pattern MONTH_DAY = Pattern.compile("([a-z]{3,9})\\s+(\\d{1,2})(?:,\\s*\\d{4})?\\s*,?\\s*(?:at\\s+)?(.+)");

    private HumanTime() {
    }

    public static Instant parse(String text, ZonedDateTime now, Direction direction) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no time given");
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.equals("now")) {
            return now.toInstant();
        }
        Instant iso = iso(t.toUpperCase(Locale.ROOT), now);
        if (iso != null) {
            return iso;
        }
        Matcher rel = RELATIVE.matcher(t);
        if (rel.matches() && (t.startsWith("in ") || rel.group(2) != null)) {
            Duration d = Duration.ZERO;
            Matcher p = PART.matcher(rel.group(1));
            while (p.find()) {
                double n = Double.parseDouble(p.group(1));
                char unit = p.group(2).charAt(0);
                long seconds = Math.round(n * (unit == 'd' ? 86400 : unit == 'h' ? 3600 : 60));
                d = d.plusSeconds(seconds);
            }
            return rel.group(2) != null ? now.toInstant().minus(d) : now.toInstant().plus(d);
        }
        LocalTime clock = clock(t);
        if (clock != null) {
            return nearest(now, now.toLocalDate(), clock, direction, 1);
        }
        Matcher md = MONTH_DAY.matcher(t);
        if (md.matches() && month(md.group(1)) != null) {
            LocalTime c = clock(md.group(3));
            if (c != null) {
                LocalDate date;
                try {
                    date = LocalDate.of(now.getYear(), month(md.group(1)), Integer.parseInt(md.group(2)));
                } catch (DateTimeException e) {
                    throw error(text);
                }
                Instant candidate = ZonedDateTime.of(date, c, now.getZone()).toInstant();
                // No year typed: the nearest such date in the wanted direction.
                if (direction == Direction.FUTURE && candidate.isBefore(now.toInstant().minus(Duration.ofDays(1)))) {
                    candidate = ZonedDateTime.of(date.plusYears(1), c, now.getZone()).toInstant();
                } else if (direction == Direction.PAST && candidate.isAfter(now.toInstant().plus(Duration.ofDays(1)))) {
                    candidate = ZonedDateTime.of(date.minusYears(1), c, now.getZone()).toInstant();
                }
                return candidate;
            }
        }
        Matcher dc = DAY_AND_CLOCK.matcher(t);
        if (dc.matches()) {
            LocalTime c = clock(dc.group(2));
            if (c != null) {
                String day = dc.group(1);
                LocalDate today = now.toLocalDate();
                switch (day) {
                    case "today":
                        return ZonedDateTime.of(today, c, now.getZone()).toInstant();
                    case "tomorrow":
                        return ZonedDateTime.of(today.plusDays(1), c, now.getZone()).toInstant();
                    case "yesterday":
                        return ZonedDateTime.of(today.minusDays(1), c, now.getZone()).toInstant();
                    default:
                        DayOfWeek dow = weekday(day);
                        if (dow != null) {
                            int shift = dow.getValue() - today.getDayOfWeek().getValue();
                            LocalDate date = today.plusDays(shift);
                            return nearest(now, date, c, direction, 7);
                        }
                }
            }
        }
        throw error(text);
    }

    /** The candidate on {@code date} at {@code clock}, moved by {@code stepDays} until it lies on the wanted side of now. */
    private static Instant nearest(ZonedDateTime now, LocalDate date, LocalTime clock, Direction direction, int stepDays) {
        ZonedDateTime c = ZonedDateTime.of(date, clock, now.getZone());
        if (direction == Direction.FUTURE) {
            while (!c.isAfter(now)) {
                c = ZonedDateTime.of(c.toLocalDate().plusDays(stepDays), clock, now.getZone());
            }
            while (c.minusDays(stepDays).isAfter(now)) {
                c = ZonedDateTime.of(c.toLocalDate().minusDays(stepDays), clock, now.getZone());
            }
        } else {
            while (c.isAfter(now)) {
                c = ZonedDateTime.of(c.toLocalDate().minusDays(stepDays), clock, now.getZone());
            }
            while (!c.plusDays(stepDays).isAfter(now)) {
                c = ZonedDateTime.of(c.toLocalDate().plusDays(stepDays), clock, now.getZone());
            }
        }
        return c.toInstant();
    }

    static LocalTime clock(String t) {
        String s = t.strip();
        if (s.equals("noon")) {
            return LocalTime.NOON;
        }
        if (s.equals("midnight")) {
            return LocalTime.MIDNIGHT;
        }
        Matcher m = CLOCK.matcher(s);
        if (!m.matches()) {
            return null;
        }
        int h = Integer.parseInt(m.group(1));
        int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String ampm = m.group(3);
        if (ampm == null && m.group(2) == null) {
            return null; // "6" alone is too ambiguous
        }
        if (ampm != null) {
            if (h < 1 || h > 12) {
                return null;
            }
            boolean pm = ampm.startsWith("p");
            h = h % 12 + (pm ? 12 : 0);
        }
        if (h > 23 || min > 59) {
            return null;
        }
        return LocalTime.of(h, min);
    }

    private static Instant iso(String t, ZonedDateTime now) {
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not an instant
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).atZone(now.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Month month(String name) {
        return named(Month.values(), name, m -> m.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    }

    private static DayOfWeek weekday(String name) {
        return named(DayOfWeek.values(), name, d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    }

    /** The value whose English name, or its first three letters, is {@code name}; null if none. */
    private static <T> T named(T[] values, String name, java.util.function.Function<T, String> english) {
        for (T v : values) {
            String full = english.apply(v).toLowerCase(Locale.ROOT);
            if (full.equals(name) || full.substring(0, 3).equals(name)) {
                return v;
            }
        }
        return null;
    }

    private static IllegalArgumentException error(String text) {
        return new IllegalArgumentException("cannot read the time \"" + text + "\"; try 6pm, 18:30, \"in 2h 14m\", "
                + "\"45m ago\", \"tomorrow 9am\", \"Mon 09:00\", \"Jan 24 at 6pm\" or 2026-11-27T18:00:00Z");
    }
}
