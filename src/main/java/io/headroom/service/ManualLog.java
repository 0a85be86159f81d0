package io.headroom.service;

import io.headroom.domain.manual.ManualEntry;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.manual.HumanTime;
import io.headroom.store.ManualStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * claude.ai use logged by hand from the window: reads what the user typed with the same rules
 * as {@code headroom log} ({@link HumanTime}), says which field is wrong, and writes nothing
 * until every field is right.
 */
public final class ManualLog {

    /** The inputs a message can point at. */
    public enum Field { WHEN, COUNT, RESETS, FIVE_HOUR, WEEKLY, VALUE }

    /** Bad input, with the field it belongs next to. */
    public static final class InvalidInput extends IllegalArgumentException {
        private final Field field;

        public InvalidInput(Field field, String message) {
            super(message);
            this.field = field;
        }

        public Field field() {
            return field;
        }
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private final Workspace workspace;

    public ManualLog(Workspace workspace) {
        this.workspace = workspace;
    }

    private ManualStore store() {
        return new ManualStore(workspace.database());
    }

    public ZoneId zone() {
        return workspace.settings().zone();
    }

    /** Logs {@code count} messages sent now; {@code model} may be null. Returns the entry's id. */
    public String message(Instant now, int count, String model) {
        return store().addMessages(now, checkedCount(count), model == null || model.isBlank() ? null : model.strip());
    }

    /** Logs a limit hit now with the reset claude.ai showed; the window follows from how far away the reset is. */
    public String limitHit(Instant now, String resets) {
        Instant reset = time(Field.RESETS, resets, now, HumanTime.Direction.FUTURE);
        if (!reset.isAfter(now)) {
            throw new InvalidInput(Field.RESETS, "The reset must be after now.");
        }
        return store().addLimitHit(now, LimitWindow.ofLoggedHit(now, reset), reset);
    }

    /** Logs the percentages read on claude.ai now; either may be blank, not both. Returns the ids. */
    public List<String> utilization(Instant now, String fiveHour, String weekly) {
        Double five = percent(Field.FIVE_HOUR, fiveHour);
        Double week = percent(Field.WEEKLY, weekly);
        if (five == null && week == null) {
            throw new InvalidInput(Field.FIVE_HOUR, "Enter the 5-hour or the weekly percentage (or both).");
        }
        List<UtilizationSample> samples = new ArrayList<>();
        if (five != null) {
            samples.add(sample(now, LimitWindow.FIVE_HOUR, five));
        }
        if (week != null) {
            samples.add(sample(now, LimitWindow.WEEKLY, week));
        }
        return store().addUtilization(samples);
    }

    /** Logs a limit hit whose window and reset are already known (the command line and the tray's dialog read them). */
    public String limitHit(Instant hitAt, LimitWindow window, Instant resetAt) {
        return store().addLimitHit(hitAt, window, resetAt);
    }

    /** Logs percentages already read into samples (the command line takes several windows at once). */
    public List<String> utilization(List<UtilizationSample> samples) {
        return store().addUtilization(samples);
    }

    /** Everything logged by hand since {@code from}, oldest first. */
    public List<ManualEntry> since(Instant from) {
        return store().list(from);
    }

    /** What was logged by hand in the last {@code back}, oldest first. */
    public List<ManualEntry> recent(Instant now, Duration back) {
        return store().list(now.minus(back));
    }

    public boolean delete(String id) {
        return store().delete(id);
    }

    /**
     * Changes an entry's time and value: a message count, a limit hit's reset ("in 2h", "16:40",
     * ISO, read from the hit's time) or a percentage. Nothing changes when either is wrong.
     */
    public void edit(ManualEntry entry, String when, String value, Instant now) {
        Instant at = time(Field.WHEN, when, now, HumanTime.Direction.PAST);
        if (at.isAfter(now)) {
            throw new InvalidInput(Field.WHEN, "That time is in the future.");
        }
        boolean changed = switch (entry.kind()) {
            case "message" -> store().update(entry.id(), at, (double) checkedCount(count(value)), null);
            case "limit-hit" -> {
                Instant reset = time(Field.VALUE, value, at, HumanTime.Direction.FUTURE);
                if (!reset.isAfter(at)) {
                    throw new InvalidInput(Field.VALUE, "The reset must be after the hit.");
                }
                yield store().update(entry.id(), at, null, reset);
            }
            default -> {
                Double p = percent(Field.VALUE, value);
                if (p == null) {
                    throw new InvalidInput(Field.VALUE, "Enter a percentage from 0 to 100.");
                }
                yield store().update(entry.id(), at, p, null);
            }
        };
        if (!changed) {
            throw new InvalidInput(Field.WHEN, "This entry no longer exists.");
        }
    }

    /** The entry's time as the edit field shows it, which {@link #edit} reads back. */
    public String whenText(ManualEntry entry) {
        return entry.at().atZone(zone()).toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    /** The entry's value as the edit field shows it. */
    public String valueText(ManualEntry entry) {
        return switch (entry.kind()) {
            case "message" -> String.valueOf(Math.round(entry.value()));
            case "limit-hit" -> entry.resetAt().atZone(zone()).toLocalDateTime().withNano(0).toString().replace('T', ' ');
            default -> number(entry.value());
        };
    }

    /** One line for the list, times in the user's zone. */
    public String describe(ManualEntry e) {
        ZoneId zone = zone();
        return switch (e.kind()) {
            case "message" -> Math.round(e.value()) + (Math.round(e.value()) == 1 ? " message" : " messages")
                    + (e.model() == null ? "" : " (" + e.model() + ")");
            case "limit-hit" -> windowName(e.window()) + " limit, resets " + SHOWN.format(e.resetAt().atZone(zone));
            default -> windowName(e.window()) + " " + number(e.value()) + "%"
                    + (e.resetAt() == null ? "" : ", resets " + SHOWN.format(e.resetAt().atZone(zone)));
        };
    }

    public String shown(Instant t) {
        return SHOWN.format(t.atZone(zone()));
    }

    public static String windowName(String code) {
        return switch (code == null ? "" : code) {
            case "five_hour" -> "5-hour";
            case "weekly" -> "Weekly";
            case "weekly_opus" -> "Weekly Opus";
            case "weekly_sonnet" -> "Weekly Sonnet";
            default -> "Unspecified";
        };
    }

    private Instant time(Field field, String text, Instant now, HumanTime.Direction direction) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput(field, field == Field.RESETS || field == Field.VALUE
                    ? "Enter the reset claude.ai shows, e.g. \"in 2h 15m\", 16:40 or 2026-11-27 16:40."
                    : "Enter a time, e.g. 14:30, \"20m ago\" or 2026-11-27 14:30.");
        }
        try {
            return HumanTime.parse(text, ZonedDateTime.ofInstant(now, zone()), direction);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "Cannot read \"" + text.strip() + "\" as a time; try \"in 2h 15m\", 16:40 or "
                    + "2026-11-27 16:40.");
        }
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(Field.VALUE, "Enter a whole number of messages, from 1 to 10000.");
        }
    }

    private static int checkedCount(int count) {
        if (count < 1 || count > 10_000) {
            throw new InvalidInput(Field.COUNT, "Enter a whole number of messages, from 1 to 10000.");
        }
        return count;
    }

    /** A percentage from 0 to 100, "%" allowed; null when blank. */
    static Double percent(Field field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        double p;
        try {
            p = Double.parseDouble(t.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "\"" + text.strip() + "\" is not a number; enter a percentage from 0 to 100.");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new InvalidInput(field, "A percentage is from 0 to 100; " + number(p) + " is out of range.");
        }
        return p;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static UtilizationSample sample(Instant at, LimitWindow window, double percent) {
        return new UtilizationSample(null, UsageSource.MANUAL, Provenance.MANUAL, at, window, percent, null, null, null,
                null);
    }
}
