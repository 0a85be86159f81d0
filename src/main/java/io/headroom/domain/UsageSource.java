package io.headroom.domain;

/** Where a record came from. Stored as its code, so codes never change once shipped. */
public enum UsageSource {
    CLAUDE_CODE_LOG("claude_code_log"),
    PROXY("proxy"),
    STATUSLINE("statusline"),
    MANUAL("manual"),
    /** Anthropic's OAuth usage endpoint, read with Claude Code's login. */
    OAUTH_USAGE("oauth_usage"),
    /** claude.ai's usage endpoint, read with the user's session key. */
    CLAUDE_AI("claude_ai"),
    /** The usage Claude Code itself last fetched, cached in its {@code .claude.json}. */
    CLAUDE_CODE_CACHE("claude_code_cache"),
    /** Claude Code's OpenTelemetry export, received over OTLP/HTTP. */
    OTEL("otel");

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
