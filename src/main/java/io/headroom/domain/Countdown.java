package io.headroom.domain;

import java.time.Duration;
import java.util.Locale;

/**
 * How long until a reset reads, in the command line, the Overview cards, the tray and
 * notifications alike. Time left is cut, never rounded, as a clock counts down: the coarse form is
 * the precise one without its last unit, so a sentence and the ticking countdown beside it agree.
 */
public final class Countdown {

    private Countdown() {
    }

    /** "2 d 03 h", "2 h 05 min", "12 min", "under 1 min". */
    public static String of(Duration left) {
        long s = seconds(left);
        if (s >= 86_400) {
            return String.format(Locale.ROOT, "%d d %02d h", s / 86_400, s % 86_400 / 3600);
        }
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? s / 60 + " min" : "under 1 min";
    }

    /** One unit finer, for a countdown that ticks: "2 d 03 h 05 min", "2 h 05 min 09 s", "1 min 01 s", "7 s". */
    public static String precise(Duration left) {
        long s = seconds(left);
        if (s >= 86_400) {
            return String.format(Locale.ROOT, "%d d %02d h %02d min", s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
        }
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min %02d s", s / 3600, s % 3600 / 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    private static long seconds(Duration left) {
        return Math.max(0, left.getSeconds());
    }
}
