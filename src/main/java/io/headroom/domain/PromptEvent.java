package io.headroom.domain;

import java.time.Instant;

/** One user turn (a prompt typed in Claude Code, or a message logged by hand). No text is kept. */
public record PromptEvent(String dedupKey, UsageSource source, Instant timestamp, String project, String sessionId,
        int count) {
}
