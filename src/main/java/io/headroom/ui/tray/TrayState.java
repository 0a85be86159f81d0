package io.headroom.ui.tray;

import io.headroom.domain.windows.WindowStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the tray icon shows, decided without AWT: the 5-hour percentage as icon text, its level
 * (the dashboard gauge's: warn from 70%, high from 90%), the status line at the top of the menu
 * and the tooltip.
 *
 * @param iconText whole percent rounded down ("62"), "!" at or past the limit, "–" when unknown
 * @param fraction how much of the ring to fill, 0-1; 0 when unknown
 * @param statusLine "5h 82% · resets 18:25 · week 41%", the menu's first (disabled) item
 * @param tooltip one line: the Linux tray's tooltip draws no line breaks and cuts at 64 characters
 */
public record TrayState(String iconText, Level level, double fraction, String statusLine, String tooltip) {

    public enum Level { NONE, OK, WARN, HIGH }

    /** What the X11 tray tooltip shows at most; longer text is cut mid-word there. */
    static final int TOOLTIP_MAX = 64;

    private static final String SEP = " · ";
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    /** Before the first refresh. */
    public static TrayState starting() {
        return new TrayState("–", Level.NONE, 0, "Reading your usage…", "Headroom: reading your usage…");
    }

    /** @param zone the user's zone, in which reset times read as clock times */
    public static TrayState of(WindowStatus fiveHour, WindowStatus weekly, Instant now, ZoneId zone) {
        Double p = fiveHour == null || fiveHour.window() == null ? null : fiveHour.usedPercent();
        String text = p == null ? "–" : p >= 100 ? "!" : String.valueOf((long) Math.floor(Math.max(0, p)));
        double fraction = p == null ? 0 : Math.min(1, Math.max(0, p / 100));
        String five = fivePart(fiveHour, zone);
        String week = weekPart(weekly, now, zone, true);
        String status = five + SEP + week;
        return new TrayState(text, level(p), fraction, status, tooltip(status, five + SEP + weekPart(weekly, now,
                zone, false)));
    }

    static Level level(Double percent) {
        if (percent == null) {
            return Level.NONE;
        }
        return percent >= 90 ? Level.HIGH : percent >= 70 ? Level.WARN : Level.OK;
    }

    /** "5h 82% · resets 18:25", "5h limit reached · resets 18:28", "5h idle". */
    static String fivePart(WindowStatus st, ZoneId zone) {
        if (st == null || st.window() == null) {
            return "5h idle";
        }
        String reset = st.window().end() == null ? "" : SEP + "resets " + HM.format(st.window().end().atZone(zone));
        return "5h " + used(st.usedPercent()) + reset;
    }

    /**
     * "week 41%"; at the limit also when it resets ("week limit reached · resets Mon 09:00"), the
     * day named unless it is today, since a weekly reset is days away.
     */
    static String weekPart(WindowStatus st, Instant now, ZoneId zone, boolean withReset) {
        if (st == null || st.window() == null) {
            return "week idle";
        }
        Double p = st.usedPercent();
        String part = "week " + used(p);
        Instant end = st.window().end();
        if (withReset && p != null && p >= 100 && end != null) {
            ZonedDateTime t = end.atZone(zone);
            part += SEP + "resets " + (LocalDate.ofInstant(now, zone).equals(t.toLocalDate()) ? HM : DAY_HM).format(t);
        }
        return part;
    }

    private static String used(Double p) {
        if (p == null) {
            return "usage unknown";
        }
        return p >= 100 ? "limit reached" : (long) Math.floor(Math.max(0, p)) + "%";
    }

    /** The status line, named when there is room; the weekly reset is the first to go when there is not. */
    private static String tooltip(String status, String shorter) {
        for (String t : new String[] {"Headroom" + SEP + status, status, "Headroom" + SEP + shorter, shorter}) {
            if (t.length() <= TOOLTIP_MAX) {
                return t;
            }
        }
        return shorter.substring(0, TOOLTIP_MAX - 1) + "…";
    }
}
