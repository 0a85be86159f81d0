package io.headroom.sources.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceRegistry;
import io.headroom.sources.oauth.FakeUsageEndpoint.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a session through every answer the endpoint gives (a read, a 429, a 401, a renewed login,
 * garbage, a 5xx, a timeout), with every log record of Headroom written to a file in the data
 * folder, no file in the data folder (database, WAL journal, logs, settings) holds the token or
 * the refresh token, and no status shown to the user does.
 */
class TokenNeverWrittenTest {

    private static final Instant T0 = Instant.parse("2026-07-25T06:00:00Z");
    private static final String REFRESH = "sk-ant-ort01-REFRESH-never-used";

    @TempDir
    Path home;

    private String base = "";

    private String endpointUri() {
        return base + UsageEndpoint.PATH;
    }

    @Test
    void theTokenIsNowhereInTheDataFolder() throws Exception {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        FileHandler log = new FileHandler(data.resolve("headroom.log").toString());
        log.setFormatter(new SimpleFormatter());
        log.setLevel(Level.ALL);
        root.addHandler(log);
        root.setLevel(Level.ALL);
        List<String> shown = new ArrayList<>();
        try (FakeUsageEndpoint fake = new FakeUsageEndpoint()) {
            base = fake.base().toString();
            OauthLogins.write(home, FakeUsageEndpoint.TOKEN, T0.plus(Duration.ofHours(8)));
            fake.reply(Reply.ok(UsageBodies.limits()), Reply.rateLimited("600"), Reply.unauthorized(),
                    Reply.ok(UsageBodies.reference()), Reply.ok(UsageBodies.garbage()),
                    Reply.status(502, "<html>bad gateway</html>"), Reply.ok(UsageBodies.limits()));
            try (Workspace workspace = new Workspace(new DataDirectory(data), null,
                    Map.of(UsageEndpoint.BASE_URL_ENV, fake.base().toString()), home)) {
                workspace.saveSettings(workspace.settings());
                Instant now = T0;
                for (int turn = 0; turn < 8; turn++) {
                    if (turn == 3) {
                        OauthLogins.write(home, FakeUsageEndpoint.TOKEN, T0.plus(Duration.ofHours(9)));
                    }
                    for (SourceRegistry.Entry e : workspace.sources().readAll(ReadRequest.at(now, ZoneOffset.UTC))) {
                        shown.add(String.valueOf(e.status()));
                    }
                    workspace.windows().current(now);
                    now = now.plus(Duration.ofMinutes(11));
                }
                workspace.sources().list().forEach(e -> shown.add(String.valueOf(e.status())));
            }
            assertThat(fake.served()).isGreaterThanOrEqualTo(6);
        } finally {
            root.removeHandler(log);
            log.close();
            root.setLevel(before);
        }

        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("headroom.db", "headroom.log",
                "settings.json");
        assertThat(Files.readString(data.resolve("headroom.log"))).contains("asked " + endpointUri()
                + " with the login from").contains("RateLimited").contains("Unauthorized");
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.toString()).doesNotContain(FakeUsageEndpoint.TOKEN).doesNotContain(REFRESH)
                    .doesNotContain("FAKE-test-token");
        }
        assertThat(shown).isNotEmpty().noneMatch(s -> s.contains("FAKE-test-token") || s.contains(REFRESH));
    }
}
