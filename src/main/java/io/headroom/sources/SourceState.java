package io.headroom.sources;

/** What a data source is doing, as {@code headroom sources} and the Settings view show it. */
public enum SourceState {
    /** Switched on and read (or ready to be read) without a problem. */
    ON("on"),
    /** Switched off by the user, or not running (the proxy). */
    OFF("off"),
    /** Nothing to read where it looks: no Claude Code folder, no cache file, no login. */
    NOT_FOUND("not found"),
    /** The last read failed; see the problem. What was stored before is kept. */
    ERROR("error"),
    /** Asked recently; it may be asked again only after its interval (or a server's Retry-After). */
    WAITING("waiting"),
    /** Not read yet in this store. */
    UNREAD("not read yet");

    private final String label;

    SourceState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Stable text for JSON and the store: the label with underscores. */
    public String code() {
        return label.replace(' ', '_');
    }

    public static SourceState fromCode(String code) {
        for (SourceState s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        return UNREAD;
    }
}
