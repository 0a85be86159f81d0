package io.headroom.cli;

import java.util.Locale;

/** Number formats for tables. */
final class Formats {

    private Formats() {
    }

    static String tokens(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String usd(double v) {
        return String.format(Locale.ROOT, "$%,.2f", v);
    }
}
