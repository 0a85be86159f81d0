package io.headroom.domain;

/** What an API error means for the user's headroom. */
public enum ErrorCategory {
    /** A subscription usage limit was reached: the user is blocked until the reset. */
    USAGE_LIMIT("usage_limit"),
    /** A per-minute API rate limit (RPM/ITPM/OTPM) or spend cap. */
    RATE_LIMIT("rate_limit"),
    /** Server-side throttling that is explicitly not the user's usage limit. */
    SERVER_THROTTLE("server_throttle"),
    /** 529: Anthropic is overloaded; not the user's quota. */
    OVERLOADED("overloaded"),
    /** The response stream broke before it finished. */
    CONNECTION("connection"),
    SERVER_ERROR("server_error"),
    OTHER("other");

    private final String code;

    ErrorCategory(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ErrorCategory fromCode(String code) {
        for (ErrorCategory c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        return OTHER;
    }
}
