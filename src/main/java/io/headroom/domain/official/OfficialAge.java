package io.headroom.domain.official;

import io.headroom.domain.UsageSource;
import java.time.Duration;
import java.time.Instant;

/** How fresh an official reading is, and where it came from, in the words every view uses. */
public final class OfficialAge {

    /** Older than this, an official figure is marked stale: the usage endpoint itself is asked every 5-15 minutes. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(15);

    private OfficialAge() {
    }

    public static boolean stale(Instant observedAt, Instant now) {
        return Duration.between(observedAt, now).compareTo(STALE_AFTER) > 0;
    }

    /** "from Claude Code", "from claude.ai": what the badge names as the reading's origin. */
    public static String from(UsageSource source) {
        return switch (source) {
            case OAUTH_USAGE -> "from Anthropic";
            case CLAUDE_AI -> "from claude.ai";
            case CLAUDE_CODE_CACHE -> "from Claude Code";
            case STATUSLINE -> "from the status line";
            case PROXY -> "from the proxy";
            case MANUAL -> "entered by you";
            case CLAUDE_CODE_LOG -> "from Claude Code's transcripts";
            case OTEL -> "from Claude Code's telemetry";
        };
    }

    /** "just now", "3 min ago", "2 h ago", "4 days ago"; a reading stamped ahead of the clock is "just now". */
    public static String ago(Instant observedAt, Instant now) {
        long minutes = Duration.between(observedAt, now).toMinutes();
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 60) {
            return minutes + " min ago";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h ago";
        }
        return hours / 24 + " days ago";
    }
}
