package io.headroom.sources.claudeai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * claude.ai's two usage calls on loopback, as reference section 9 describes them: the
 * organizations list and one organization's usage, both only with the cookie
 * {@code sessionKey=<the valid key>}; any other cookie gets 401 as an expired key does. The usage
 * answer can be switched to a 429 with Retry-After or to garbage. Every request is recorded.
 */
final class FakeClaudeAi implements AutoCloseable {

    static final String ORG_WITHOUT_USAGE = "0b1e7a44-api-only";
    static final String ORG = "5c2f0d6e-8a3b-4e71-9c1d-2f7a9b0e6d41";

    enum Mode { USAGE, RATE_LIMITED, GARBAGE, SERVER_ERROR }

    record Request(String method, String path, String cookie) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String validKey;
    private volatile Mode mode = Mode.USAGE;
    private volatile String retryAfter = "120";
    private final String usageBody;

    FakeClaudeAi(String validKey) throws IOException {
        this.validKey = validKey;
        try (InputStream in = FakeClaudeAi.class.getResourceAsStream("/claudeai/usage.json")) {
            this.usageBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void validKey(String key) {
        validKey = key;
    }

    void mode(Mode m) {
        mode = m;
    }

    void retryAfter(String value) {
        retryAfter = value;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long usageRequests() {
        return requests.stream().filter(r -> r.path().equals("/api/organizations/" + ORG + "/usage")).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String cookie = ex.getRequestHeaders().getFirst("Cookie");
        requests.add(new Request(ex.getRequestMethod(), path, cookie));
        if (!"GET".equals(ex.getRequestMethod())) {
            send(ex, 405, "{\"error\":\"method\"}");
            return;
        }
        if (cookie == null || !cookie.equals("sessionKey=" + validKey)) {
            send(ex, 401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                    + "\"message\":\"Invalid authorization\"}}");
            return;
        }
        if (path.equals("/api/organizations")) {
            send(ex, 200, "[{\"uuid\":\"" + ORG_WITHOUT_USAGE + "\",\"name\":\"API\",\"capabilities\":[\"api\"]},"
                    + "{\"uuid\":\"" + ORG + "\",\"name\":\"someone@example.com's Organization\","
                    + "\"capabilities\":[\"chat\",\"claude_max\"],\"rate_limit_tier\":\"default_claude_max_5x\"}]");
            return;
        }
        if (path.equals("/api/organizations/" + ORG_WITHOUT_USAGE + "/usage")) {
            send(ex, 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\"}}");
            return;
        }
        if (path.equals("/api/organizations/" + ORG + "/usage")) {
            switch (mode) {
                case RATE_LIMITED -> {
                    ex.getResponseHeaders().add("Retry-After", retryAfter);
                    send(ex, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"}}");
                }
                case GARBAGE -> send(ex, 200, "<html><body>Just a moment...</body></html>");
                case SERVER_ERROR -> send(ex, 503, "upstream");
                default -> send(ex, 200, usageBody);
            }
            return;
        }
        send(ex, 404, "{}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
