package io.headroom.sources.oauth;

/**
 * Claude Code's OAuth access token, held only in memory for one request. Its text never appears in
 * {@link #toString}, so a log line or message that prints it by mistake shows nothing secret.
 */
public final class AccessToken {

    private final String value;

    AccessToken(String value) {
        this.value = value;
    }

    /** Only for the Authorization header. */
    String bearer() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }
}
