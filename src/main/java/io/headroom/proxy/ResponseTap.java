package io.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Watches a response body go by. An SSE stream is split into events on blank lines (reads may
 * split events anywhere); only the data of message_start, message_delta and error is kept (a few
 * hundred bytes), every other event is skipped without copying. Bodies and kept events are
 * decoded by the recorder thread ({@link #decode()}), off the request path.
 */
final class ResponseTap implements Bodies.Tap {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_JSON = 8 * 1024 * 1024;
    private static final int MAX_LINE = 4 * 1024 * 1024;
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private final boolean sse;
    /** gzip-encoded bodies are captured as they pass and inflated on the recorder thread. */
    private final boolean gzip;
    private byte[] compressed;
    private int compressedLen;

    // JSON body capture
    private byte[] json;
    private int jsonLen;

    // SSE state
    private byte[] line = new byte[256];
    private int lineLen;
    private boolean skipLine;
    private boolean lineOverflow;
    private String event;
    private final StringBuilder data = new StringBuilder();
    private String startData;
    private final List<String> deltaData = new ArrayList<>(1);
    private String errorData;
    private boolean sawStop;

    // decoded
    final UsageParser usage = new UsageParser();
    String messageId;
    String model;
    String errorType;
    String errorCode;

    /** @param expectedLength the body length if known (a capture buffer of that size), else -1 */
    ResponseTap(boolean sse, boolean captureJson, long expectedLength) {
        this(sse, captureJson, expectedLength, null);
    }

    /** @param contentEncoding the response's Content-Encoding, or null */
    ResponseTap(boolean sse, boolean captureJson, long expectedLength, String contentEncoding) {
        this.sse = sse;
        this.gzip = contentEncoding != null
                && (contentEncoding.equalsIgnoreCase("gzip") || contentEncoding.equalsIgnoreCase("x-gzip"));
        if (gzip) {
            compressed = new byte[(int) Math.min(MAX_JSON, expectedLength >= 0 ? expectedLength : 4096)];
            return;
        }
        if (!sse && captureJson) {
            json = new byte[(int) Math.min(MAX_JSON, expectedLength >= 0 ? expectedLength : 4096)];
        }
    }

    @Override
    public void accept(byte[] b, int off, int len) {
        if (gzip) {
            if (compressedLen + len <= MAX_JSON) {
                if (compressedLen + len > compressed.length) {
                    compressed = Arrays.copyOf(compressed,
                            Math.min(MAX_JSON, Math.max(compressed.length * 2, compressedLen + len)));
                }
                System.arraycopy(b, off, compressed, compressedLen, len);
                compressedLen += len;
            }
            return;
        }
        scan(b, off, len);
    }

    private void scan(byte[] b, int off, int len) {
        if (sse) {
            int end = off + len;
            int i = off;
            while (i < end) {
                int nl = i;
                while (nl < end && b[nl] != '\n') {
                    nl++;
                }
                append(b, i, nl - i);
                if (nl == end) {
                    return;
                }
                endLine();
                i = nl + 1;
            }
        } else if (json != null && jsonLen + len <= MAX_JSON) {
            if (jsonLen + len > json.length) {
                json = Arrays.copyOf(json, Math.min(MAX_JSON, Math.max(json.length * 2, jsonLen + len)));
            }
            System.arraycopy(b, off, json, jsonLen, len);
            jsonLen += len;
        }
    }

    private void append(byte[] b, int off, int len) {
        if (skipLine || len == 0) {
            return;
        }
        if (lineLen + len > MAX_LINE) {
            lineOverflow = true;
            skipLine = true;
            return;
        }
        if (lineLen + len > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + len));
        }
        System.arraycopy(b, off, line, lineLen, len);
        lineLen += len;
    }

    private void endLine() {
        int n = lineLen;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        boolean skipped = skipLine && !lineOverflow;
        lineLen = 0;
        skipLine = false;
        lineOverflow = false;
        if (skipped) {
            return;
        }
        if (n == 0) {
            dispatch();
            return;
        }
        if (startsWith(line, n, EVENT)) {
            event = new String(line, EVENT.length, n - EVENT.length, StandardCharsets.UTF_8).trim();
        } else if (startsWith(line, n, DATA) && interesting()) {
            int from = n > DATA.length && line[DATA.length] == ' ' ? DATA.length + 1 : DATA.length;
            if (data.length() > 0) {
                data.append('\n');
            }
            data.append(new String(line, from, n - from, StandardCharsets.UTF_8));
        }
        if (event != null && !interesting()) {
            skipLine = true; // the next line (this event's data) is skipped without copying
        }
    }

    private static boolean startsWith(byte[] b, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
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
        if (name == null) {
            // data-only event: the type is inside
            if (payload.contains("\"message_start\"")) {
                name = "message_start";
            } else if (payload.contains("\"message_delta\"")) {
                name = "message_delta";
            } else if (payload.contains("\"message_stop\"")) {
                name = "message_stop";
            } else if (payload.contains("\"error\"")) {
                name = "error";
            } else {
                return;
            }
        }
        switch (name) {
            case "message_start" -> startData = payload;
            case "message_delta" -> deltaData.add(payload);
            case "message_stop" -> sawStop = true;
            case "error" -> errorData = payload;
            default -> {
                // other or future events pass through untouched
            }
        }
    }

    /** Bytes held for this call until the recorder decodes it. */
    int retained() {
        return (json == null ? 0 : json.length) + (compressed == null ? 0 : compressed.length) + line.length
                + data.length();
    }

    boolean sawStart() {
        return startData != null;
    }

    boolean sawStop() {
        return sawStop;
    }

    /** Decodes what was kept (on the recorder thread). */
    void decode() {
        if (gzip) {
            inflate();
        }
        if (sse) {
            JsonNode start = parse(startData);
            if (start != null) {
                JsonNode m = start.path("message");
                messageId = text(m, "id");
                model = text(m, "model");
                usage.apply(m.get("usage"));
            }
            for (String d : deltaData) {
                JsonNode delta = parse(d);
                if (delta != null) {
                    usage.apply(delta.get("usage"));
                }
            }
            JsonNode error = parse(errorData);
            if (error != null) {
                errorType = text(error.path("error"), "type");
                errorCode = text(error.path("error").path("details"), "error_code");
            }
            return;
        }
        if (json == null || jsonLen == 0) {
            return;
        }
        try {
            JsonNode node = MAPPER.readTree(json, 0, jsonLen);
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

    /** Inflates the captured gzip body and scans it as if it had passed uncompressed; a cut body yields its start. */
    private void inflate() {
        if (compressedLen == 0) {
            return;
        }
        if (!sse) {
            json = new byte[Math.max(4096, compressedLen * 4)];
        }
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(compressed, 0, compressedLen))) {
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                scan(buf, 0, n);
            }
        } catch (java.io.IOException cut) {
            // keep what was inflated before the cut
        }
        compressed = null;
    }

    private static JsonNode parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
