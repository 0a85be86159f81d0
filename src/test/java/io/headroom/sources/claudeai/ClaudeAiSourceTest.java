package io.headroom.sources.claudeai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.headroom.config.DataDirectory;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.secrets.FileSecretStore;
import io.headroom.secrets.SecretStores;
import io.headroom.service.Workspace;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceRegistry;
import io.headroom.sources.SourceState;
import io.headroom.store.WindowQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claude.ai source against a fake claude.ai on loopback, into a real store, with the key in the 0600 file. */
class ClaudeAiSourceTest {

    static final String KEY = "sk-ant-sid01-Qx7vR2mT9pL4wZ8kN3bH6yJ1cF5dS0aG-eU_iO2tY7rW4qE9-AAA";
    static final String NEW_KEY = "sk-ant-sid01-Zq3nB8vM1xC6lK0jH5gF2dS9aP4oI7uY-tR_eW3qZ6xV1-BBB";

    @TempDir
    Path tmp;
    private FakeClaudeAi fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeClaudeAi(KEY);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Path data() {
        return tmp.resolve("data");
    }

    private Workspace workspace() {
        return new Workspace(new DataDirectory(data()), null, Map.of(ClaudeAiClient.BASE_URL_ENV, fake.base().toString(),
                SecretStores.OVERRIDE_ENV, "file"), tmp.resolve("home"));
    }

    private static SourceRegistry.Entry entry(List<SourceRegistry.Entry> entries) {
        return entries.stream().filter(e -> e.source().id().equals("claude_ai")).findFirst().orElseThrow();
    }

    private static List<SourceRegistry.Entry> readAt(Workspace ws, Instant at) {
        return ws.sources().readAll(ReadRequest.at(at, ZoneOffset.UTC), s -> s.id().equals("claude_ai"));
    }

    private static List<UtilizationSample> stored(Workspace ws) {
        return new WindowQueries(ws.database()).samples(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void offByDefaultAndAsksNothing() throws Exception {
        try (Workspace ws = workspace()) {
            SourceRegistry.Entry e = entry(readAt(ws, Instant.now()));
            assertThat(e.status().state()).isEqualTo(SourceState.OFF);
            assertThat(fake.requests()).isEmpty();
            assertThat(stored(ws)).isEmpty();
        }
    }

    @Test
    void aSavedKeyFindsTheOrganizationWithUsageAndStoresItsReadingsAsOfficialSamples() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Workspace ws = workspace()) {
            ws.claudeAi().saveKey("  sessionKey=" + KEY + "\n");
            Instant before = Instant.now();
            SourceRegistry.Entry e = entry(readAt(ws, t0));
            Instant after = Instant.now();

            assertThat(e.status().state()).isEqualTo(SourceState.ON);
            assertThat(e.status().problem()).isNull();
            assertThat(fake.requests()).extracting(FakeClaudeAi.Request::path).containsExactly("/api/organizations",
                    "/api/organizations/" + FakeClaudeAi.ORG_WITHOUT_USAGE + "/usage",
                    "/api/organizations/" + FakeClaudeAi.ORG + "/usage");
            assertThat(fake.requests()).allSatisfy(r -> assertThat(r.cookie()).isEqualTo("sessionKey=" + KEY));

            List<UtilizationSample> samples = stored(ws);
            assertThat(samples).extracting(UtilizationSample::window, UtilizationSample::usedPercent,
                    UtilizationSample::resetsAt, UtilizationSample::model).containsExactlyInAnyOrder(
                            tuple(LimitWindow.FIVE_HOUR, 37.0, Instant.parse("2026-12-03T10:00:00.418Z"), null),
                            tuple(LimitWindow.WEEKLY, 61.5, Instant.parse("2026-12-04T09:00:00Z"), null),
                            tuple(LimitWindow.WEEKLY_OPUS, 88.0, Instant.parse("2026-12-04T09:00:00Z"), "Opus 4.8"));
            assertThat(samples).allSatisfy(s -> {
                assertThat(s.source()).isEqualTo(UsageSource.CLAUDE_AI);
                assertThat(s.provenance()).isEqualTo(Provenance.OFFICIAL);
                assertThat(s.observedAt()).isBetween(before.truncatedTo(ChronoUnit.MILLIS), after);
            });
            assertThat(e.status().lastRead()).startsWith("3 readings from claude.ai at ");
            assertThat(ws.claudeAi().settings().organization()).isEqualTo(FakeClaudeAi.ORG);
            assertThat(ws.claudeAi().settings().enabled()).isTrue();
            // listed (headroom sources, Settings), the plain file's weakness is said
            assertThat(entry(ws.sources().list()).status().problem()).isEqualTo("No system secret store was found,"
                    + " so the key is kept unencrypted in " + data().resolve("secrets") + ", readable only by you"
                    + " (mode 0600).");

            // within five minutes nobody asks again; after them only the remembered organization is asked
            readAt(ws, t0.plusSeconds(299));
            assertThat(fake.requests()).hasSize(3);
            readAt(ws, t0.plusSeconds(301));
            assertThat(fake.requests()).hasSize(4);
            assertThat(fake.requests().get(3).path()).isEqualTo("/api/organizations/" + FakeClaudeAi.ORG + "/usage");
        }
        // the key is in the 0600 file chosen as the store, and nowhere else in the data folder
        Path keyFile = data().resolve(FileSecretStore.FOLDER).resolve("claude_ai_session_key");
        assertThat(Files.readString(keyFile)).isEqualTo(KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        assertThat(filesContaining(data(), "sk-ant-sid01")).containsExactly(keyFile);
    }

    @Test
    void withTheDesktopKeyringTheKeyIsNowhereInTheDataFolder() throws Exception {
        try (io.headroom.testing.SessionBus bus = io.headroom.testing.SessionBus.start(tmp);
                var keyring = io.headroom.secrets.FakeSecretServiceAccess.on(bus.address())) {
            try (Workspace ws = new Workspace(new DataDirectory(data()), null, Map.of(ClaudeAiClient.BASE_URL_ENV,
                    fake.base().toString(), "DBUS_SESSION_BUS_ADDRESS", bus.address()), tmp.resolve("home"))) {
                assertThat(ws.secrets()).isInstanceOf(io.headroom.secrets.SecretServiceStore.class);
                ws.claudeAi().saveKey(KEY);
                SourceRegistry.Entry e = entry(readAt(ws, Instant.now()));
                assertThat(e.status().state()).isEqualTo(SourceState.ON);
                assertThat(stored(ws)).hasSize(3);
                assertThat(keyring.secrets()).containsExactly(KEY);
            }
        }
        assertThat(Files.exists(data().resolve(FileSecretStore.FOLDER))).isFalse();
        assertThat(filesContaining(data(), "sk-ant-sid01")).isEmpty();
        assertThat(filesContaining(data(), "Qx7vR2mT9pL4wZ8kN3bH6yJ1")).isEmpty();
    }

    @Test
    void twoProcessesOnOneDataFolderShareTheFiveMinuteBudget() throws Exception {
        Instant t0 = Instant.now();
        try (Workspace first = workspace(); Workspace second = workspace()) {
            first.claudeAi().saveKey(KEY);
            readAt(first, t0);
            assertThat(fake.usageRequests()).isEqualTo(1);
            SourceRegistry.Entry seen = entry(readAt(second, t0.plusSeconds(60)));
            assertThat(fake.usageRequests()).isEqualTo(1);
            assertThat(seen.status().state()).isEqualTo(SourceState.ON);
            readAt(second, t0.plusSeconds(302));
            readAt(first, t0.plusSeconds(303));
            assertThat(fake.usageRequests()).isEqualTo(2);
            assertThat(stored(second)).hasSize(6);
        }
    }

    @Test
    void anExpiredKeySaysSoAndIsNotTriedAgainUntilANewKeyIsSaved() throws Exception {
        Instant t0 = Instant.now();
        fake.validKey(NEW_KEY); // claude.ai no longer accepts KEY
        try (Workspace ws = workspace()) {
            ws.claudeAi().saveKey(KEY);
            SourceRegistry.Entry e = entry(readAt(ws, t0));
            assertThat(e.status().state()).isEqualTo(SourceState.ERROR);
            assertThat(e.status().problem())
                    .isEqualTo("The claude.ai session key expired: paste a new one in Settings.");
            assertThat(fake.requests()).hasSize(1);

            SourceRegistry.Entry later = entry(readAt(ws, t0.plus(2, ChronoUnit.HOURS)));
            assertThat(later.status().problem()).isEqualTo(ClaudeAiSource.EXPIRED);
            assertThat(fake.requests()).hasSize(1);

            ws.claudeAi().saveKey(NEW_KEY);
            SourceRegistry.Entry renewed = entry(readAt(ws, t0.plus(3, ChronoUnit.HOURS)));
            assertThat(renewed.status().state()).isEqualTo(SourceState.ON);
            assertThat(renewed.status().problem()).isNull();
            assertThat(fake.requests()).hasSize(4);
            assertThat(fake.requests().get(3).cookie()).isEqualTo("sessionKey=" + NEW_KEY);
            assertThat(stored(ws)).hasSize(3);
        }
        assertThat(filesContaining(data(), KEY)).isEmpty();
    }

    @Test
    void aRateLimitWaitsForRetryAfterAndAtLeastFiveMinutes() throws Exception {
        fake.mode(FakeClaudeAi.Mode.RATE_LIMITED);
        fake.retryAfter("1800");
        try (Workspace ws = workspace()) {
            ws.claudeAi().saveKey(KEY);
            Instant t0 = Instant.now();
            SourceRegistry.Entry e = entry(readAt(ws, t0));
            long usage = fake.usageRequests();
            assertThat(usage).isEqualTo(1);
            assertThat(e.status().state()).isEqualTo(SourceState.WAITING);
            assertThat(e.status().notBefore()).isBetween(t0.plusSeconds(1800), t0.plusSeconds(1810));

            fake.mode(FakeClaudeAi.Mode.USAGE);
            readAt(ws, t0.plusSeconds(360));
            readAt(ws, t0.plusSeconds(1790));
            assertThat(fake.usageRequests()).isEqualTo(1);
            SourceRegistry.Entry after = entry(readAt(ws, t0.plusSeconds(1815)));
            assertThat(fake.usageRequests()).isEqualTo(2);
            assertThat(after.status().state()).isEqualTo(SourceState.ON);
        }
    }

    @Test
    void aShortRetryAfterStillWaitsFiveMinutes() throws Exception {
        fake.mode(FakeClaudeAi.Mode.RATE_LIMITED);
        fake.retryAfter("3");
        try (Workspace ws = workspace()) {
            ws.claudeAi().saveKey(KEY);
            Instant t0 = Instant.now();
            SourceRegistry.Entry e = entry(readAt(ws, t0));
            assertThat(e.status().notBefore()).isBetween(t0.plusSeconds(300), t0.plusSeconds(310));
        }
    }

    @Test
    void garbageAndServerErrorsAreProblemsNotReadings() throws Exception {
        fake.mode(FakeClaudeAi.Mode.GARBAGE);
        try (Workspace ws = workspace()) {
            ws.claudeAi().saveKey(KEY);
            Instant t0 = Instant.now();
            SourceRegistry.Entry e = entry(readAt(ws, t0));
            assertThat(e.status().state()).isEqualTo(SourceState.ERROR);
            assertThat(e.status().problem()).isEqualTo("claude.ai's usage answer is not JSON.");
            assertThat(stored(ws)).isEmpty();

            fake.mode(FakeClaudeAi.Mode.SERVER_ERROR);
            SourceRegistry.Entry down = entry(readAt(ws, t0.plusSeconds(301)));
            assertThat(down.status().problem())
                    .isEqualTo("claude.ai answered 503 (a problem on Anthropic's side); Headroom asks again later.");
            assertThat(stored(ws)).isEmpty();
        }
    }

    @Test
    void aPasteThatIsNotAKeyIsRefusedWithoutRepeatingIt() throws Exception {
        try (Workspace ws = workspace()) {
            assertThatThrownBy(() -> ws.claudeAi().saveKey("my password hunter2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("That does not look like a claude.ai session key")
                    .hasMessageNotContaining("hunter2");
            assertThat(ws.claudeAi().settings().enabled()).isFalse();
        }
    }

    static List<Path> filesContaining(Path folder, String needle) throws Exception {
        List<Path> out = new ArrayList<>();
        if (!Files.exists(folder)) {
            return out;
        }
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(needle)) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
