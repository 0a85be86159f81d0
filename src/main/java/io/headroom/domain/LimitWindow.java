package io.headroom.domain;

/** Which allowance a limit applies to. */
public enum LimitWindow {
    FIVE_HOUR("five_hour"),
    WEEKLY("weekly"),
    WEEKLY_OPUS("weekly_opus"),
    WEEKLY_SONNET("weekly_sonnet"),
    /** The message named no window ("You've hit your limit"). */
    UNSPECIFIED("unspecified");

    private final String code;

    LimitWindow(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static LimitWindow fromCode(String code) {
        for (LimitWindow w : values()) {
            if (w.code.equals(code)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown limit window: " + code);
    }
}
