package io.headroom.sources.oauth;

import java.time.Instant;

/** What one request to the usage endpoint came back with. */
public sealed interface UsageAnswer {

    /** 200 with a body (not yet understood: that is the parser's job). */
    record Read(String body, Instant receivedAt) implements UsageAnswer {
    }

    /** 429: nobody may ask again before {@code askAgainAt}. */
    record RateLimited(Instant askAgainAt) implements UsageAnswer {
    }

    /** 401: the login was refused; only Claude Code can renew it. */
    record Unauthorized() implements UsageAnswer {
    }

    /** Anything else: another status, a timeout, a refused connection. Never carries a secret. */
    record Failed(String problem) implements UsageAnswer {
    }
}
