package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom sources} lists every registered source with its state, what it read and its last problem. */
class SourcesCommandTest {

    @TempDir
    Path dir;

    private static JsonNode source(JsonNode root, String id) {
        for (JsonNode s : root.get("sources")) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no source " + id + " in " + root);
    }

    @Test
    void listsEverySourceWithItsStateAfterReadingThem() throws Exception {
        Fixtures.claudeDir(dir.resolve("home").resolve(".claude"));
        Files.writeString(dir.resolve("home").resolve(".claude.json"), "{\"cachedUsageUtilization\": {\"fetchedAtMs\":"
                + " 1785000000000, \"utilization\": {\"five_hour\": {\"utilization\": 42, \"resets_at\":"
                + " \"2026-07-25T20:00:00.000001+00:00\"}, \"seven_day\": null}}}");
        CliHarness.Run r = new CliHarness(dir).run("sources", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = Json.mapper().readTree(r.out());
        List<String> ids = new ArrayList<>();
        root.get("sources").forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).containsExactly("claude_code_log", "statusline", "claude_code_cache", "oauth_usage", "claude_ai",
                "proxy", "otel", "manual");

        JsonNode log = source(root, "claude_code_log");
        assertThat(log.get("state").asText()).isEqualTo("on");
        assertThat(log.get("lastRead").asText()).endsWith(" with usage");
        List<String> looked = new ArrayList<>();
        log.get("lookedAt").forEach(l -> looked.add(l.asText()));
        assertThat(looked).contains(dir.resolve("home").resolve(".claude").resolve("projects").toString());

        JsonNode cache = source(root, "claude_code_cache");
        assertThat(cache.get("state").asText()).isEqualTo("on");
        assertThat(cache.get("lastRead").asText()).isEqualTo("1 reading, fetched by Claude Code at 2026-07-25T17:20:00Z");
        assertThat(cache.get("problem").isNull()).isTrue();
        assertThat(cache.get("minIntervalSeconds").asLong()).isZero();

        assertThat(source(root, "statusline").get("state").asText()).isEqualTo("off");
        assertThat(source(root, "proxy").get("state").asText()).isEqualTo("off");
        assertThat(source(root, "otel").get("state").asText()).isEqualTo("off"); // no receiver in a one-shot command
        JsonNode oauth = source(root, "oauth_usage");
        assertThat(oauth.get("state").asText()).isEqualTo("not_found"); // no Claude Code login in this home
        assertThat(oauth.get("minIntervalSeconds").asLong()).isEqualTo(300);
        assertThat(oauth.get("problem").asText()).startsWith("No Claude Code login found (looked at "
                + dir.resolve("home").resolve(".claude").resolve(".credentials.json") + ")");
        assertThat(source(root, "claude_ai").get("state").asText()).isEqualTo("off"); // opt-in
        assertThat(source(root, "claude_ai").get("minIntervalSeconds").asLong()).isEqualTo(300);
        assertThat(source(root, "manual").get("state").asText()).isEqualTo("on");

        // windows anchor to the cached reading
        JsonNode windows = Json.mapper().readTree(new CliHarness(dir).run("windows", "--json", "--no-import",
                "--now", "2026-07-25T17:30:00Z").out());
        assertThat(windows.get("fiveHour").get("usedPercent").asDouble()).isEqualTo(42.0);
    }

    @Test
    void aBrokenCacheShowsAsAProblemAndTheCommandStillSucceeds() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home").resolve(".claude.json"), "{\"cachedUsageUtilization\": {");
        CliHarness.Run r = new CliHarness(dir).run("sources");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("is not valid JSON (line 1); its cached usage was not read.");
        assertThat(r.out()).contains("Claude Code's cached usage   error")
                .contains("  problem: " + dir.resolve("home").resolve(".claude.json") + " is not valid JSON")
                .doesNotContain("Exception");
        // a later run still lists it, without reading the unchanged file again
        CliHarness.Run again = new CliHarness(dir).run("sources", "--json");
        assertThat(again.err()).isEmpty();
        assertThat(source(Json.mapper().readTree(again.out()), "claude_code_cache").get("state").asText())
                .isEqualTo("error");
    }

    @Test
    void importReadsEverySourceAndReportsThem() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home").resolve(".claude.json"), "{\"cachedUsageUtilization\": {\"fetchedAtMs\":"
                + " 1785000000000, \"utilization\": {\"five_hour\": {\"utilization\": 9, \"resets_at\": null}}}}");
        CliHarness.Run r = new CliHarness(dir).run("import", "--json");
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("linesRead").asLong()).isZero();
        assertThat(source(root, "claude_code_cache").get("lastRead").asText())
                .isEqualTo("1 reading, fetched by Claude Code at 2026-07-25T17:20:00Z");
        assertThat(source(root, "claude_code_log").get("state").asText()).isEqualTo("not_found");

        CliHarness.Run human = new CliHarness(dir).run("import");
        assertThat(human.out()).contains("Sources:").contains("Claude Code's cached usage   on")
                .contains("  looks at " + dir.resolve("home").resolve(".claude.json"));
    }
}
