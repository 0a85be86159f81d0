package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.testing.Fixtures;
import io.headroom.testing.LaunchAt;
import io.headroom.testing.TranscriptLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate Headroom processes started at the same moment on one data folder (the window, a
 * command, the hook and a cron job do this): every one finishes, and the store counts each call once.
 */
class ConcurrentProcessesTest {

    private static final int GENERATED = 6_000;

    @TempDir
    Path tmp;

    private Path data() {
        return tmp.resolve("data");
    }

    private List<Process> start(List<List<String>> commands) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Far enough ahead that every JVM has started and loaded its classes when it comes.
        long go = System.currentTimeMillis() + 3000;
        List<Process> out = new ArrayList<>();
        for (List<String> args : commands) {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    "-Duser.home=" + tmp.resolve("home"), LaunchAt.class.getName(), Long.toString(go)));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("HEADROOM_HOME", data().toString());
            pb.environment().remove("CLAUDE_CONFIG_DIR");
            out.add(pb.start());
        }
        return out;
    }

    private static List<String> finish(List<Process> processes) throws Exception {
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            outputs.add(out);
        }
        return outputs;
    }

    @Test
    void threeFirstImportsOnANewDataFolderAllSucceedAndCountOnce() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        StringBuilder lines = new StringBuilder();
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        for (int i = 0; i < GENERATED; i++) {
            lines.append(TranscriptLines.assistant("gen_" + i, t.plusSeconds(i * 30L).toString(), 1000, 100));
        }
        TranscriptLines.append(claude.resolve("projects").resolve("-gen").resolve("g.jsonl"), lines.toString());
        List<String> importArgs = List.of("import", "--claude-dir", claude.toString());

        List<String> outputs = finish(start(List.of(importArgs, importArgs, importArgs,
                List.of("daily", "--json", "-z", "UTC", "--claude-dir", claude.toString()))));

        assertThat(outputs).noneMatch(o -> o.contains("Exception") || o.contains("Problem:"));
        CliHarness.Run daily = new CliHarness(tmp).run("--db", data().resolve("headroom.db").toString(),
                "daily", "--json", "-z", "UTC", "--no-import");
        JsonNode totals = Json.mapper().readTree(daily.out()).get("totals");
        // The fixture's 220,645 tokens plus 6,000 generated calls of 1,100 tokens, each counted once.
        assertThat(totals.get("totalTokens").asLong()).isEqualTo(220_645L + GENERATED * 1_100L);
    }

    @Test
    void writersChangingDifferentSettingsAtOnceKeepEveryChange() throws Exception {
        for (int round = 0; round < 3; round++) {
            int port = 9100 + round;
            double hourly = 40 + round;
            finish(start(List.of(
                    List.of("settings", "--plan", round % 2 == 0 ? "max5" : "pro"),
                    List.of("settings", "--hourly-value", Double.toString(hourly)),
                    List.of("settings", "--zone", round % 2 == 0 ? "Europe/Madrid" : "Asia/Tokyo"),
                    List.of("settings", "--weekly-reset", "Thu 09:0" + round),
                    List.of("settings", "--proxy-port", Integer.toString(port)))));

            JsonNode settings = Json.mapper().readTree(Files.readString(data().resolve("settings.json")));
            assertThat(settings.get("plan").asText()).as("round %d: %s", round, settings)
                    .isEqualTo(round % 2 == 0 ? "max5" : "pro");
            assertThat(settings.get("hourlyValueUsd").asDouble()).as("round %d: %s", round, settings).isEqualTo(hourly);
            assertThat(settings.get("timeZone").asText()).as("round %d: %s", round, settings)
                    .isEqualTo(round % 2 == 0 ? "Europe/Madrid" : "Asia/Tokyo");
            assertThat(settings.path("weeklyReset").path("time").asText()).as("round %d: %s", round, settings)
                    .isEqualTo("09:0" + round);
            assertThat(settings.path("proxy").path("port").asInt()).as("round %d: %s", round, settings).isEqualTo(port);
        }
    }

    @Test
    void tenSettingsWritersAtOnceAllSucceed() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            commands.add(List.of("settings", "--hourly-value", Integer.toString(10 * i)));
        }

        finish(start(commands));

        JsonNode settings = Json.mapper().readTree(Files.readString(data().resolve("settings.json")));
        assertThat(settings.get("hourlyValueUsd").asInt()).isBetween(10, 100).matches(v -> v % 10 == 0);
        try (var files = Files.list(data())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }
}
