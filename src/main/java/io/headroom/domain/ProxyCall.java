package io.headroom.domain;

import java.util.Map;

/**
 * What the proxy keeps of one call: no bodies, no secrets. Written to the store, or to the
 * journal while the store is unavailable, and shown to listeners (the dashboard).
 *
 * @param callId        unique per call; the row key that makes journal replays idempotent
 * @param startedAtMs   epoch ms when the request head was read
 * @param status        HTTP status the client received (502/504 when the proxy answered itself)
 * @param errorType     error.type of an error body or in-stream error event, or a proxy fault
 *                      (upstream_unreachable, upstream_timeout, client_disconnected, ...)
 * @param errorCode     error.details.error_code (enforced_spend_limit_reached), or null
 * @param latencyMs     request head read to response end
 * @param ttfbMs        request head read to the upstream response head
 * @param keyFingerprint short SHA-256 prefix of the API key or token, or null
 * @param authKind      api_key / oauth / bearer / none
 * @param usage         token counts seen, or null when the response carried none
 * @param rateLimitHeaders every anthropic-ratelimit-*, anthropic-priority-* and retry-after header
 * @param incomplete    the response stream ended before message_stop
 */
public record ProxyCall(String callId, long startedAtMs, String method, String path, String model,
        boolean stream, int status, String errorType, String errorCode, double latencyMs, double ttfbMs,
        String requestId, String messageId, String keyFingerprint, String authKind, String userAgent, String xApp,
        String sessionId, String speed, Usage usage, Map<String, String> rateLimitHeaders, boolean incomplete) {

    /** Token counts as the response reported them (cumulative counts of the last message_delta). */
    public record Usage(long input, long output, long cacheWrite5m, long cacheWrite1h, long cacheRead,
            int webSearchRequests, int webFetchRequests) {
    }

    public ProxyCall {
        rateLimitHeaders = rateLimitHeaders == null ? Map.of() : Map.copyOf(rateLimitHeaders);
    }

    public String header(String name) {
        return rateLimitHeaders.get(name);
    }
}
