package io.headroom.ui.api;

import io.headroom.domain.Figures;
import java.util.Locale;

/** How the API tab writes numbers. */
final class ApiText {

    private ApiText() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String usd(double v) {
        return v < 0.01 && v > 0 ? String.format(Locale.ROOT, "$%.4f", v) : Figures.usd(v);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** "3 of 1,000 (0.3%)", or "3 · limit not reported yet". */
    static String usedOf(long used, Long limit) {
        if (limit == null || limit == 0) {
            return count(used) + " · no limit reported yet";
        }
        return count(used) + " of " + count(limit) + " (" + percent((double) used / limit) + ")";
    }

    /** "2 of 40 (5.0%)". */
    static String share(long count, long total) {
        return count(count) + " of " + count(total) + (total == 0 ? "" : " (" + percent((double) count / total) + ")");
    }
}
