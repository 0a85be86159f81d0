package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCommandTest {

    @TempDir
    Path dir;

    static final String NOW = "2026-03-26T14:10:00Z"; // 15:10 in Madrid

    @Test
    void logListDeleteAndTheWindowsSeeIt() throws Exception {
        CliHarness cli = new CliHarness(dir);
        cli.run("settings", "--zone", "Europe/Madrid", "--plan", "pro");
        CliHarness.Run m = cli.run("log", "message", "--count", "3", "--model", "opus", "--at", "14:20", "--now", NOW);
        assertThat(m.exit()).as(m.err()).isZero();
        assertThat(m.out()).startsWith("m1: 3 message(s) at Thu 26 Mar 14:20");
        CliHarness.Run u = cli.run("log", "utilization", "--five-hour", "42", "--weekly", "18", "--opus", "30",
                "--five-hour-resets", "in 2h 50m", "--now", NOW);
        assertThat(u.exit()).as(u.err()).isZero();
        assertThat(u.out().lines()).hasSize(3);
        CliHarness.Run h = cli.run("log", "limit-hit", "--resets", "6pm", "--at", "15:05", "--now", NOW);
        assertThat(h.exit()).as(h.err()).isZero();
        assertThat(h.out()).contains("five_hour limit hit").contains("resets Thu 26 Mar 18:00");

        CliHarness.Run list = cli.run("log", "list", "--now", NOW);
        assertThat(list.out().lines()).hasSize(5);
        assertThat(list.out()).contains("m1").contains("h1").contains("u1").contains("u3")
                .contains("3 message(s) on claude.ai (opus)");

        JsonNode w = Json.mapper().readTree(cli.run("windows", "--json", "--now", NOW).out());
        JsonNode five = w.get("fiveHour");
        // The limit hit (a manual reset at 18:00) anchors the window; the messages at 14:20 fall in it.
        assertThat(five.get("resetsAt").asText()).isEqualTo("2026-03-26T17:00:00Z");
        assertThat(five.get("windowProvenance").asText()).isEqualTo("manual");
        assertThat(five.get("used").get("prompts").asInt()).isEqualTo(3);
        assertThat(five.get("forecast").get("state").asText()).isEqualTo("limit_reached");

        assertThat(cli.run("log", "delete", "h1").exit()).isZero();
        assertThat(cli.run("log", "delete", "h1").exit()).isEqualTo(1);
        assertThat(cli.run("log", "list", "--now", NOW).out().lines()).hasSize(4);
    }

    @Test
    void unreadableTimeIsAClearErrorAndWritesNothing() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Run bad = cli.run("log", "limit-hit", "--resets", "sometime later", "--now", NOW);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("cannot read the time \"sometime later\"");
        CliHarness.Run badAt = cli.run("log", "message", "--at", "25:99", "--now", NOW);
        assertThat(badAt.exit()).isEqualTo(1);
        assertThat(cli.run("log", "list", "--now", NOW).out()).contains("Nothing logged");
    }
}
