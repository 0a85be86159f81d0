package io.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for api.anthropic.com, faithful to the reference: JSON responses with
 * Content-Length, SSE streams chunked with one event per chunk (flushed each), request-id and
 * anthropic-ratelimit-* headers, Anthropic error bodies (429 with retry-after, spend-limit 429
 * without, 529), in-stream error events, cut streams and the unified subscription headers.
 *
 * <p>The scenario comes from the {@code x-fake-scenario} request header: json/stream follow the
 * body's "stream" flag; tool_use, server_tools, rate_limit, spend_limit, overloaded, stream_error,
 * cut, unified. {@code x-fake-id} fixes the ids (for byte comparisons); {@code x-fake-events}
 * sets the number of text deltas, each carrying the server's send time in nanoseconds.
 */
public final class FakeAnthropic implements AutoCloseable {

    /** The usage the server reported for a response (final cumulative values). */
    record Sent(String requestId, String messageId, String model, long input, long output, long cache5m,
            long cache1h, long cacheRead, int webSearch, boolean complete) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-anthropic");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ids = new AtomicLong();
    private final String prefix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    final Map<String, Sent> sent = new ConcurrentHashMap<>();
    final List<Map<String, String>> requestHeaders = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicLong requests = new AtomicLong();
    volatile boolean recordHeaders = true;
    private volatile boolean open = true;

    public FakeAnthropic() throws IOException {
        this(null);
    }

    /** Serves https with {@code tls}'s certificate when given. */
    FakeAnthropic(javax.net.ssl.SSLContext tls) throws IOException {
        server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        Thread t = new Thread(this::accept, "fake-anthropic-accept");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void accept() {
        while (open) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream(), 16384);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16384);
            while (true) {
                String startLine = line(in);
                if (startLine == null) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                String l;
                while ((l = line(in)) != null && !l.isEmpty()) {
                    int c = l.indexOf(':');
                    headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
                }
                byte[] body = body(in, headers);
                requests.incrementAndGet();
                if (recordHeaders) {
                    Map<String, String> copy = new LinkedHashMap<>(headers);
                    copy.put(":start-line", startLine);
                    requestHeaders.add(copy);
                }
                if (!respond(startLine, headers, body, out, s)) {
                    return;
                }
            }
        } catch (IOException e) {
            // client left
        }
    }

    private boolean respond(String startLine, Map<String, String> h, byte[] body, OutputStream out, Socket s)
            throws IOException {
        String path = startLine.split(" ")[1];
        String method = startLine.split(" ")[0];
        if (method.equals("HEAD")) {
            write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\n");
            out.flush();
            return true;
        }
        if (path.startsWith("/v1/models")) {
            json(out, 200, "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\"}],\"has_more\":false}",
                    base("req_models"));
            return true;
        }
        JsonNode req = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        String scenario = h.getOrDefault("x-fake-scenario", "");
        String id = h.containsKey("x-fake-id") ? h.get("x-fake-id") : prefix + ids.incrementAndGet();
        String requestId = "req_" + id;
        String messageId = "msg_" + id;
        String model = req.path("model").asText("claude-sonnet-4-5");
        boolean stream = req.path("stream").asBoolean(false);
        Map<String, String> headers = base(requestId);
        if (path.startsWith("/v1/messages/count_tokens")) {
            json(out, 200, "{\"input_tokens\":42}", headers);
            return true;
        }
        switch (scenario) {
            case "rate_limit" -> {
                headers.put("retry-after", "7");
                headers.put("anthropic-ratelimit-requests-remaining", "0");
                json(out, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of "
                        + "request tokens has exceeded your per-minute rate limit (https://docs.anthropic.com/en/api/"
                        + "rate-limits); see the response headers for current usage.\"},\"request_id\":\"" + requestId
                        + "\"}", headers);
                return true;
            }
            case "spend_limit" -> {
                json(out, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"You have "
                        + "reached your API usage limits: your organization's monthly spend limit. You will regain "
                        + "access on 2026-12-01 at 00:00 UTC.\",\"details\":{\"error_code\":"
                        + "\"enforced_spend_limit_reached\"}},\"request_id\":\"" + requestId + "\"}", headers);
                return true;
            }
            case "overloaded" -> {
                json(out, 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                        + "\"Overloaded\"},\"request_id\":\"" + requestId + "\"}", headers);
                return true;
            }
            case "unified_rejected" -> {
                unified(headers, "1.02", "rejected");
                json(out, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"This "
                        + "request would exceed your account's rate limit. Please try again later.\"},"
                        + "\"request_id\":\"" + requestId + "\"}", headers);
                return true;
            }
            default -> { }
        }
        if (scenario.equals("unified")) {
            unified(headers, "0.26", "allowed");
        }
        boolean gzipped = scenario.equals("gzip") && h.getOrDefault("accept-encoding", "").contains("gzip");
        long input = 25 + body.length % 100;
        long cache5m = 1200;
        long cache1h = 300;
        long cacheRead = 5000;
        if (!stream) {
            long output = 15;
            String content = scenario.equals("tool_use")
                    ? "[{\"type\":\"text\",\"text\":\"Let me check.\"},{\"type\":\"tool_use\",\"id\":\"toolu_" + id
                            + "\",\"name\":\"get_weather\",\"input\":{\"location\":\"Paris\"}}]"
                    : "[{\"type\":\"text\",\"text\":\"Hello! How can I help you today?\"}]";
            String stop = scenario.equals("tool_use") ? "tool_use" : "end_turn";
            int search = scenario.equals("server_tools") ? 2 : 0;
            String doc = "{\"id\":\"" + messageId + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                    + model + "\",\"content\":" + content + ",\"stop_reason\":\"" + stop + "\",\"stop_sequence\":null,"
                    + "\"usage\":" + usage(input, output, cache5m, cache1h, cacheRead, search) + "}";
            sent.put(requestId, new Sent(requestId, messageId, model, input, output, cache5m, cache1h, cacheRead,
                    search, true));
            if (gzipped) {
                ByteArrayOutputStream z = new ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(z)) {
                    g.write(doc.getBytes(StandardCharsets.UTF_8));
                }
                headers.put("content-encoding", "gzip");
                StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
                headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
                head.append("content-length: ").append(z.size()).append("\r\n\r\n");
                write(out, head.toString());
                out.write(z.toByteArray());
                out.flush();
                return true;
            }
            json(out, 200, doc, headers);
            return true;
        }
        // streaming
        headers.put("content-type", "text/event-stream; charset=utf-8");
        headers.put("cache-control", "no-cache");
        headers.put("transfer-encoding", "chunked");
        headers.remove("content-length");
        if (gzipped) {
            headers.put("content-encoding", "gzip");
        }
        Gzip gz = gzipped ? new Gzip() : null;
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        write(out, head.toString());
        out.flush();
        int deltas = Integer.parseInt(h.getOrDefault("x-fake-events", "3"));
        long output = 1;
        event(out, gz, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + messageId
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"" + model
                + "\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
                + usage(input, 1, cache5m, cache1h, cacheRead, -1) + "}}");
        boolean tool = scenario.equals("tool_use");
        event(out, gz, "content_block_start", tool
                ? "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":"
                        + "\"toolu_" + id + "\",\"name\":\"get_weather\",\"input\":{}}}"
                : "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        event(out, gz, "ping", "{\"type\": \"ping\"}");
        for (int i = 0; i < deltas; i++) {
            if (scenario.equals("cut") && i == 1) {
                sent.put(requestId, new Sent(requestId, messageId, model, input, 1, cache5m, cache1h, cacheRead, 0,
                        false));
                s.setSoLinger(true, 0);
                return false; // connection reset in the middle of the stream
            }
            String delta = tool
                    ? "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"location\\\": \\\"Paris" + i + "\"}"
                    : "{\"type\":\"text_delta\",\"text\":\"t=" + System.nanoTime() + " \"}";
            event(out, gz, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":" + delta + "}");
            output += 5;
        }
        if (scenario.equals("stream_error")) {
            event(out, gz, "error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
                    + "\"Overloaded\"}}");
            endStream(out, gz);
            sent.put(requestId, new Sent(requestId, messageId, model, input, 1, cache5m, cache1h, cacheRead, 0, false));
            return true;
        }
        event(out, gz, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        int search = scenario.equals("server_tools") ? 3 : 0;
        String deltaUsage = search > 0 ? usage(input, output, cache5m, cache1h, cacheRead, search)
                : "{\"output_tokens\":" + output + "}";
        event(out, gz, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                + (tool ? "tool_use" : "end_turn") + "\",\"stop_sequence\":null},\"usage\":" + deltaUsage + "}");
        event(out, gz, "message_stop", "{\"type\":\"message_stop\"}");
        endStream(out, gz);
        sent.put(requestId, new Sent(requestId, messageId, model, input, output, cache5m, cache1h, cacheRead, search,
                true));
        return true;
    }

    private static String usage(long input, long output, long c5, long c1, long read, int search) {
        return "{\"input_tokens\":" + input + ",\"cache_creation_input_tokens\":" + (c5 + c1)
                + ",\"cache_read_input_tokens\":" + read + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":" + c5
                + ",\"ephemeral_1h_input_tokens\":" + c1 + "},\"output_tokens\":" + output
                + (search >= 0 ? ",\"server_tool_use\":{\"web_search_requests\":" + search + "}" : "")
                + ",\"service_tier\":\"standard\"}";
    }

    private static void unified(Map<String, String> h, String fiveHour, String status) {
        String p = "anthropic-ratelimit-unified-";
        h.put(p + "status", status);
        h.put(p + "5h-status", status);
        h.put(p + "5h-reset", "1775455200");
        h.put(p + "5h-utilization", fiveHour);
        h.put(p + "7d-status", "allowed");
        h.put(p + "7d-reset", "1775973600");
        h.put(p + "7d-utilization", "0.19");
        h.put(p + "representative-claim", "five_hour");
        h.put(p + "fallback-percentage", "0.5");
        h.put(p + "reset", "1775455200");
        h.put(p + "overage-status", "rejected");
        h.put(p + "overage-disabled-reason", "org_level_disabled");
    }

    private static Map<String, String> base(String requestId) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.put("request-id", requestId);
        h.put("anthropic-organization-id", "11111111-2222-3333-4444-555555555555");
        h.put("anthropic-ratelimit-requests-limit", "1000");
        h.put("anthropic-ratelimit-requests-remaining", "999");
        h.put("anthropic-ratelimit-requests-reset", "2026-11-27T18:00:01Z");
        h.put("anthropic-ratelimit-input-tokens-limit", "450000");
        h.put("anthropic-ratelimit-input-tokens-remaining", "449000");
        h.put("anthropic-ratelimit-input-tokens-reset", "2026-11-27T18:00:01Z");
        h.put("anthropic-ratelimit-output-tokens-limit", "90000");
        h.put("anthropic-ratelimit-output-tokens-remaining", "90000");
        h.put("anthropic-ratelimit-output-tokens-reset", "2026-11-27T18:00:01Z");
        h.put("anthropic-ratelimit-tokens-limit", "540000");
        h.put("anthropic-ratelimit-tokens-remaining", "539000");
        h.put("anthropic-ratelimit-tokens-reset", "2026-11-27T18:00:01Z");
        h.put("connection", "keep-alive");
        h.put("x-should-retry", "false");
        return h;
    }

    private static void json(OutputStream out, int status, String doc, Map<String, String> headers)
            throws IOException {
        byte[] b = doc.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : status == 429
                ? "Too Many Requests" : status == 529 ? "Overloaded" : "Error") + "\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("content-length: ").append(b.length).append("\r\n\r\n");
        write(out, head.toString());
        out.write(b);
        out.flush();
    }

    /** A gzip stream whose output is sent as one chunk per flushed event. */
    private static final class Gzip {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final java.util.zip.GZIPOutputStream gz;

        Gzip() throws IOException {
            gz = new java.util.zip.GZIPOutputStream(buf, true);
        }
    }

    private static void event(OutputStream out, Gzip gz, String name, String data) throws IOException {
        byte[] b = ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        if (gz != null) {
            gz.gz.write(b);
            gz.gz.flush();
            b = gz.buf.toByteArray();
            gz.buf.reset();
        }
        chunk(out, b);
    }

    private static void chunk(OutputStream out, byte[] b) throws IOException {
        write(out, Integer.toHexString(b.length) + "\r\n");
        out.write(b);
        write(out, "\r\n");
        out.flush();
    }

    private static void endStream(OutputStream out, Gzip gz) throws IOException {
        if (gz != null) {
            gz.gz.finish();
            chunk(out, gz.buf.toByteArray());
        }
        write(out, "0\r\n\r\n");
        out.flush();
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    static byte[] body(InputStream in, Map<String, String> h) throws IOException {
        if (h.containsKey("content-length")) {
            return in.readNBytes(Integer.parseInt(h.get("content-length")));
        }
        if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    return out.toByteArray();
                }
                out.write(in.readNBytes(size));
                line(in);
            }
        }
        return new byte[0];
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        pool.shutdownNow();
    }
}
