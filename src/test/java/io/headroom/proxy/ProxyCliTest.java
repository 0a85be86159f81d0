package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.cli.HeadroomCommand;
import io.headroom.config.DataDirectory;
import io.headroom.domain.ProxyCall;
import io.headroom.service.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom proxy} and {@code headroom api} end to end, and the API headroom figures. */
class ProxyCliTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = HeadroomCommand.execute(new HeadroomCommand(db -> new Workspace(new DataDirectory(dir),
                    db, Map.of(), dir)), args);
            assertThat(code).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void proxyCommandRecordsAndReportsIncludeIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (FakeAnthropic fake = new FakeAnthropic()) {
            Future<String> proxy = Executors.newSingleThreadExecutor().submit(() -> run("proxy", "--port",
                    Integer.toString(port), "--upstream", fake.url(), "--duration", "3"));
            String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"stream\":true}";
            String req = "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\nauthorization: Bearer "
                    + "sk-ant-oat01-token\r\nx-fake-scenario: unified\r\nx-fake-id: cli1\r\ncontent-length: "
                    + body.length() + "\r\n\r\n" + body;
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String response = null;
            while (response == null && System.nanoTime() < end) {
                try {
                    response = new String(ProxyFixture.raw(port, req), StandardCharsets.ISO_8859_1);
                } catch (java.net.ConnectException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(response).startsWith("HTTP/1.1 200");
            String out = proxy.get();
            assertThat(out).contains("Recording proxy on http://127.0.0.1:" + port)
                    .contains("POST /v1/messages?beta=true  claude-sonnet-4-5  200 stream")
                    .contains("Stopped. 1 calls, 1 recorded").doesNotContain("sk-ant-oat01-token");
        }
        JsonNode daily = new ObjectMapper().readTree(run("daily", "--json", "--no-import"));
        assertThat(daily.path("totals").path("outputTokens").asLong()).isEqualTo(16);
        JsonNode api = new ObjectMapper().readTree(run("api", "--json"));
        JsonNode key = api.path("keys").get(0);
        assertThat(key.path("modelClass").asText()).isEqualTo("sonnet");
        assertThat(key.path("lastMinute").path("requests").path("limit").asLong()).isEqualTo(1000);
        assertThat(key.path("tier").asText()).isEqualTo("Tier 2");
        assertThat(run("api")).contains("Tier 2").contains("sonnet");
    }

    private static ProxyCall call(long at, String key, String model, int status, long input, long write, long read,
            long output, Map<String, String> headers) {
        return new ProxyCall(Long.toString(at) + key + status, at, "POST", "/v1/messages", model, false, status,
                status == 429 ? "rate_limit_error" : status == 529 ? "overloaded_error" : null, null, 10, 5, null,
                null, key, "api_key", null, null, null, null,
                status == 200 ? new ProxyCall.Usage(input, output, write, 0, read, 0, 0) : null, headers, false);
    }

    @Test
    void apiHeadroomCountsItpmWithoutCacheReadsAndSpreadsRetryAfter() {
        Instant now = Instant.parse("2026-11-27T18:00:00Z");
        long t = now.toEpochMilli();
        Map<String, String> limits = Map.of("anthropic-ratelimit-requests-limit", "50",
                "anthropic-ratelimit-input-tokens-limit", "30000", "anthropic-ratelimit-output-tokens-limit", "8000");
        List<ProxyCall> calls = new ArrayList<>();
        calls.add(call(t - 10_000, "k1", "claude-opus-4-5", 200, 1000, 500, 8500, 200, limits));
        calls.add(call(t - 20_000, "k1", "claude-opus-4-5-20251101", 200, 1000, 500, 8500, 300, limits));
        calls.add(call(t - 120_000, "k1", "claude-opus-4-5", 200, 1000, 0, 0, 100, limits)); // outside the minute
        calls.add(call(t - 30_000, "k1", "claude-opus-4-5", 429, 0, 0, 0, 0, Map.of("retry-after", "7")));
        calls.add(call(t - 40_000, "k1", "claude-opus-4-5", 429, 0, 0, 0, 0, Map.of("retry-after", "20")));
        calls.add(call(t - 50_000, "k1", "claude-opus-4-5", 529, 0, 0, 0, 0, Map.of()));
        calls.add(call(t - 5_000, "k2", "claude-haiku-4-5", 200, 10, 0, 0, 5, Map.of()));
        List<ApiHeadroom.Row> rows = ApiHeadroom.compute(calls, now, Duration.ofMinutes(60),
                io.headroom.config.PlanCatalogLoader.load(null).catalog().apiTiers());
        assertThat(rows).hasSize(2);
        ApiHeadroom.Row opus = rows.get(0);
        assertThat(opus.modelClass()).isEqualTo("opus");
        assertThat(opus.requests()).isEqualTo(5);
        assertThat(opus.inputTokens()).isEqualTo(3000); // 2 x (1000 input + 500 writes), reads not counted
        assertThat(opus.outputTokens()).isEqualTo(500);
        assertThat(opus.rpmLimit()).isEqualTo(50);
        assertThat(opus.percent(opus.inputTokens(), opus.itpmLimit())).isEqualTo(10.0);
        assertThat(opus.tier()).isEqualTo("Tier 1");
        assertThat(opus.cacheHitRate()).isEqualTo(17000.0 / 21000.0);
        assertThat(opus.itpmMultiplier()).isEqualTo(21000.0 / 4000.0);
        assertThat(opus.count429()).isEqualTo(2);
        assertThat(opus.count529()).isEqualTo(1);
        assertThat(opus.retryAfterSeconds()).containsExactly(7.0, 20.0);
        assertThat(ApiHeadroom.quantile(opus.retryAfterSeconds(), 0.5)).isEqualTo(7.0);
        assertThat(rows.get(1).tier()).isNull();
        assertThat(rows.get(1).rpmLimit()).isNull();
    }
}
