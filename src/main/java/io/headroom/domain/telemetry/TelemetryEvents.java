package io.headroom.domain.telemetry;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitMessage;
import io.headroom.domain.LimitMessageParser;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.pricing.PriceMatch;
import io.headroom.domain.pricing.PriceTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Claude Code's telemetry events mean for Headroom: each {@code claude_code.api_request} is
 * one usage event keyed by its {@code request_id} (the transcript's {@code requestId}, the
 * proxy's {@code request-id}), so a call also seen in a transcript or by the proxy counts once;
 * each {@code claude_code.api_error} is an error event. Prompts, responses and tool events carry
 * nothing Headroom counts and are passed over; nothing of their text is kept.
 */
public final class TelemetryEvents {

    public static final String API_REQUEST = "api_request";
    public static final String API_ERROR = "api_error";
    private static final String PREFIX = "claude_code.";
    private static final int MAX_SUMMARY = 200;
    /** Claude Code writes the model's context suffix in metrics ({@code claude-opus-4-8[1m]}); prices know the bare id. */
    private static final Pattern CONTEXT_SUFFIX = Pattern.compile("\\[[^\\]]*\\]$");
    private static final Pattern ERROR_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+_error)\"");
    private static final Pattern STATUS_IN_TEXT = Pattern.compile("^(?:API Error: )?(\\d{3})\\b");

    /**
     * One call as the API answered it (200, or the error's status; 0 when no response came), for
     * the count of requests: kept apart from usage, whose row a transcript's copy may replace.
     */
    public record Call(String key, java.time.Instant at, String model, int status, String requestId) {
    }

    /** What a batch of records gave: events to store, the calls, and per record that could not be read, why. */
    public record Reading(List<UsageEvent> usage, List<ErrorEvent> errors, List<Call> calls, List<String> rejected,
            int passedOver) {
    }

    private TelemetryEvents() {
    }

    public static Reading read(List<TelemetryRecord> records, PriceTable prices, ZoneId zone) {
        List<UsageEvent> usage = new ArrayList<>();
        List<ErrorEvent> errors = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int passedOver = 0;
        for (TelemetryRecord r : records) {
            String name = eventName(r);
            try {
                if (API_REQUEST.equals(name)) {
                    UsageEvent u = usage(r, prices);
                    usage.add(u);
                    calls.add(new Call(u.dedupKey(), u.timestamp(), u.model(), 200, u.requestId()));
                } else if (API_ERROR.equals(name)) {
                    ErrorEvent e = error(r, zone);
                    errors.add(e);
                    String model = model(r.text("model"));
                    calls.add(new Call("e:" + e.dedupKey(), e.timestamp(), model == null ? "unknown" : model,
                            e.httpStatus() == null ? 0 : e.httpStatus(), e.requestId()));
                } else {
                    passedOver++;
                }
            } catch (IllegalArgumentException e) {
                rejected.add(name + " at " + r.time() + ": " + e.getMessage());
            }
        }
        return new Reading(usage, errors, calls, rejected, passedOver);
    }

    /** {@code api_request} from the {@code event.name} attribute, or from the body {@code claude_code.api_request}. */
    static String eventName(TelemetryRecord r) {
        String n = r.text("event.name");
        if (n == null || n.isBlank()) {
            n = r.name();
        }
        if (n == null) {
            return "";
        }
        return n.startsWith(PREFIX) ? n.substring(PREFIX.length()) : n;
    }

    static UsageEvent usage(TelemetryRecord r, PriceTable prices) {
        String model = model(r.text("model"));
        if (model == null) {
            throw new IllegalArgumentException("no model");
        }
        long input = tokens(r, "input_tokens", true);
        long output = tokens(r, "output_tokens", true);
        long cacheRead = tokens(r, "cache_read_tokens", false);
        long cacheCreation = tokens(r, "cache_creation_tokens", false);
        Speed speed = speed(r.text("speed"));
        PriceMatch match = prices.resolve(model, r.time());
        // The events do not split cache writes by lifetime; Claude Code's own cost tells which it paid for.
        TokenCounts fiveMinutes = new TokenCounts(input, output, cacheCreation, 0, cacheRead);
        TokenCounts oneHour = new TokenCounts(input, output, 0, cacheCreation, cacheRead);
        double cost5m = prices.cost(match.price(), fiveMinutes, speed);
        double cost1h = prices.cost(match.price(), oneHour, speed);
        Double reported = number(r.attributes().get("cost_usd"));
        boolean hourLong = cacheCreation > 0 && reported != null && matches(reported, cost1h)
                && !matches(reported, cost5m);
        TokenCounts tokens = hourLong ? oneHour : fiveMinutes;
        String requestId = blankToNull(r.text("request_id"));
        String key = requestId != null ? requestKey(requestId) : fallbackKey(r);
        return new UsageEvent(key, UsageSource.OTEL, Provenance.MEASURED, r.time(), model, tokens, 0, 0, speed,
                hourLong ? cost1h : cost5m, match.price().id(), match.isEstimate(), null,
                blankToNull(r.text("session.id")), null, requestId, false, false);
    }

    /**
     * Claude Code's cost names the cache lifetime only when its price table is ours; when its
     * prices differ (a model it prices otherwise) neither figure matches and 5 minutes, its
     * default, is assumed.
     */
    private static boolean matches(double reported, double computed) {
        return Math.abs(reported - computed) <= Math.max(1e-6, computed * 0.001);
    }

    /** The key of a call known only by its request id; {@code r:} is no other source's usage prefix. */
    public static String requestKey(String requestId) {
        return "r:" + requestId;
    }

    static ErrorEvent error(TelemetryRecord r, ZoneId zone) {
        String text = r.text("error");
        text = text == null ? "" : text.strip();
        Integer status = status(r.text("status_code"), text);
        Optional<LimitMessage> limit = LimitMessageParser.parse(text, r.time(), zone);
        String type = null;
        Matcher m = ERROR_TYPE.matcher(text);
        if (m.find()) {
            type = m.group(1);
        }
        ErrorCategory category = limit.isPresent() ? ErrorCategory.USAGE_LIMIT : categorize(status, type, text);
        String requestId = blankToNull(r.text("request_id"));
        String summary = text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY) + "…";
        return new ErrorEvent(ErrorEvent.dedupKey(requestId, fallbackKey(r)), UsageSource.OTEL, r.time(), category,
                type, status, limit.map(LimitMessage::window).orElse(null), limit.map(LimitMessage::resetAt).orElse(null),
                summary.isEmpty() ? null : summary, null, blankToNull(r.text("session.id")), requestId);
    }

    static ErrorCategory categorize(Integer status, String type, String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("not your usage limit")) {
            return ErrorCategory.SERVER_THROTTLE;
        }
        if ("rate_limit_error".equals(type) || (status != null && status == 429)) {
            return ErrorCategory.RATE_LIMIT;
        }
        if ("overloaded_error".equals(type) || (status != null && status == 529) || lower.contains("overloaded")) {
            return ErrorCategory.OVERLOADED;
        }
        if (status == null && (lower.contains("connection") || lower.contains("timed out") || lower.contains("timeout"))) {
            return ErrorCategory.CONNECTION;
        }
        if ("api_error".equals(type) || (status != null && status >= 500)) {
            return ErrorCategory.SERVER_ERROR;
        }
        return ErrorCategory.OTHER;
    }

    /** {@code status_code} is a number, a numeric string or "undefined" (no response); else the text's leading status. */
    private static Integer status(String given, String text) {
        if (given != null) {
            try {
                int s = Integer.parseInt(given.strip());
                if (s >= 100 && s <= 599) {
                    return s;
                }
            } catch (NumberFormatException notANumber) {
                // "undefined": the call got no HTTP response
            }
        }
        Matcher m = STATUS_IN_TEXT.matcher(text);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    static String model(String raw) {
        if (raw == null) {
            return null;
        }
        String m = CONTEXT_SUFFIX.matcher(raw.strip()).replaceFirst("");
        return m.isEmpty() ? null : m;
    }

    private static long tokens(TelemetryRecord r, String key, boolean required) {
        Object raw = r.attributes().get(key);
        if (raw == null) {
            if (required) {
                throw new IllegalArgumentException("no " + key);
            }
            return 0;
        }
        Long v = r.whole(key);
        if (v == null || v < 0) {
            throw new IllegalArgumentException(key + " is not a count of tokens: " + raw);
        }
        return v;
    }

    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Claude Code says "normal" where the API and transcripts say "standard". */
    static Speed speed(String code) {
        return "normal".equals(code) ? Speed.STANDARD : Speed.fromCode(code);
    }

    /**
     * A record without a request id is keyed by its session and sequence number (unique per session
     * and the same on a resend), or, lacking those, by all its attributes.
     */
    static String fallbackKey(TelemetryRecord r) {
        String session = blankToNull(r.text("session.id"));
        String sequence = blankToNull(r.text("event.sequence"));
        if (session != null && sequence != null) {
            return "otel:" + session + ":" + sequence;
        }
        StringBuilder all = new StringBuilder(eventName(r)).append('|').append(r.time());
        new TreeMap<>(r.attributes()).forEach((k, v) -> all.append('|').append(k).append('=').append(v));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes(StandardCharsets.UTF_8));
            return "otel:h:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
