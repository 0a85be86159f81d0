package io.headroom.ingest.claudecode;

/** Why a transcript line was not used. Counted per reason and shown by {@code import --json}. */
public enum SkipReason {
    MALFORMED_JSON("malformed_json", "not valid JSON"),
    INVALID_UTF8("invalid_utf8", "not valid UTF-8"),
    WRONG_TYPE("wrong_type", "a field has the wrong type"),
    BAD_NUMBER("bad_number", "a token count is negative or absurdly large"),
    MISSING_FIELD("missing_field", "a required field (timestamp, model) is missing"),
    BAD_TIMESTAMP("bad_timestamp", "the timestamp cannot be read");

    private final String code;
    private final String description;

    SkipReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
