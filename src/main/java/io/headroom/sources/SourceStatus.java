package io.headroom.sources;

import java.time.Instant;

/**
 * A source's last outcome. Kept in the store between runs (through {@link SourceRegistry}), so it
 * must never hold a secret or text the user wrote.
 *
 * @param lastRead   what the last successful read brought, in words ("3 readings, fetched 06:12 UTC"); null if none
 * @param lastReadAt when that read happened
 * @param askedAt    when the source was last asked, successfully or not (rate-limited sources wait from here)
 * @param notBefore  the earliest it may be asked again beyond its interval (a server's Retry-After), or null
 * @param problem    the last read's problem, fit to show; null when it went well
 * @param marker     the source's own note of what it has seen (a file's size and time), to skip unchanged input
 */
public record SourceStatus(SourceState state, String lastRead, Instant lastReadAt, Instant askedAt, Instant notBefore,
        String problem, String marker) {

    public static final SourceStatus UNREAD = new SourceStatus(SourceState.UNREAD, null, null, null, null, null, null);

    /** A read that went well. */
    public static SourceStatus read(String what, Instant at, String marker) {
        return new SourceStatus(SourceState.ON, what, at, at, null, null, marker);
    }

    /** This outcome in {@code state} with {@code problem}, keeping what was read before. */
    public SourceStatus failed(SourceState newState, String newProblem, Instant at, String newMarker) {
        return new SourceStatus(newState, lastRead, lastReadAt, at, notBefore, newProblem, newMarker);
    }

    public SourceStatus withState(SourceState newState, String newProblem) {
        return new SourceStatus(newState, lastRead, lastReadAt, askedAt, notBefore, newProblem, marker);
    }

    public SourceStatus withNotBefore(Instant at) {
        return new SourceStatus(state, lastRead, lastReadAt, askedAt, at, problem, marker);
    }
}
