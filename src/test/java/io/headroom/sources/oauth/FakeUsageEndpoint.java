package io.headroom.sources.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Anthropic's {@code GET /api/oauth/usage} on loopback, as the reference (section 9) describes it:
 * it refuses a request without {@code Authorization: Bearer <token>} for the one token it knows
 * (401, Anthropic's error JSON) or without {@code anthropic-beta: oauth-2025-04-20} (400), and
 * otherwise plays the replies it was given in order (the last one repeats): a body, a 429 with
 * Retry-After, a 401, a slow answer, a stalled body, garbage. It counts every request it receives,
 * so tests can prove how often Headroom asked.
 */
public final class FakeUsageEndpoint implements AutoCloseable {

    public static final String TOKEN = "sk-ant-oat01-FAKE-test-token-1f2e3d4c5b6a-do-not-leak";
    private static final String AUTH_ERROR = """
            {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. \
            Please obtain a new token or refresh your existing token."}}""";
    private static final String BETA_ERROR = """
            {"type":"error","error":{"type":"invalid_request_error","message":"OAuth authentication is currently \
            not supported."}}""";
    private static final String RATE_ERROR = """
            {"type":"error","error":{"type":"rate_limit_error","message":"Rate limited. Please try again later."}}""";

    /** One answer the endpoint gives. */
    public record Reply(int status, String body, Map<String, String> headers, Duration delayBeforeHeaders,
            Duration stallInBody) {

        public static Reply ok(String body) {
            return new Reply(200, body, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        public static Reply rateLimited(String retryAfter) {
            return new Reply(429, RATE_ERROR, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter),
                    Duration.ZERO, Duration.ZERO);
        }

        public static Reply unauthorized() {
            return new Reply(401, AUTH_ERROR, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        /** A 200 whose headers come only after {@code delay}. */
        public static Reply slow(Duration delay, String body) {
            return new Reply(200, body, Map.of(), delay, Duration.ZERO);
        }

        /** Headers and half the body at once, the rest after {@code stall}. */
        public static Reply stalledBody(Duration stall, String body) {
            return new Reply(200, body, Map.of(), Duration.ZERO, stall);
        }
    }

    /** What one request carried (headers as received, lower-cased names). */
    public record Request(String method, String path, String authorization, String beta) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final List<Request> seen = new ArrayList<>();
    private Reply last = Reply.ok(UsageBodies.reference());

    public FakeUsageEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Replies for the next requests, in order; the last one keeps being given. */
    public synchronized FakeUsageEndpoint reply(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    /** Every request received, accepted or not. */
    public int requests() {
        return requests.get();
    }

    /** Requests that passed the header checks and got a scripted reply. */
    public int served() {
        return served.get();
    }

    public synchronized List<Request> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String beta = exchange.getRequestHeaders().getFirst("anthropic-beta");
            synchronized (this) {
                seen.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), auth, beta));
            }
            if (!exchange.getRequestURI().getPath().equals("/api/oauth/usage")) {
                send(exchange, 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\"}}");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"}}");
                return;
            }
            if (auth == null || !auth.equals("Bearer " + TOKEN)) {
                send(exchange, 401, AUTH_ERROR);
                return;
            }
            if (beta == null || !List.of(beta.split(",")).stream().map(String::strip).toList()
                    .contains("oauth-2025-04-20")) {
                send(exchange, 400, BETA_ERROR);
                return;
            }
            Reply reply = next();
            served.incrementAndGet();
            sleep(reply.delayBeforeHeaders());
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (reply.stallInBody().isZero()) {
                    out.write(body);
                } else {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    sleep(reply.stallInBody());
                    out.write(body, body.length / 2, body.length - body.length / 2);
                }
            }
        } catch (IOException closedByClient) {
            // A client that gave up on a slow answer closes the connection under us.
        }
    }

    private synchronized Reply next() {
        if (!replies.isEmpty()) {
            last = replies.poll();
        }
        return last;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
