package io.headroom.sources.claudeai;

import java.time.Instant;

/** What one round of asking claude.ai came back with. None of these carries the session key. */
public sealed interface ClaudeAiAnswer {

    /** 200 with a usage body for {@code organization} (the parser reads it). */
    record Read(String organization, String body, Instant receivedAt) implements ClaudeAiAnswer {
    }

    /** 429: nobody may ask again before {@code askAgainAt}. */
    record RateLimited(Instant askAgainAt) implements ClaudeAiAnswer {
    }

    /** 401 or 403: the session key is no longer accepted. */
    record Expired() implements ClaudeAiAnswer {
    }

    /** Anything else: another status, no organization with usage, a timeout, a refused connection. */
    record Failed(String problem) implements ClaudeAiAnswer {
    }
}
