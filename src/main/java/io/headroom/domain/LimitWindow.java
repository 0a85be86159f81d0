package io.headroom.domain;

/** Which allowance a limit applies to. */
public enum LimitWindow {
    FIVE_HOUR("five_hour"),
    WEEKLY("weekly"),
    WEEKLY_OPUS("weekly_opus"),
    WEEKLY_SONNET("weekly_sonnet"),
    /**
     * A weekly allowance of something Headroom has no window for yet (another model, or a product
     * such as {@code seven_day_cowork}); the sample's model field names it. Kept so a new limit is
     * shown and its history survives until it gets a window of its own.
     */
    WEEKLY_SCOPED("weekly_scoped"),
    /** A reading under a key Headroom does not know at all; the sample's model field holds the key. */
    OTHER("other"),
    /** The message named no window ("You've hit your limit"). */
    UNSPECIFIED("unspecified");

    private final String code;

    LimitWindow(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * A limit hit logged by hand names no window: a reset within 5 hours of the hit (2 minutes of
     * slack for clocks and rounding) is the 5-hour window's, a later one the week's.
     */
    public static LimitWindow ofLoggedHit(java.time.Instant hit, java.time.Instant reset) {
        return java.time.Duration.between(hit, reset).compareTo(LOGGED_FIVE_HOUR_RESET) <= 0 ? FIVE_HOUR : WEEKLY;
    }

    private static final java.time.Duration LOGGED_FIVE_HOUR_RESET = java.time.Duration.ofHours(5).plusMinutes(2);

    public static LimitWindow fromCode(String code) {
        for (LimitWindow w : values()) {
            if (w.code.equals(code)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown limit window: " + code);
    }
}
