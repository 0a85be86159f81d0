package io.headroom.sources;

import java.time.Duration;
import java.util.List;

/**
 * One place Headroom learns usage from: Claude Code's transcripts, its statusLine, its cached
 * usage, the recording proxy, entries logged by hand, Anthropic's usage endpoints. The
 * {@link SourceRegistry} asks each in turn on every refresh and every read command, keeps its
 * {@link SourceStatus} in the store, and never asks more often than {@link #minInterval()}.
 * A new source is one class (in its own package under {@code io.headroom.sources}) added to the
 * registry; nothing else needs to know it.
 */
public interface Source {

    /** Stable, lower-case, used in JSON and the store ({@code claude_code_cache}). */
    String id();

    /** For people: "Claude Code's cached usage". */
    String displayName();

    /** What it is and what it reads, one sentence. */
    String description();

    /** Where it looks right now (files, folders, addresses); may be empty. */
    List<String> lookedAt();

    /** The least time between two reads, across every Headroom process; zero means every refresh. */
    default Duration minInterval() {
        return Duration.ZERO;
    }

    /**
     * Reads what is new and stores it. Called by the registry only when the interval allows.
     * Problems come back in the status (state {@link SourceState#ERROR} or {@link SourceState#NOT_FOUND});
     * a RuntimeException is caught by the registry and shown the same way, so none reaches the user.
     *
     * @param previous the last status, possibly written by another process; {@link SourceStatus#UNREAD} at first
     */
    SourceStatus read(ReadRequest request, SourceStatus previous);

    /**
     * The status to show without reading: sources that are pushed to (proxy, manual entries)
     * report their live state here. The default shows the last read.
     */
    default SourceStatus current(SourceStatus previous) {
        return previous;
    }
}
