package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.domain.Provenance;
import io.headroom.domain.ProxyCall;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw HTTP through the proxy: byte identity, framing, bounds, refusals and upstream faults. */
class ProxyHttpTest {

    @TempDir
    Path dir;

    private static String post(String scenario, String id, String body, String extra) {
        return "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                + "anthropic-version: 2023-06-01\r\nx-api-key: sk-ant-api03-secret\r\nx-fake-scenario: " + scenario
                + "\r\nx-fake-id: " + id + "\r\n" + extra + "content-length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void responsesAreByteIdenticalForEveryScenario() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            String json = "{\"model\":\"claude-opus-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Hi\"}]}";
            String stream = "{\"model\":\"claude-opus-4-5\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"Hi\"}]}";
            for (String scenario : List.of("", "tool_use", "rate_limit", "spend_limit", "overloaded", "unified",
                    "unified_rejected", "server_tools", "gzip")) {
                for (String body : List.of(json, stream)) {
                    // gzip: compressed bytes pass unchanged (no timestamped deltas inside, to compare them)
                    String extra = scenario.equals("gzip") ? "accept-encoding: gzip\r\nx-fake-events: 0\r\n"
                            : "x-fake-events: 1\r\n";
                    String req = post(scenario, "raw-" + scenario + body.length(), body, extra);
                    String a = ProxyFixture.withoutHopByHop(ProxyFixture.raw(f.fake.port(), req));
                    String b = ProxyFixture.withoutHopByHop(ProxyFixture.raw(f.proxy.port(), req));
                    // one text delta carries the server's send time in ns: the only byte that may differ
                    assertThat(b.replaceAll("t=\\d+", "t=")).as(scenario).isEqualTo(a.replaceAll("t=\\d+", "t="));
                    assertThat(b.length()).isEqualTo(a.length());
                }
            }
            // chunked request bodies pass through too, and HEAD and GET
            String chunked = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n"
                    + "x-fake-id: ch1\r\ntransfer-encoding: chunked\r\n\r\n" + Integer.toHexString(json.length())
                    + "\r\n" + json + "\r\n0\r\n\r\n";
            assertThat(ProxyFixture.withoutHopByHop(ProxyFixture.raw(f.proxy.port(), chunked)))
                    .isEqualTo(ProxyFixture.withoutHopByHop(ProxyFixture.raw(f.fake.port(), chunked)));
            String head = "HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n";
            assertThat(new String(rawHead(f.proxy.port(), head), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200 OK\r\n");
            String models = "GET /v1/models?limit=5 HTTP/1.1\r\nHost: localhost\r\n\r\n";
            assertThat(ProxyFixture.withoutHopByHop(ProxyFixture.raw(f.proxy.port(), models)))
                    .isEqualTo(ProxyFixture.withoutHopByHop(ProxyFixture.raw(f.fake.port(), models)));
        }
    }

    private static byte[] rawHead(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = FakeAnthropic.line(s.getInputStream())) != null && !line.isEmpty()) {
                sb.append(line).append("\r\n");
            }
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void http10ClientGetsTheStreamWithoutChunksEndedByClose() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir);
                Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.setSoTimeout(5000);
            String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":8,\"stream\":true}";
            s.getOutputStream().write(post("", "h10", body, "").replace("HTTP/1.1", "HTTP/1.0")
                    .getBytes(StandardCharsets.UTF_8));
            String r = text(s.getInputStream().readAllBytes());
            assertThat(r).startsWith("HTTP/1.1 200 OK").doesNotContainIgnoringCase("transfer-encoding")
                    .contains("\r\n\r\nevent: message_start\ndata: ").endsWith("data: {\"type\":\"message_stop\"}\n\n");
            ProxyFixture.await(() -> f.count("SELECT count(*) FROM usage_event WHERE request_id = 'req_h10'") == 1,
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void keepAliveCarriesManyRequestsOnOneConnection() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir);
                Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.setSoTimeout(5000);
            String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":8,\"stream\":true}";
            for (int i = 0; i < 5; i++) {
                s.getOutputStream().write(post("", "ka" + i, body, "").getBytes(StandardCharsets.UTF_8));
                String r = new String(ProxyFixture.readResponse(s.getInputStream()), StandardCharsets.ISO_8859_1);
                assertThat(r).startsWith("HTTP/1.1 200 OK").contains("event: message_stop").endsWith("0\r\n\r\n");
            }
            ProxyFixture.await(() -> f.count("SELECT count(*) FROM proxy_call") == 5, Duration.ofSeconds(5));
        }
    }

    @Test
    void boundsAndRefusalsAnswerWithClearErrors() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir, c -> c.withLimits(1000, 2048, Duration.ofMillis(500)))) {
            int port = f.proxy.port();
            String big = "x".repeat(1500);
            assertThat(text(ProxyFixture.raw(port, post("", "b1", big, "")))).startsWith("HTTP/1.1 413")
                    .contains("request_too_large").contains("Headroom proxy");
            String chunkedBig = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\ntransfer-encoding: chunked\r\n\r\n"
                    + "5dc\r\n" + big + "\r\n0\r\n\r\n";
            assertThat(text(ProxyFixture.raw(port, chunkedBig))).startsWith("HTTP/1.1 413");
            String badChunk = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\ntransfer-encoding: chunked\r\n\r\n"
                    + "zz\r\n";
            assertThat(text(ProxyFixture.raw(port, badChunk))).startsWith("HTTP/1.1 400").contains("Malformed");
            String hugeHeader = post("", "b2", "{}", "x-filler: " + "y".repeat(3000) + "\r\n");
            assertThat(text(ProxyFixture.raw(port, hugeHeader))).startsWith("HTTP/1.1 431")
                    .contains("larger than 2048 bytes");
            assertThat(text(ProxyFixture.raw(port, "GET http://example.com/v1/models HTTP/1.1\r\nHost: example.com"
                    + "\r\n\r\n"))).startsWith("HTTP/1.1 403").contains("forwards only to");
            assertThat(text(ProxyFixture.raw(port, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")))
                    .startsWith("HTTP/1.1 405");
            assertThat(text(ProxyFixture.raw(port, "GET /v1/models HTTP/1.1\r\nHost: evil.example\r\n\r\n")))
                    .startsWith("HTTP/1.1 403");
            // absolute form for the upstream itself is fine
            assertThat(text(ProxyFixture.raw(port, "GET " + f.fake.url() + "/v1/models HTTP/1.1\r\nHost: localhost"
                    + "\r\n\r\n"))).startsWith("HTTP/1.1 200");
            // a head that stalls half-way gets 408 after the idle time
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("POST /v1/messages HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.UTF_8));
                assertThat(text(s.getInputStream().readAllBytes())).startsWith("HTTP/1.1 408");
            }
            // an idle keep-alive connection is closed quietly
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(5000);
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(f.proxy.status().rejected()).isGreaterThanOrEqualTo(7);
            assertThat(f.count("SELECT count(*) FROM proxy_call")).isEqualTo(1); // only the upstream's absolute form
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void refusesNonLoopbackBind() throws Exception {
        assertThatThrownBy(() -> new ProxyConfig(InetAddress.getByName("0.0.0.0"), 0, URI.create("http://x"),
                dir.resolve("j"), 1, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    void upstreamRefusedGives502AndSilentUpstreamGives504() throws Exception {
        int closedPort;
        try (ServerSocket tmp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = tmp.getLocalPort();
        }
        List<ProxyCall> calls = new CopyOnWriteArrayList<>();
        ProxyConfig refused = ProxyConfig.defaults(dir.resolve("j1")).withPort(0)
                .withUpstream(URI.create("http://127.0.0.1:" + closedPort));
        try (RecordingProxy p = RecordingProxy.start(refused, batch -> { })) {
            p.addListener(calls::add);
            String r = text(ProxyFixture.raw(p.port(), post("", "f1", "{}", "")));
            assertThat(r).startsWith("HTTP/1.1 502").contains("\"type\":\"error\"").contains("api_error");
        }
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProxyConfig slow = ProxyConfig.defaults(dir.resolve("j2")).withPort(0)
                    .withUpstream(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300));
            try (RecordingProxy p = RecordingProxy.start(slow, batch -> { })) {
                p.addListener(calls::add);
                String r = text(ProxyFixture.raw(p.port(), post("", "f2", "{}", "")));
                assertThat(r).startsWith("HTTP/1.1 504").contains("timeout_error");
            }
        }
        ProxyFixture.await(() -> calls.size() == 2, Duration.ofSeconds(5));
        assertThat(calls).extracting(ProxyCall::status).containsExactly(502, 504);
        assertThat(calls).extracting(ProxyCall::errorType).containsExactly("upstream_unreachable", "upstream_timeout");
    }

    /** What a hand-written upstream does after reading a request head; returns when it is done. */
    private interface Upstream {
        void serve(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /**
     * Starts a one-connection upstream; the latch opens when it sees the proxy close the
     * connection (end of stream or a failed write).
     */
    private static java.util.concurrent.CountDownLatch upstream(ServerSocket server, Upstream behaviour) {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                String l;
                while ((l = FakeAnthropic.line(in)) != null && !l.isEmpty()) {
                    // the request head
                }
                behaviour.serve(in, s.getOutputStream());
                if (in.read() < 0) {
                    closed.countDown();
                }
            } catch (IOException | InterruptedException e) {
                closed.countDown();
            }
        });
        t.setDaemon(true);
        t.start();
        return closed;
    }

    /** Sends a request through a proxy in front of {@code server}, leaves, and returns the recorded call. */
    private ProxyCall leaveEarly(ServerSocket server, java.util.concurrent.CountDownLatch upstreamClosed,
            String request, IoAction whileConnected) throws Exception {
        ProxyConfig c = ProxyConfig.defaults(dir.resolve("j-" + server.getLocalPort())).withPort(0)
                .withUpstream(URI.create("http://127.0.0.1:" + server.getLocalPort()));
        List<ProxyCall> calls = new CopyOnWriteArrayList<>();
        try (RecordingProxy p = RecordingProxy.start(c, batch -> { })) {
            p.addListener(calls::add);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), p.port())) {
                s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                whileConnected.run(s);
            }
            assertThat(upstreamClosed.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            ProxyFixture.await(() -> calls.size() == 1, Duration.ofSeconds(5));
            return calls.get(0);
        }
    }

    private interface IoAction {
        void run(Socket s) throws Exception;
    }

    @Test
    void clientThatDisconnectsCancelsTheUpstreamCall() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // streams pings until its client (the proxy) goes away
            java.util.concurrent.CountDownLatch closed = upstream(endless, (in, out) -> {
                out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n"
                        + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                byte[] ev = "event: ping\ndata: {\"type\": \"ping\"}\n\n".getBytes(StandardCharsets.UTF_8);
                while (true) {
                    out.write((Integer.toHexString(ev.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(ev);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(20);
                }
            });
            ProxyCall call = leaveEarly(endless, closed, post("", "d1", "{\"stream\":true}", ""),
                    s -> s.getInputStream().readNBytes(200));
            assertThat(call.incomplete()).isTrue();
            assertThat(call.errorType()).isEqualTo("client_disconnected");
        }
    }

    @Test
    void clientThatLeavesWhileTheUpstreamThinksCancelsTheCall() throws Exception {
        try (ServerSocket thinking = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // never answers
            java.util.concurrent.CountDownLatch closed = upstream(thinking, (in, out) -> { });
            ProxyCall call = leaveEarly(thinking, closed, "GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n",
                    s -> Thread.sleep(200));
            assertThat(call.errorType()).isEqualTo("client_disconnected");
        }
    }

    @Test
    void transcriptAndProxyCopiesOfOneResponseCountOnce() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir)) {
            String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true}";
            ProxyFixture.raw(f.proxy.port(), post("", "dup1", body, ""));
            ProxyFixture.await(() -> f.count("SELECT count(*) FROM usage_event") == 1, Duration.ofSeconds(5));
            FakeAnthropic.Sent sent = f.fake.sent.get("req_dup1");
            // the same response as Claude Code's transcript records it (message.id + requestId)
            UsageEvent transcript = new UsageEvent(UsageEvent.dedupKey("msg_dup1", "req_dup1", "file:1"),
                    UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, Instant.now(), "claude-sonnet-4-5",
                    new TokenCounts(sent.input(), sent.output(), sent.cache5m(), sent.cache1h(), sent.cacheRead()), 0, 0,
                    null, 0.01, "claude-sonnet-4-5", false, "proj", "sess", "msg_dup1", "req_dup1", false, false);
            new EventStore(f.db).writeNow(EventBatch.ofUsage(List.of(transcript)));
            assertThat(f.count("SELECT count(*) FROM usage_event")).isEqualTo(1);
            assertThat(f.count("SELECT sum(output_tokens) FROM usage_event")).isEqualTo(sent.output());
        }
    }

    @Test
    void journalIsPrivateAndSecretsAreNeverWritten() throws Exception {
        Path journal = dir.resolve("spill.jsonl");
        // a call left in the journal by an earlier run whose store was unavailable
        Journal earlier = new Journal(journal);
        earlier.append(new ProxyCall("x", 1, "POST", "/v1/messages", "m", false, 200, null,
                null, 1, 1, "req", "msg", ProxyConnection.fingerprint("sk-ant-api03-secret"), "api_key", null, null,
                null, null, null, java.util.Map.of(), false));
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("spill.jsonl")).findFirst().orElseThrow();
        }
        // The earlier run ends before the call reached its store, leaving it in its segment.
        earlier.close();
        assertThat(Files.readString(segment)).contains("/v1/messages").doesNotContain("sk-ant-api03-secret");
        if (Files.getFileStore(segment).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(segment))).isEqualTo("rw-------");
        }
        try (ProxyFixture f = new ProxyFixture(dir, c -> new ProxyConfig(c.bindAddress(), 0, c.upstream(), journal,
                c.maxRequestBody(), c.maxHeaderBytes(), c.idleTimeout(), c.connectTimeout(), c.readTimeout(),
                c.maxConnections(), c.queueCapacity()))) {
            ProxyFixture.raw(f.proxy.port(), post("", "sec1", "{}", ""));
            // the proxy replays the journal we wrote and records the new call; no secret in the database
            ProxyFixture.await(() -> f.count("SELECT count(*) FROM proxy_call") == 2, Duration.ofSeconds(10));
            assertThat(Files.readAllBytes(f.db.file()).length).isPositive();
            assertThat(new String(Files.readAllBytes(f.db.file()), StandardCharsets.ISO_8859_1))
                    .doesNotContain("sk-ant-api03-secret");
        }
    }
}
