package io.headroom.sources.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.sources.oauth.FakeUsageEndpoint.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageEndpointTest {

    private static final Instant NOW = Instant.parse("2026-07-25T06:00:00Z");
    private final FakeUsageEndpoint fake = new FakeUsageEndpoint();
    private final AccessToken token = new AccessToken(FakeUsageEndpoint.TOKEN);

    @AfterEach
    void stop() {
        fake.close();
    }

    private UsageEndpoint endpoint(Duration timeout) {
        return new UsageEndpoint(fake.base(), timeout);
    }

    @Test
    void asksWithTheBearerTokenAndTheBetaHeaderAndReturnsTheBody() {
        fake.reply(Reply.ok(UsageBodies.limits()));
        UsageAnswer answer = endpoint(Duration.ofSeconds(10)).ask(token, NOW);

        assertThat(answer).isEqualTo(new UsageAnswer.Read(UsageBodies.limits(), NOW));
        assertThat(fake.requests()).isEqualTo(1);
        FakeUsageEndpoint.Request r = fake.seen().get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/api/oauth/usage");
        assertThat(r.authorization()).isEqualTo("Bearer " + FakeUsageEndpoint.TOKEN);
        assertThat(r.beta()).isEqualTo("oauth-2025-04-20");
    }

    @Test
    void theFakeRefusesAWrongTokenAsTheRealEndpointDoes() {
        UsageAnswer answer = endpoint(Duration.ofSeconds(10)).ask(new AccessToken("sk-ant-oat01-someone-else"), NOW);
        assertThat(answer).isEqualTo(new UsageAnswer.Unauthorized());
        assertThat(fake.served()).isZero();
    }

    @Test
    void retryAfterInSecondsIsHonouredAboveTheFiveMinuteFloor() {
        fake.reply(Reply.rateLimited("3600"));
        assertThat(endpoint(Duration.ofSeconds(10)).ask(token, NOW))
                .isEqualTo(new UsageAnswer.RateLimited(NOW.plusSeconds(3600)));
    }

    @Test
    void aShortRetryAfterStillBacksOffFiveMinutes() {
        fake.reply(Reply.rateLimited("30"));
        assertThat(endpoint(Duration.ofSeconds(10)).ask(token, NOW))
                .isEqualTo(new UsageAnswer.RateLimited(NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        fake.reply(Reply.rateLimited("Sat, 25 Jul 2026 06:20:00 GMT"));
        assertThat(endpoint(Duration.ofSeconds(10)).ask(token, NOW))
                .isEqualTo(new UsageAnswer.RateLimited(Instant.parse("2026-07-25T06:20:00Z")));
    }

    @Test
    void aTooManyRequestsWithoutRetryAfterBacksOffFiveMinutes() {
        fake.reply(Reply.rateLimited(null));
        assertThat(endpoint(Duration.ofSeconds(10)).ask(token, NOW))
                .isEqualTo(new UsageAnswer.RateLimited(NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void retryAfterEdgeCases() {
        assertThat(UsageEndpoint.askAgainAt("not a date", NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(UsageEndpoint.askAgainAt("-5", NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(UsageEndpoint.askAgainAt(" 301 ", NOW)).isEqualTo(NOW.plusSeconds(301));
        // A date in the past, or absurdly far ahead, neither asks at once nor stops for good.
        assertThat(UsageEndpoint.askAgainAt("Thu, 01 Jan 2026 00:00:00 GMT", NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(UsageEndpoint.askAgainAt("99999999", NOW)).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void unauthorized() {
        fake.reply(Reply.unauthorized());
        assertThat(endpoint(Duration.ofSeconds(10)).ask(token, NOW)).isEqualTo(new UsageAnswer.Unauthorized());
    }

    @Test
    void aServerErrorIsAProblemInWords() {
        fake.reply(Reply.status(503, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"));
        assertThat(endpoint(Duration.ofSeconds(10)).ask(token, NOW)).isEqualTo(new UsageAnswer.Failed(
                "The usage endpoint answered 503 (a problem on Anthropic's side); Headroom asks again later."));
    }

    @Test
    void slowHeadersGiveUpAtTheTimeout() {
        fake.reply(Reply.slow(Duration.ofSeconds(5), UsageBodies.limits()));
        long start = System.nanoTime();
        UsageAnswer answer = endpoint(Duration.ofMillis(700)).ask(token, NOW);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer).isInstanceOf(UsageAnswer.Failed.class);
        assertThat(((UsageAnswer.Failed) answer).problem()).startsWith("The usage endpoint did not answer within");
        assertThat(tookMillis).isBetween(600L, 4500L);
    }

    @Test
    void aBodyThatStallsGivesUpAtTheTimeoutToo() {
        fake.reply(Reply.stalledBody(Duration.ofSeconds(5), UsageBodies.limits()));
        long start = System.nanoTime();
        UsageAnswer answer = endpoint(Duration.ofMillis(700)).ask(token, NOW);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer).isInstanceOf(UsageAnswer.Failed.class);
        assertThat(tookMillis).isBetween(600L, 4500L);
    }

    @Test
    void nothingListeningIsAProblemNamingTheHostOnly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        UsageAnswer answer = new UsageEndpoint(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2)).ask(token, NOW);
        assertThat(answer).isEqualTo(new UsageAnswer.Failed(
                "Cannot reach 127.0.0.1 for the usage (connection refused)."));
    }

    @Test
    void theBaseComesFromTheEnvironment() {
        assertThat(UsageEndpoint.baseFrom(Map.of())).isEqualTo(URI.create("https://api.anthropic.com"));
        assertThat(new UsageEndpoint(UsageEndpoint.baseFrom(Map.of()), Duration.ofSeconds(1)).uri())
                .isEqualTo(URI.create("https://api.anthropic.com/api/oauth/usage"));
        assertThat(new UsageEndpoint(UsageEndpoint.baseFrom(Map.of("HEADROOM_USAGE_BASE_URL",
                "http://gateway.corp:8080/anthropic/")), Duration.ofSeconds(1)).uri())
                .isEqualTo(URI.create("http://gateway.corp:8080/anthropic/api/oauth/usage"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageEndpoint.baseFrom(
                Map.of("HEADROOM_USAGE_BASE_URL", "ftp://x"))).hasMessage(
                "HEADROOM_USAGE_BASE_URL must be an http(s) URL, not ftp://x");
    }

    @Test
    void aMalformedBaseAsksNobodyAndSaysWhy() {
        UsageEndpoint none = UsageEndpoint.fromEnv(Map.of("HEADROOM_USAGE_BASE_URL", "api.corp"), Duration.ofSeconds(1));
        assertThat(none.ask(token, NOW)).isEqualTo(new UsageAnswer.Failed(
                "HEADROOM_USAGE_BASE_URL must be an http(s) URL, not api.corp."));
        assertThat(UsageEndpoint.fromEnv(Map.of("HEADROOM_USAGE_BASE_URL", fake.base().toString()), Duration.ofSeconds(5))
                .ask(token, NOW)).isInstanceOf(UsageAnswer.Read.class);
        assertThat(fake.requests()).isEqualTo(1);
    }

    @Test
    void theTokenNeverShowsInItsText() {
        assertThat(token.toString()).doesNotContain(FakeUsageEndpoint.TOKEN).isEqualTo("AccessToken[hidden]");
    }
}
