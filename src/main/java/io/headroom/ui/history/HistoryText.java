package io.headroom.ui.history;

import java.util.Locale;

/** How the History view writes its numbers (the same forms as the Overview). */
final class HistoryText {

    private HistoryText() {
    }

    /** Axis labels: 1.2M, 340k, 12. */
    static String compactTokens(double n) {
        double a = Math.abs(n);
        if (a >= 1e9) {
            return trim(n / 1e9) + "G";
        }
        if (a >= 1e6) {
            return trim(n / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(n / 1e3) + "k";
        }
        return trim(n);
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
