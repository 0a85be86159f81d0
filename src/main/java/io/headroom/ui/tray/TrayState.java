package io.headroom.ui.tray;

import io.headroom.domain.notify.Wording;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the tray icon shows, decided without AWT: the 5-hour percentage as icon text, its level
 * (the dashboard gauge's: warn from 70%, high from 90%) and the tooltip.
 *
 * @param iconText whole percent rounded down ("62"), "!" at or past the limit, "–" when unknown
 * @param fraction how much of the ring to fill, 0-1; 0 when unknown
 */
public record TrayState(String iconText, Level level, double fraction, String tooltip) {

    public enum Level { NONE, OK, WARN, HIGH }

    /** Before the first refresh. */
    public static TrayState starting() {
        return new TrayState("–", Level.NONE, 0, "Headroom: reading your usage…");
    }

    public static TrayState of(WindowStatus fiveHour, WindowStatus weekly, Instant now) {
        Double p = fiveHour.window() == null ? null : fiveHour.usedPercent();
        String text = p == null ? "–" : p >= 100 ? "!" : String.valueOf((long) Math.floor(Math.max(0, p)));
        double fraction = p == null ? 0 : Math.min(1, Math.max(0, p / 100));
        String tooltip = line("5-hour", fiveHour, now) + "\n" + line("Weekly", weekly, now);
        return new TrayState(text, level(p), fraction, tooltip);
    }

    static Level level(Double percent) {
        if (percent == null) {
            return Level.NONE;
        }
        return percent >= 90 ? Level.HIGH : percent >= 70 ? Level.WARN : Level.OK;
    }

    /** "5-hour: 62% used · resets in 1 h 20 min". */
    static String line(String name, WindowStatus st, Instant now) {
        if (st == null || st.window() == null) {
            return name + ": no window running";
        }
        Double p = st.usedPercent();
        String used = p == null ? "usage unknown" : p >= 100 ? "limit reached" : Wording.percent(p) + " used";
        Instant end = st.window().end();
        return name + ": " + used + (end == null ? "" : " · resets in " + Wording.span(Duration.between(now, end)));
    }
}
