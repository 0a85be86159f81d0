package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.ProxyCall;
import io.headroom.domain.UtilizationSample;
import io.headroom.store.ProxyCallStore;
import io.headroom.store.SampleStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Java SDK as the client, through the proxy and directly, against the fake server. */
class ProxySdkTest {

    @TempDir
    Path dir;

    ProxyFixture f;
    AnthropicClient direct;
    AnthropicClient proxied;
    final List<ProxyCall> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new ProxyFixture(dir);
        f.proxy.addListener(seen::add);
        direct = client(f.fake.url());
        proxied = client(f.proxy.baseUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        direct.close();
        proxied.close();
        f.close();
    }

    private static AnthropicClient client(String baseUrl) {
        return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-ant-api03-test-key-0001").maxRetries(0)
                .build();
    }

    private static MessageCreateParams params(String scenario, String id) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(1024)
                .addUserMessage("What is the weather in Paris?")
                .putAdditionalHeader("x-fake-scenario", scenario).putAdditionalHeader("x-fake-id", id).build();
    }

    private static Map<String, List<String>> headers(com.anthropic.core.http.Headers h) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String n : h.names()) {
            if (!n.equalsIgnoreCase("connection") && !n.equalsIgnoreCase("keep-alive")) {
                out.put(n.toLowerCase(java.util.Locale.ROOT), h.values(n));
            }
        }
        return out;
    }

    private ProxyCall awaitCall(String requestId) {
        ProxyFixture.await(() -> seen.stream().anyMatch(c -> requestId.equals(c.requestId())), Duration.ofSeconds(5));
        return seen.stream().filter(c -> requestId.equals(c.requestId())).findFirst().orElseThrow();
    }

    private void awaitStored(long calls) {
        ProxyFixture.await(() -> f.count("SELECT count(*) FROM proxy_call") >= calls, Duration.ofSeconds(5));
    }

    private static void assertUsage(ProxyCall call, FakeAnthropic.Sent sent) {
        assertThat(call.usage()).isNotNull();
        assertThat(call.usage().input()).isEqualTo(sent.input());
        assertThat(call.usage().output()).isEqualTo(sent.output());
        assertThat(call.usage().cacheWrite5m()).isEqualTo(sent.cache5m());
        assertThat(call.usage().cacheWrite1h()).isEqualTo(sent.cache1h());
        assertThat(call.usage().cacheRead()).isEqualTo(sent.cacheRead());
        assertThat(call.usage().webSearchRequests()).isEqualTo(sent.webSearch());
        assertThat(call.messageId()).isEqualTo(sent.messageId());
    }

    @Test
    void jsonCallIsIdenticalAndRecorded() {
        HttpResponseFor<Message> a = direct.messages().withRawResponse().create(params("", "json1"));
        HttpResponseFor<Message> b = proxied.messages().withRawResponse().create(params("", "json1"));
        assertThat(b.statusCode()).isEqualTo(a.statusCode());
        assertThat(headers(b.headers())).isEqualTo(headers(a.headers()));
        assertThat(b.parse().toString()).isEqualTo(a.parse().toString());

        long answered = System.nanoTime();
        ProxyCall call = awaitCall("req_json1");
        // the dashboard's listener hears of the call well within a second of the response
        assertThat((System.nanoTime() - answered) / 1e6).isLessThan(1000);
        assertUsage(call, f.fake.sent.get("req_json1"));
        assertThat(call.stream()).isFalse();
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(call.path()).isEqualTo("/v1/messages");
        assertThat(call.authKind()).isEqualTo("api_key");
        assertThat(call.keyFingerprint()).hasSize(12).doesNotContain("sk-ant");
        assertThat(call.userAgent()).isNotBlank();
        assertThat(call.rateLimitHeaders()).containsEntry("anthropic-ratelimit-requests-limit", "1000")
                .containsEntry("anthropic-ratelimit-input-tokens-limit", "450000");
        assertThat(call.ttfbMs()).isPositive().isLessThanOrEqualTo(call.latencyMs());

        awaitStored(1);
        assertThat(f.count("SELECT count(*) FROM usage_event WHERE source = 'proxy' AND request_id = 'req_json1'"
                + " AND message_id = 'msg_json1' AND input_tokens = " + call.usage().input())).isEqualTo(1);
    }

    @Test
    void forwardsEveryRequestHeaderUnchangedExceptHopByHop() {
        MessageCreateParams p = params("", "hdr1").toBuilder()
                .putAdditionalHeader("anthropic-beta", "claude-code-20250219,oauth-2025-04-20")
                .putAdditionalHeader("x-claude-code-session-id", "0b9c6a36-5c3e-4f1e-9b75-000000000001")
                .putAdditionalHeader("x-app", "cli").build();
        direct.messages().create(p);
        Map<String, String> sentDirect = new TreeMap<>(f.fake.requestHeaders.get(f.fake.requestHeaders.size() - 1));
        proxied.messages().create(p);
        Map<String, String> got = new TreeMap<>(f.fake.requestHeaders.get(f.fake.requestHeaders.size() - 1));
        assertThat(got).containsEntry("anthropic-beta", "claude-code-20250219,oauth-2025-04-20")
                .containsEntry("authorization", "Bearer sk-ant-api03-test-key-0001")
                .containsEntry("x-claude-code-session-id", "0b9c6a36-5c3e-4f1e-9b75-000000000001")
                .containsEntry("host", "127.0.0.1:" + f.fake.port());
        got.remove("connection");
        sentDirect.remove("connection");
        assertThat(got).isEqualTo(sentDirect); // every header, anthropic-version included, arrives unchanged
        ProxyCall call = awaitCall("req_hdr1");
        assertThat(call.sessionId()).isEqualTo("0b9c6a36-5c3e-4f1e-9b75-000000000001");
        assertThat(call.xApp()).isEqualTo("cli");
    }

    private static List<String> events(StreamResponse<RawMessageStreamEvent> s) {
        try (s) {
            return s.stream().map(Object::toString).collect(Collectors.toList());
        }
    }

    @Test
    void streamingCallIsIdenticalAndUsageIsStartThenLastDelta() {
        HttpResponseFor<StreamResponse<RawMessageStreamEvent>> a =
                direct.messages().withRawResponse().createStreaming(params("", "sse1"));
        List<String> directEvents = events(a.parse());
        HttpResponseFor<StreamResponse<RawMessageStreamEvent>> b =
                proxied.messages().withRawResponse().createStreaming(params("", "sse1"));
        List<String> proxiedEvents = events(b.parse());
        assertThat(headers(b.headers())).isEqualTo(headers(a.headers()));
        assertThat(proxiedEvents).hasSize(directEvents.size());
        // text deltas carry the server's send time; compare the structure of the rest
        assertThat(strip(proxiedEvents)).isEqualTo(strip(directEvents));

        ProxyCall call = awaitCall("req_sse1");
        assertUsage(call, f.fake.sent.get("req_sse1"));
        assertThat(call.usage().output()).isEqualTo(16); // cumulative delta, not 1 + 16
        assertThat(call.stream()).isTrue();
        assertThat(call.incomplete()).isFalse();
    }

    private static List<String> strip(List<String> events) {
        return events.stream().map(e -> e.replaceAll("t=\\d+", "t=")).collect(Collectors.toList());
    }

    @Test
    void toolUseJsonAndStreamAndServerTools() {
        assertThat(proxied.messages().create(params("tool_use", "tool1")).toString())
                .isEqualTo(direct.messages().create(params("tool_use", "tool1")).toString());
        assertThat(events(proxied.messages().createStreaming(params("tool_use", "tool2"))))
                .isEqualTo(events(direct.messages().createStreaming(params("tool_use", "tool2"))));
        proxied.messages().createStreaming(params("server_tools", "tool3")).close();
        events(proxied.messages().createStreaming(params("server_tools", "tool4")));
        assertUsage(awaitCall("req_tool1"), f.fake.sent.get("req_tool1"));
        assertUsage(awaitCall("req_tool2"), f.fake.sent.get("req_tool2"));
        ProxyCall servers = awaitCall("req_tool4");
        assertUsage(servers, f.fake.sent.get("req_tool4"));
        assertThat(servers.usage().webSearchRequests()).isEqualTo(3);
    }

    @Test
    void rateLimitWithRetryAfterAndSpendLimitAndOverloaded() {
        AnthropicServiceException d = catchService(() -> direct.messages().create(params("rate_limit", "rl1")));
        AnthropicServiceException p = catchService(() -> proxied.messages().create(params("rate_limit", "rl1")));
        assertThat(p.statusCode()).isEqualTo(429).isEqualTo(d.statusCode());
        assertThat(headers(p.headers())).isEqualTo(headers(d.headers()));
        assertThat(p.body().toString()).isEqualTo(d.body().toString());
        ProxyCall rl = awaitCall("req_rl1");
        assertThat(rl.errorType()).isEqualTo("rate_limit_error");
        assertThat(rl.header("retry-after")).isEqualTo("7");

        AnthropicServiceException spend = catchService(() -> proxied.messages().create(params("spend_limit", "sp1")));
        assertThat(spend.statusCode()).isEqualTo(429);
        ProxyCall sp = awaitCall("req_sp1");
        assertThat(sp.errorCode()).isEqualTo("enforced_spend_limit_reached");
        assertThat(sp.header("retry-after")).isNull();

        AnthropicServiceException over = catchService(() -> proxied.messages().create(params("overloaded", "ov1")));
        assertThat(over.statusCode()).isEqualTo(529);
        assertThat(awaitCall("req_ov1").errorType()).isEqualTo("overloaded_error");

        awaitStored(3);
        assertThat(f.count("SELECT count(*) FROM error_event WHERE source = 'proxy' AND category = 'rate_limit'"))
                .isEqualTo(2);
        assertThat(f.count("SELECT count(*) FROM error_event WHERE source = 'proxy' AND category = 'overloaded'"
                + " AND http_status = 529")).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM usage_event")).isZero();
    }

    private static AnthropicServiceException catchService(Runnable r) {
        try {
            r.run();
        } catch (AnthropicServiceException e) {
            return e;
        }
        throw new AssertionError("expected an API error");
    }

    @Test
    void inStreamErrorAndCutStreamAreIncompleteWithUsageSoFar() {
        List<String> got = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> s = proxied.messages().createStreaming(params("stream_error",
                    "se1"))) {
                s.stream().forEach(e -> got.add(e.toString()));
            }
        }).isInstanceOf(RuntimeException.class);
        ProxyCall se = awaitCall("req_se1");
        assertThat(se.errorType()).isEqualTo("overloaded_error");
        assertThat(se.incomplete()).isTrue();
        assertUsage(se, f.fake.sent.get("req_se1"));

        assertThatThrownBy(() -> events(proxied.messages().createStreaming(params("cut", "cut1"))))
                .isInstanceOf(RuntimeException.class);
        ProxyCall cut = awaitCall("req_cut1");
        assertThat(cut.incomplete()).isTrue();
        assertThat(cut.errorType()).isEqualTo("stream_cut");
        assertUsage(cut, f.fake.sent.get("req_cut1"));
        awaitStored(2);
        assertThat(f.count("SELECT count(*) FROM usage_event WHERE incomplete = 1 AND output_tokens = 1")).isEqualTo(2);
        assertThat(f.count("SELECT count(*) FROM error_event WHERE category = 'connection'")).isEqualTo(1);
    }

    @Test
    void gzipEncodedJsonAndStreamAreRecordedToo() {
        // OkHttp asks for gzip and inflates transparently; the proxy passes the compressed bytes on
        assertThat(proxied.messages().create(params("gzip", "gz1")).toString())
                .isEqualTo(direct.messages().create(params("gzip", "gz1")).toString());
        assertThat(strip(events(proxied.messages().createStreaming(params("gzip", "gz2")))))
                .isEqualTo(strip(events(direct.messages().createStreaming(params("gzip", "gz2")))));
        assertUsage(awaitCall("req_gz1"), f.fake.sent.get("req_gz1"));
        ProxyCall sse = awaitCall("req_gz2");
        assertUsage(sse, f.fake.sent.get("req_gz2"));
        assertThat(sse.incomplete()).isFalse();
    }

    @Test
    void unifiedHeadersBecomeOfficialSamples() {
        events(proxied.messages().createStreaming(params("unified", "u1")));
        catchService(() -> proxied.messages().create(params("unified_rejected", "u2")));
        awaitCall("req_u2");
        awaitStored(2);
        List<UtilizationSample> five = new SampleStore(f.db).samples(LimitWindow.FIVE_HOUR, null, null);
        List<UtilizationSample> week = new SampleStore(f.db).samples(LimitWindow.WEEKLY, null, null);
        assertThat(five).hasSize(2);
        assertThat(five.get(0).usedPercent()).isEqualTo(26.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(five.get(0).resetsAt()).isEqualTo(Instant.ofEpochSecond(1775455200L));
        assertThat(five.get(0).provenance().code()).isEqualTo("official");
        assertThat(five.get(0).source().code()).isEqualTo("proxy");
        assertThat(week.get(0).usedPercent()).isEqualTo(19.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.count("SELECT count(*) FROM error_event WHERE category = 'usage_limit' AND limit_window = "
                + "'five_hour'")).isEqualTo(1);
        List<ProxyCall> stored = new ProxyCallStore(f.db).calls(Instant.EPOCH, Instant.now().plusSeconds(60));
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).header("anthropic-ratelimit-unified-5h-utilization")).isEqualTo("0.26");
    }
}
