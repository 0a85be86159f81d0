package io.headroom.sources.oauth;

/**
 * What looking for Claude Code's login found: a login, nothing (not signed in with a subscription
 * here), or something unusable, said in words that never quote the file.
 */
public sealed interface LoginLookup {

    record Found(ClaudeLogin login) implements LoginLookup {
    }

    record NotFound(String lookedAt) implements LoginLookup {
    }

    record Unreadable(String problem, String fingerprint) implements LoginLookup {
    }
}
