package io.headroom.ingest.claudecode;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitMessage;
import io.headroom.domain.LimitMessageParser;
import io.headroom.domain.PromptEvent;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.pricing.PriceMatch;
import io.headroom.domain.pricing.PriceTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Turns a parsed line into an event: usage for real responses, an error (or limit hit) for
 * Claude Code's synthetic error lines, a prompt for a user turn. Synthetic lines never count as
 * usage.
 */
final class LineInterpreter {

    private static final String SYNTHETIC = "<synthetic>";
    private static final int MAX_SUMMARY = 240;

    private final PriceTable prices;
    private final ZoneId userZone;

    LineInterpreter(PriceTable prices, ZoneId userZone) {
        this.prices = prices;
        this.userZone = userZone;
    }

    /** Whether problems on this line matter: lines of other types carry nothing Headroom uses. */
    static boolean relevant(ParsedLine line) {
        return line.type == null || "assistant".equals(line.type) || "user".equals(line.type)
                || "progress".equals(line.type);
    }

    UsageEvent usage(ParsedLine line, ParsedLine outer, String fallbackKey, String project, String session) {
        if (line.model == null) {
            throw new Skip(SkipReason.MISSING_FIELD);
        }
        Instant at = timestamp(line.timestamp != null ? line.timestamp : outer.timestamp);
        long w5m;
        long w1h;
        if (line.hasCacheBreakdown) {
            w5m = line.cache5m;
            w1h = line.cache1h;
        } else {
            w5m = line.cacheCreation;
            w1h = 0;
        }
        TokenCounts tokens = new TokenCounts(line.input, line.output, w5m, w1h, line.cacheRead);
        Speed speed = Speed.fromCode(line.speed);
        PriceMatch match = prices.resolve(line.model, at);
        double cost = prices.cost(match.price(), tokens, speed);
        String requestId = line.requestId != null ? line.requestId : outer.requestId;
        return new UsageEvent(UsageEvent.dedupKey(line.messageId, requestId, fallbackKey),
                UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, at, line.model, tokens, line.webSearch,
                line.webFetch, speed, cost, match.price().id(), match.isEstimate(), project, session, line.messageId,
                requestId, line.sidechain || outer.sidechain, false);
    }

    ErrorEvent error(ParsedLine line, String fallbackKey, String project, String session) {
        Instant at = timestamp(line.timestamp);
        String text = line.firstText == null ? "" : line.firstText.strip();
        Optional<LimitMessage> limit = LimitMessageParser.parse(text, at, userZone);
        ErrorCategory category = limit.isPresent() ? ErrorCategory.USAGE_LIMIT : categorize(line, text);
        return new ErrorEvent(ErrorEvent.dedupKey(line.requestId, "l:" + fallbackKey), UsageSource.CLAUDE_CODE_LOG, at,
                category, line.error,
                line.apiErrorStatus, limit.map(LimitMessage::window).orElse(null),
                limit.map(LimitMessage::resetAt).orElse(null), summary(text), project, session, line.requestId);
    }

    PromptEvent prompt(ParsedLine line, String fallbackKey, String project, String session) {
        return new PromptEvent("l:" + fallbackKey, UsageSource.CLAUDE_CODE_LOG, timestamp(line.timestamp), project,
                session, 1);
    }

    static boolean isPrompt(ParsedLine line) {
        return "user".equals(line.type) && !line.sidechain && !line.meta
                && (line.content == ParsedLine.Content.STRING || line.content == ParsedLine.Content.TEXT);
    }

    static boolean isSyntheticNonError(ParsedLine line) {
        return SYNTHETIC.equals(line.model) && !line.apiError;
    }

    static ErrorCategory categorize(ParsedLine line, String text) {
        Integer status = line.apiErrorStatus;
        if (text.contains("not your usage limit")) {
            return ErrorCategory.SERVER_THROTTLE;
        }
        if ("rate_limit".equals(line.error) || (status != null && status == 429)) {
            return ErrorCategory.RATE_LIMIT;
        }
        if ((status != null && status == 529) || text.contains("Overloaded")) {
            return ErrorCategory.OVERLOADED;
        }
        if (text.contains("Connection closed") || ("server_error".equals(line.error) && status == null)) {
            return ErrorCategory.CONNECTION;
        }
        if ("server_error".equals(line.error) || (status != null && status >= 500)) {
            return ErrorCategory.SERVER_ERROR;
        }
        return ErrorCategory.OTHER;
    }

    private static String summary(String text) {
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY) + "…";
    }

    private static Instant timestamp(String text) {
        if (text == null) {
            throw new Skip(SkipReason.MISSING_FIELD);
        }
        Instant at = Timestamps.parse(text);
        if (at == null) {
            throw new Skip(SkipReason.BAD_TIMESTAMP);
        }
        return at;
    }

    /** A line that cannot become an event, and why. */
    static final class Skip extends RuntimeException {
        final SkipReason reason;

        Skip(SkipReason reason) {
            super(reason.code(), null, false, false);
            this.reason = reason;
        }
    }
}
