package io.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Watches a response body go by. An SSE stream is split into events on blank lines (events may be
 * split across reads anywhere) and only message_start, message_delta, message_stop and error are
 * decoded; everything else is skipped without copying. A JSON body is kept (bounded) and decoded
 * by the recorder thread, off the request path.
 */
final class ResponseTap implements Bodies.Tap {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_JSON = 8 * 1024 * 1024;
    private static final int MAX_EVENT = 4 * 1024 * 1024;

    private final boolean sse;
    private final ByteArrayOutputStream json;

    // SSE state
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private String event;
    private boolean skipLine;
    private boolean lineOverflow;
    final UsageParser usage = new UsageParser();
    String messageId;
    String model;
    String errorType;
    String errorCode;
    boolean sawStop;
    boolean sawStart;

    ResponseTap(boolean sse, boolean captureJson) {
        this.sse = sse;
        this.json = !sse && captureJson ? new ByteArrayOutputStream(4096) : null;
    }

    @Override
    public void accept(byte[] b, int off, int len) {
        if (sse) {
            for (int i = off; i < off + len; i++) {
                byte c = b[i];
                if (c == '\n') {
                    endLine();
                } else if (!skipLine) {
                    if (line.size() >= MAX_EVENT) {
                        lineOverflow = true;
                        skipLine = true;
                    } else {
                        line.write(c);
                    }
                }
            }
        } else if (json != null && json.size() + len <= MAX_JSON) {
            json.write(b, off, len);
        }
    }

    /** Whether the line being read is the data of an event we do not decode. */
    private void endLine() {
        byte[] raw = line.toByteArray();
        int n = raw.length;
        if (n > 0 && raw[n - 1] == '\r') {
            n--;
        }
        boolean skipped = skipLine;
        line.reset();
        skipLine = false;
        if (skipped && !lineOverflow) {
            return;
        }
        lineOverflow = false;
        if (n == 0) {
            dispatch();
            return;
        }
        String s = new String(raw, 0, n, StandardCharsets.UTF_8);
        if (s.startsWith("event:")) {
            event = s.substring(6).trim();
        } else if (s.startsWith("data:") && interesting()) {
            if (data.length() > 0) {
                data.append('\n');
            }
            data.append(s, s.startsWith("data: ") ? 6 : 5, s.length());
        }
        if (event != null && !interesting()) {
            skipLine = true; // skip the following data line(s) byte by byte without buffering them
        }
    }

    private boolean interesting() {
        return event == null || event.equals("message_start") || event.equals("message_delta")
                || event.equals("message_stop") || event.equals("error");
    }

    private void dispatch() {
        String name = event;
        String payload = data.toString();
        event = null;
        data.setLength(0);
        skipLine = false;
        if (payload.isEmpty()) {
            if ("message_stop".equals(name)) {
                sawStop = true;
            }
            return;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(payload);
        } catch (Exception e) {
            return;
        }
        String type = name != null ? name : node.path("type").asText("");
        switch (type) {
            case "message_start" -> {
                sawStart = true;
                JsonNode m = node.path("message");
                messageId = text(m, "id");
                model = text(m, "model");
                usage.apply(m.get("usage"));
            }
            case "message_delta" -> usage.apply(node.get("usage"));
            case "message_stop" -> sawStop = true;
            case "error" -> {
                errorType = text(node.path("error"), "type");
                errorCode = text(node.path("error").path("details"), "error_code");
            }
            default -> {
                // Other or future events pass through untouched.
            }
        }
    }

    /** Decodes a captured JSON body (called on the recorder thread). */
    void decodeJson() {
        if (json == null || json.size() == 0) {
            return;
        }
        try {
            JsonNode node = MAPPER.readTree(json.toByteArray());
            if ("error".equals(text(node, "type"))) {
                errorType = text(node.path("error"), "type");
                errorCode = text(node.path("error").path("details"), "error_code");
                return;
            }
            messageId = "message".equals(text(node, "type")) ? text(node, "id") : null;
            model = text(node, "model");
            usage.apply(node.get("usage"));
        } catch (Exception e) {
            // Not JSON (or cut): nothing to record beyond the call itself.
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
