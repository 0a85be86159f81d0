package io.headroom.service;

import io.headroom.config.Settings;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings as typed into a form: each field checked on its own (the message shown next to
 * it), and all together turned into {@link Settings} only when every field is valid.
 */
public final class SettingsForm {

    public static final String HOURLY_VALUE = "hourlyValue";
    public static final String TIME_ZONE = "timeZone";
    public static final String RESET_TIME = "resetTime";
    public static final String PROXY_PORT = "proxyPort";
    public static final String NOTIFY = "notify";

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /**
     * What the form holds. {@code resetDay} null means "not set"; blank hourly value means "not set".
     * {@code notifyAt} are the threshold fields as typed.
     */
    public record Input(String plan, String timeZone, String resetDay, String resetTime, String hourlyValue,
            String proxyPort, boolean proxyStartsWithApp, List<String> notifyAt, boolean notifyOnReset, boolean tray,
            String theme, List<String> claudeDirs, boolean oauthUsage) {

        /** The form without the OAuth usage switch, which then stays on. */
        public Input(String plan, String timeZone, String resetDay, String resetTime, String hourlyValue,
                String proxyPort, boolean proxyStartsWithApp, List<String> notifyAt, boolean notifyOnReset,
                boolean tray, String theme, List<String> claudeDirs) {
            this(plan, timeZone, resetDay, resetTime, hourlyValue, proxyPort, proxyStartsWithApp, notifyAt,
                    notifyOnReset, tray, theme, claudeDirs, true);
        }
    }

    /** The settings, or null with a message per invalid field. */
    public record Result(Settings settings, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private SettingsForm() {
    }

    public static Result check(Input in) {
        Map<String, String> errors = new LinkedHashMap<>();
        put(errors, HOURLY_VALUE, hourlyValueError(in.hourlyValue()));
        put(errors, TIME_ZONE, zoneError(in.timeZone()));
        put(errors, RESET_TIME, in.resetDay() == null ? null : timeError(in.resetTime()));
        put(errors, PROXY_PORT, portError(in.proxyPort()));
        for (int i = 0; i < in.notifyAt().size(); i++) {
            put(errors, NOTIFY + i, percentError(in.notifyAt().get(i)));
        }
        if (!errors.isEmpty()) {
            return new Result(null, Map.copyOf(errors));
        }
        List<Integer> thresholds = new ArrayList<>();
        in.notifyAt().forEach(t -> thresholds.add(Integer.parseInt(t.strip())));
        String hourly = blankToNull(in.hourlyValue());
        Settings s = Settings.empty().withPlan(blankToNull(in.plan())).withTimeZone(blankToNull(in.timeZone()))
                .withWeeklyReset(in.resetDay(), in.resetDay() == null ? null : time(in.resetTime()).toString())
                .withProxy(Integer.parseInt(in.proxyPort().strip()), in.proxyStartsWithApp())
                .withHourlyValue(hourly == null ? null : Double.parseDouble(hourly))
                .withNotifications(thresholds, in.notifyOnReset())
                .withTray(in.tray()).withTheme(in.theme()).withClaudeDirs(in.claudeDirs())
                .withOauthUsage(in.oauthUsage());
        return new Result(s, Map.of());
    }

    private static void put(Map<String, String> errors, String field, String message) {
        if (message != null) {
            errors.put(field, message);
        }
    }

    /** Blank (not set) or a non-negative number of dollars. */
    public static String hourlyValueError(String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            return v >= 0 && Double.isFinite(v) ? null : "Enter an amount of 0 or more, like 60.";
        } catch (NumberFormatException e) {
            return "Enter a number of dollars, like 60 or 42.50.";
        }
    }

    /** Blank (the system's) or a zone id such as Europe/Madrid. */
    public static String zoneError(String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            ZoneId.of(t);
            return null;
        } catch (DateTimeException e) {
            return "Pick a time zone from the list, like Europe/Madrid.";
        }
    }

    /** HH:MM on a 24-hour clock. */
    public static String timeError(String text) {
        try {
            time(text);
            return null;
        } catch (DateTimeParseException | NullPointerException e) {
            return "Enter a time as HH:MM on a 24-hour clock, like 09:00.";
        }
    }

    public static String portError(String text) {
        try {
            int p = Integer.parseInt(text == null ? "" : text.strip());
            return p >= 1 && p <= 65535 ? null : "A port is a whole number from 1 to 65535.";
        } catch (NumberFormatException e) {
            return "A port is a whole number from 1 to 65535.";
        }
    }

    public static String percentError(String text) {
        try {
            int p = Integer.parseInt(text == null ? "" : text.strip());
            return p >= 1 && p <= 100 ? null : "A percentage from 1 to 100.";
        } catch (NumberFormatException e) {
            return "A percentage from 1 to 100.";
        }
    }

    private static LocalTime time(String text) {
        return LocalTime.parse(text.strip(), HH_MM);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
