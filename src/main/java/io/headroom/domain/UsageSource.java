package io.headroom.domain;

/** Where a record came from. Stored as its code. */
public enum UsageSource {
    CLAUDE_CODE_LOG("claude_code_log"),
    PROXY("proxy"),
    STATUSLINE("statusline"),
    MANUAL("manual");

    private final String code;

    UsageSource(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static UsageSource fromCode(String code) {
        for (UsageSource s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown source: " + code);
    }
}
