package io.headroom.proxy;

import io.headroom.domain.ProxyCall;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished call as the request thread hands it over: metadata plus the taps that watched the
 * bodies. Turning it into a {@link ProxyCall} (decoding JSON) happens on the recorder thread.
 */
final class PendingCall {

    String callId;
    long startedAtMs;
    String method;
    String path;
    String keyFingerprint;
    String authKind;
    String userAgent;
    String xApp;
    String sessionId;
    int status;
    double latencyMs;
    double ttfbMs;
    String requestId;
    boolean sse;
    final Map<String, String> rateLimitHeaders = new LinkedHashMap<>();
    ResponseTap response;
    RequestCapture request;
    /** Set when the proxy itself ended the call abnormally: upstream_unreachable, stream_cut, ... */
    String fault;
    boolean cut;
    /** Set by the recorder when queued. */
    long retainedBytes;
    /** The decoded call, once written ahead to the journal (the taps stay: a cut call is decoded again). */
    ProxyCall record;
    /** The journal segment holding {@code record}, or null when the journal could not be written. */
    Journal.Segment segment;
    /** Set when the call failed after it was journaled (the client left during the last bytes). */
    boolean stale;

    void outcomeChanged() {
        stale = record != null;
    }

    /** Memory held by the taps while the call waits for the recorder. */
    long retained() {
        return 512L + (request == null ? 0 : request.retained()) + (response == null ? 0 : response.retained());
    }

    ProxyCall toRecord() {
        if (request != null) {
            request.decode();
        }
        String model = null;
        String errorType = fault;
        String errorCode = null;
        String messageId = null;
        ProxyCall.Usage usage = null;
        boolean incomplete = cut;
        if (response != null) {
            response.decode();
            model = response.model;
            messageId = response.messageId;
            usage = response.usage.result();
            if (response.errorType != null) {
                errorType = response.errorType;
                errorCode = response.errorCode;
            }
            if (sse && response.sawStart() && !response.sawStop()) {
                incomplete = true;
            }
        }
        if (model == null && request != null) {
            model = request.model;
        }
        boolean stream = sse || (request != null && Boolean.TRUE.equals(request.stream));
        String speed = request == null ? null : request.speed;
        return new ProxyCall(callId, startedAtMs, method, path, model, stream, status, errorType, errorCode,
                latencyMs, ttfbMs, requestId, messageId, keyFingerprint, authKind, userAgent, xApp, sessionId, speed,
                usage, rateLimitHeaders, incomplete);
    }
}
