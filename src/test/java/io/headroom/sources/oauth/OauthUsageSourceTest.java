package io.headroom.sources.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceRegistry;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import io.headroom.sources.oauth.FakeUsageEndpoint.Reply;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OauthUsageSourceTest {

    static final Instant T0 = Instant.parse("2026-07-25T06:00:00Z");

    @TempDir
    Path home;
    private final FakeUsageEndpoint fake = new FakeUsageEndpoint();
    private Workspace workspace;
    private Path credentials;

    @BeforeEach
    void setUp() throws Exception {
        credentials = OauthLogins.write(home, FakeUsageEndpoint.TOKEN, T0.plus(Duration.ofHours(8)));
        workspace = new Workspace(new DataDirectory(home.resolve("data")), null,
                Map.of(UsageEndpoint.BASE_URL_ENV, fake.base().toString()), home);
    }

    @AfterEach
    void tearDown() {
        workspace.close();
        fake.close();
    }

    private SourceStatus readAt(Instant now) {
        for (SourceRegistry.Entry e : workspace.sources().readAll(ReadRequest.at(now, ZoneOffset.UTC),
                s -> s.id().equals(OauthUsageSource.ID))) {
            if (e.source().id().equals(OauthUsageSource.ID)) {
                return e.status();
            }
        }
        throw new AssertionError("the OAuth source is not registered");
    }

    private List<String> samples() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = workspace.database().openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT limit_window, used_percent, resets_at, ts, provenance, model"
                        + " FROM utilization_sample WHERE source = 'oauth_usage' ORDER BY ts, limit_window")) {
            while (rs.next()) {
                long reset = rs.getLong(3);
                boolean noReset = rs.wasNull();
                out.add(rs.getString(1) + " " + rs.getDouble(2) + " " + (noReset ? "null"
                        : Instant.ofEpochMilli(reset)) + " @" + Instant.ofEpochMilli(rs.getLong(4)) + " "
                        + rs.getString(5) + " " + rs.getString(6));
            }
        }
        return out;
    }

    @Test
    void oneReadStoresTheOfficialReadingsWithTheirSource() throws Exception {
        fake.reply(Reply.ok(UsageBodies.limits()));
        SourceStatus status = readAt(T0);

        assertThat(status.state()).isEqualTo(SourceState.ON);
        assertThat(status.problem()).isNull();
        assertThat(fake.requests()).isEqualTo(1);
        assertThat(samples()).containsExactlyInAnyOrder(
                "five_hour 46.0 2026-07-25T07:50:00.152Z @2026-07-25T06:00:00Z official null",
                "weekly 12.0 2026-07-29T13:00:00Z @2026-07-25T06:00:00Z official null",
                "weekly_opus 81.5 2026-07-29T13:00:00Z @2026-07-25T06:00:00Z official Opus 4.8");
    }

    @Test
    void theReferenceExampleIsStoredToo() throws Exception {
        fake.reply(Reply.ok(UsageBodies.reference()));
        readAt(T0);
        assertThat(samples()).containsExactlyInAnyOrder(
                "five_hour 25.0 2026-01-28T15:00:00Z @2026-07-25T06:00:00Z official null",
                "weekly 40.0 2026-02-01T00:00:00Z @2026-07-25T06:00:00Z official null",
                "weekly_opus 0.0 null @2026-07-25T06:00:00Z official opus");
    }

    @Test
    void asksAtMostOncePerFiveMinutes() {
        fake.reply(Reply.ok(UsageBodies.limits()));
        readAt(T0);
        readAt(T0.plusSeconds(15));
        readAt(T0.plusSeconds(60));
        SourceStatus waiting = readAt(T0.plus(Duration.ofMinutes(5)).minusMillis(1));
        assertThat(fake.requests()).isEqualTo(1);
        assertThat(waiting.lastReadAt()).isEqualTo(T0);

        readAt(T0.plus(Duration.ofMinutes(5)));
        assertThat(fake.requests()).isEqualTo(2);
    }

    @Test
    void aTooManyRequestsHonoursRetryAfter() {
        fake.reply(Reply.rateLimited("3600"), Reply.ok(UsageBodies.limits()));
        SourceStatus limited = readAt(T0);
        assertThat(limited.state()).isEqualTo(SourceState.WAITING);
        assertThat(limited.notBefore()).isEqualTo(T0.plusSeconds(3600));

        readAt(T0.plus(Duration.ofMinutes(5)));
        readAt(T0.plus(Duration.ofMinutes(59)));
        assertThat(fake.requests()).isEqualTo(1);

        SourceStatus after = readAt(T0.plus(Duration.ofMinutes(60)));
        assertThat(fake.requests()).isEqualTo(2);
        assertThat(after.state()).isEqualTo(SourceState.ON);
    }

    @Test
    void aShortRetryAfterStillWaitsFiveMinutes() {
        fake.reply(Reply.rateLimited("10"), Reply.ok(UsageBodies.limits()));
        readAt(T0);
        readAt(T0.plusSeconds(11));
        readAt(T0.plusSeconds(299));
        assertThat(fake.requests()).isEqualTo(1);
        readAt(T0.plusSeconds(300));
        assertThat(fake.requests()).isEqualTo(2);
    }

    @Test
    void aRefusedLoginStopsAskingUntilClaudeCodeRenewsIt() throws Exception {
        fake.reply(Reply.unauthorized(), Reply.ok(UsageBodies.limits()));
        SourceStatus refused = readAt(T0);
        assertThat(refused.state()).isEqualTo(SourceState.ERROR);
        assertThat(refused.problem()).isEqualTo("Anthropic refused Claude Code's login (401): sign in to Claude Code"
                + " again to refresh the login. Headroom asks again once the login changes.");

        readAt(T0.plus(Duration.ofMinutes(5)));
        SourceStatus still = readAt(T0.plus(Duration.ofHours(2)));
        assertThat(fake.requests()).isEqualTo(1);
        assertThat(still.problem()).contains(OauthUsageSource.SIGN_IN_AGAIN);

        // Claude Code signs in again: the file changes (a new expiry), and the next turn asks.
        OauthLogins.write(home, FakeUsageEndpoint.TOKEN, T0.plus(Duration.ofHours(12)));
        SourceStatus renewed = readAt(T0.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(5)));
        assertThat(fake.requests()).isEqualTo(2);
        assertThat(renewed.state()).isEqualTo(SourceState.ON);
        assertThat(renewed.problem()).isNull();
    }

    @Test
    void garbageIsAProblemAndTheNextTurnAsksAgain() throws Exception {
        fake.reply(Reply.ok(UsageBodies.garbage()), Reply.ok(UsageBodies.limits()));
        SourceStatus bad = readAt(T0);
        assertThat(bad.state()).isEqualTo(SourceState.ERROR);
        assertThat(bad.problem()).startsWith("The usage endpoint's answer was not understood: The usage answer is not"
                + " JSON");
        assertThat(samples()).isEmpty();

        readAt(T0.plusSeconds(60));
        assertThat(fake.requests()).isEqualTo(1);
        assertThat(readAt(T0.plus(Duration.ofMinutes(5))).state()).isEqualTo(SourceState.ON);
        assertThat(fake.requests()).isEqualTo(2);
    }

    @Test
    void aServerErrorIsAProblemAtTheNormalBudget() {
        fake.reply(Reply.status(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}"),
                Reply.ok(UsageBodies.limits()));
        assertThat(readAt(T0).problem()).isEqualTo(
                "The usage endpoint answered 500 (a problem on Anthropic's side); Headroom asks again later.");
        readAt(T0.plus(Duration.ofMinutes(5)));
        assertThat(fake.requests()).isEqualTo(2);
    }

    @Test
    void switchedOffInSettingsNothingIsAsked() throws Exception {
        workspace.saveSettings(workspace.settings().withOauthUsage(false));
        SourceStatus off = readAt(T0);
        assertThat(off.state()).isEqualTo(SourceState.OFF);
        assertThat(fake.requests()).isZero();
    }

    @Test
    void withoutALoginNothingIsAsked() throws Exception {
        java.nio.file.Files.delete(credentials);
        SourceStatus none = readAt(T0);
        assertThat(none.state()).isEqualTo(SourceState.NOT_FOUND);
        assertThat(none.problem()).startsWith("No Claude Code login found (looked at " + credentials + ")");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void anExpiredLoginIsNotSpentOnARequest() throws Exception {
        OauthLogins.write(home, FakeUsageEndpoint.TOKEN, T0.minusSeconds(1));
        SourceStatus expired = readAt(T0);
        assertThat(expired.state()).isEqualTo(SourceState.ERROR);
        assertThat(expired.problem()).contains("expired at 2026-07-25T05:59:59Z");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void aMalformedLoginFileIsAProblemThatDoesNotQuoteIt() throws Exception {
        java.nio.file.Files.writeString(credentials, "{\"claudeAiOauth\":{\"accessToken\":\""
                + FakeUsageEndpoint.TOKEN + "\",");
        SourceStatus bad = readAt(T0);
        assertThat(bad.state()).isEqualTo(SourceState.ERROR);
        assertThat(bad.problem()).isEqualTo("Claude Code's login in " + credentials + " is not valid JSON.");
        assertThat(fake.requests()).isZero();
    }

    @Test
    void theSlowAnswerDoesNotHoldTheRefreshLongerThanTheTimeout() throws Exception {
        fake.reply(Reply.slow(Duration.ofSeconds(30), UsageBodies.limits()));
        OauthUsageSource source = new OauthUsageSource(ClaudeCredentials.of(Map.of(), home),
                new UsageEndpoint(fake.base(), Duration.ofSeconds(1)), () -> true, r -> { });
        long start = System.nanoTime();
        SourceStatus status = source.read(ReadRequest.at(T0, ZoneOffset.UTC), SourceStatus.UNREAD);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        assertThat(status.problem()).isEqualTo("The usage endpoint did not answer within 1 s.");
    }
}
