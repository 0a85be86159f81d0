package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.domain.LimitWindow;
import io.headroom.ingest.statusline.StatusLineHook;
import io.headroom.service.StatusLineSetup;
import io.headroom.service.Workspace;
import io.headroom.store.WindowQueries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusLineCommandTest {

    @TempDir
    Path dir;

    static final String HOOK = "java -cp /opt/headroom.jar io.headroom.ingest.statusline.StatusLineMain";

    @Test
    void installChainsTheExistingCommandAndUninstallRestoresItExactly() throws Exception {
        Path settings = dir.resolve("claude/settings.json");
        Files.createDirectories(settings.getParent());
        String original = "{\n  \"model\": \"opus\",\n  \"statusLine\": {\"type\": \"command\", \"command\": \"~/bin/my line\","
                + " \"padding\": 2},\n  \"hooks\": {\"Stop\": []}\n}\n";
        Files.writeString(settings, original);
        CliHarness cli = new CliHarness(dir);
        CliHarness.Run r = cli.run("statusline", "--install", "--settings", settings.toString(), "--hook-command", HOOK);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode after = Json.mapper().readTree(settings.toFile());
        assertThat(after.get("model").asText()).isEqualTo("opus");
        assertThat(after.get("hooks")).isEqualTo(Json.mapper().readTree(original).get("hooks"));
        assertThat(after.get("statusLine").get("padding").asInt()).isEqualTo(2);
        String command = after.get("statusLine").get("command").asText();
        assertThat(command).startsWith(HOOK + " --chain-b64 ");
        String b64 = command.substring(command.lastIndexOf(' ') + 1);
        assertThat(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8)).isEqualTo("~/bin/my line");
        try (var backups = Files.list(settings.getParent())) {
            assertThat(backups.filter(p -> p.getFileName().toString().endsWith(".bak")).toList()).singleElement()
                    .satisfies(p -> assertThat(Files.readString(p)).isEqualTo(original));
        }
        // Installing twice changes nothing.
        assertThat(cli.run("statusline", "--install", "--settings", settings.toString(), "--hook-command", HOOK).out())
                .contains("already installed");

        assertThat(cli.run("statusline", "--uninstall", "--settings", settings.toString()).exit()).isZero();
        assertThat(Json.mapper().readTree(settings.toFile())).isEqualTo(Json.mapper().readTree(original));
        assertThat(cli.run("statusline", "--uninstall", "--settings", settings.toString()).out()).contains("not installed");
    }

    @Test
    void installWithoutPreviousStatusLineAndUninstallRemovesIt() throws Exception {
        Path settings = dir.resolve("claude/settings.json");
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("statusline", "--install", "--settings", settings.toString(), "--hook-command", HOOK).exit())
                .isZero();
        assertThat(Json.mapper().readTree(settings.toFile()).get("statusLine").get("command").asText()).isEqualTo(HOOK);
        assertThat(cli.run("statusline", "--uninstall", "--settings", settings.toString()).exit()).isZero();
        assertThat(Json.mapper().readTree(settings.toFile()).has("statusLine")).isFalse();
    }

    @Test
    void settingsFileFollowsClaudeConfigDir() {
        Path home = dir.resolve("home");
        assertThat(StatusLineSetup.settingsFile(Map.of(), home)).isEqualTo(home.resolve(".claude/settings.json"));
        assertThat(StatusLineSetup.settingsFile(Map.of("CLAUDE_CONFIG_DIR", "/a/one, /b/two"), home))
                .isEqualTo(Path.of("/a/one/settings.json"));
    }

    @Test
    void spooledSamplesReachTheStoreOnce() throws Exception {
        CliHarness cli = new CliHarness(dir);
        Path data = dir.resolve("data");
        long reset = Instant.parse("2026-11-27T20:00:00Z").getEpochSecond();
        String json = "{\"session_id\":\"s\",\"rate_limits\":{\"five_hour\":{\"used_percentage\":42,\"resets_at\":" + reset
                + "},\"seven_day\":{\"used_percentage\":18.5,\"resets_at\":" + (reset + 4 * 86400) + "}}}";
        StatusLineHook.run(json, Instant.parse("2026-11-27T17:00:00Z"), TimeZone.getTimeZone("UTC"), data);
        StatusLineHook.run(json, Instant.parse("2026-11-27T17:00:00Z"), TimeZone.getTimeZone("UTC"), data);
        CliHarness.Run r = cli.run("windows", "--json", "--now", "2026-11-27T17:05:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        assertThat(n.get("fiveHour").get("usedPercent").asDouble()).isEqualTo(42.0);
        assertThat(n.get("fiveHour").get("resetsAt").asText()).isEqualTo("2026-11-27T20:00:00Z");
        assertThat(n.get("weekly").get("resetsAt").asText()).isEqualTo("2026-12-01T20:00:00Z");
        try (Workspace ws = cli.workspace()) {
            assertThat(new WindowQueries(ws.database()).samples(Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z")))
                    .extracting(s -> s.window()).containsExactlyInAnyOrder(LimitWindow.FIVE_HOUR, LimitWindow.WEEKLY);
        }
    }
}
