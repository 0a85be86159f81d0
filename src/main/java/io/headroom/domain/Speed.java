package io.headroom.domain;

/** Claude's inference speed; fast mode is priced with a per-model multiplier. */
public enum Speed {
    STANDARD("standard"), FAST("fast");

    private final String code;

    Speed(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Null for unknown or absent values: the caller keeps "no speed recorded". */
    public static Speed fromCode(String code) {
        if (code == null) {
            return null;
        }
        for (Speed s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
