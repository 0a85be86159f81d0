package io.headroom.domain;

import java.time.Instant;

/**
 * One API response's usage. {@code dedupKey} identifies the response across files and sources:
 * the same response seen in a transcript and by the proxy has the same key and counts once.
 */
public record UsageEvent(
        String dedupKey,
        UsageSource source,
        Provenance provenance,
        Instant timestamp,
        String model,
        TokenCounts tokens,
        int webSearchRequests,
        int webFetchRequests,
        Speed speed,
        double costUsd,
        String pricedAs,
        boolean priceEstimated,
        String project,
        String sessionId,
        String messageId,
        String requestId,
        boolean sidechain,
        boolean incomplete) {

    /**
     * Key on (message.id, requestId) when both exist, as ccusage does; else on the line itself.
     * Every key of a message starts with {@code m:<message id>|}, so all copies of one message
     * (the sidechain rule) are one index range.
     */
    public static String dedupKey(String messageId, String requestId, String fallback) {
        if (messageId == null) {
            return "l:" + fallback;
        }
        return messagePrefix(messageId) + (requestId != null ? "r:" + requestId : "l:" + fallback);
    }

    public static String messagePrefix(String messageId) {
        return "m:" + messageId + "|";
    }
}
