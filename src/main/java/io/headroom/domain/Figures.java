package io.headroom.domain;

import java.util.Locale;

/** How money and token counts read everywhere: the command line, the window and the reports. */
public final class Figures {

    private Figures() {
    }

    /** "$1,234.56". */
    public static String usd(double v) {
        return String.format(Locale.ROOT, "$%,.2f", v);
    }

    /** "1,234,567". */
    public static String tokens(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
