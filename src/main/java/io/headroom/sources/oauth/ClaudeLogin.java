package io.headroom.sources.oauth;

import java.time.Instant;

/**
 * The login Claude Code keeps, as read a moment ago. {@code fingerprint} identifies this version of
 * the credentials (a SHA-256 of what was read) so a rejected login can be told apart from a new one
 * without keeping the token; {@code expiresAt} is null when the file does not say.
 *
 * @param where the file or Keychain item it came from, for messages
 */
public record ClaudeLogin(AccessToken token, Instant expiresAt, String subscriptionType, String fingerprint,
        String where) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
