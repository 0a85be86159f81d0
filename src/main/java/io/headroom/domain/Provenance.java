package io.headroom.domain;

/**
 * How much a figure can be trusted, shown next to every number. MEASURED is usage counted from a
 * local record (a transcript line, a proxied response); the others label limits and percentages.
 */
public enum Provenance {
    OFFICIAL("official", "Reported by Anthropic (statusLine or rate-limit headers)"),
    LIMIT_EVENT("limit_event", "Derived from a limit-reached message"),
    MANUAL("manual", "Entered by you"),
    MEASURED("measured", "Counted from local transcripts or the recording proxy"),
    ESTIMATE("estimate", "Estimated locally from your history");

    private final String code;
    private final String explanation;

    Provenance(String code, String explanation) {
        this.code = code;
        this.explanation = explanation;
    }

    public String code() {
        return code;
    }

    public String explanation() {
        return explanation;
    }

    public static Provenance fromCode(String code) {
        for (Provenance p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provenance: " + code);
    }
}
