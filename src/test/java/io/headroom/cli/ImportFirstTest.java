package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule 5 of the snapshot: every read command first reads what is new, as the window does. On a fresh
 * data folder with Claude Code transcripts present, {@code windows} used to report $0.00 because it
 * only read the store.
 */
class ImportFirstTest {

    private static final String NOW = "2026-11-27T18:00:00Z";

    @TempDir
    Path dir;

    private CliHarness freshFolderWithTranscripts() {
        Fixtures.claudeDir(dir.resolve("home").resolve(".claude"));
        return new CliHarness(dir);
    }

    @Test
    void windowsReadsNewTranscriptLinesFirst() throws Exception {
        CliHarness cli = freshFolderWithTranscripts();
        CliHarness.Run r = cli.run("windows", "--json", "--now", NOW);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode five = Json.mapper().readTree(r.out()).get("fiveHour");
        assertThat(five.get("used").get("tokens").asLong()).isEqualTo(110_408);
        assertThat(five.get("active").asBoolean()).isTrue();
    }

    /**
     * A limit message without a zone ("resets 6:42pm") is read in the user's zone, the one the window
     * imports with, whatever zone the machine runs in: otherwise the reset would depend on who read it first.
     */
    @Test
    void aZonelessResetIsReadInTheUsersZoneAsTheWindowReadsIt() throws Exception {
        Path claude = Fixtures.claudeDir(dir.resolve("home").resolve(".claude"));
        Path withLimit = claude.resolve("projects").resolve(Fixtures.PROJECT)
                .resolve("6d747bdd-b592-4b0f-afd2-f4b2ec31244a.jsonl");
        java.nio.file.Files.writeString(withLimit,
                java.nio.file.Files.readString(withLimit).replace("resets 6:42pm (UTC)", "resets 6:42pm"));
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("settings", "--zone", "America/Sao_Paulo").exit()).isZero(); // UTC-3
        CliHarness.Run r = cli.run("windows", "--json", "--now", NOW);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.mapper().readTree(r.out()).get("fiveHour").get("resetsAt").asText())
                .isEqualTo("2026-11-27T21:42:00Z");
    }

    @Test
    void noImportShowsOnlyWhatIsStored() throws Exception {
        CliHarness cli = freshFolderWithTranscripts();
        CliHarness.Run r = cli.run("windows", "--json", "--no-import", "--now", NOW);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode five = Json.mapper().readTree(r.out()).get("fiveHour");
        assertThat(five.get("used").get("tokens").asLong()).isZero();
        // and a later run without the switch still finds the lines: skipping lost nothing
        JsonNode after = Json.mapper().readTree(cli.run("windows", "--json", "--now", NOW).out()).get("fiveHour");
        assertThat(after.get("used").get("tokens").asLong()).isEqualTo(110_408);
    }

    @Test
    void everyReadCommandImportsFirst() throws Exception {
        for (String[] command : new String[][] {
                {"advise", "--json", "--now", NOW},
                {"api", "--json", "--at", NOW},
                {"report", "--format", "json", "--out", dir.resolve("r.json").toString(), "--now", NOW},
                {"daily", "--json"}}) {
            Path run = dir.resolve(command[0]);
            Fixtures.claudeDir(run.resolve("home").resolve(".claude"));
            CliHarness cli = new CliHarness(run);
            CliHarness.Run r = cli.run(command);
            assertThat(r.exit()).as(command[0] + ": " + r.err()).isZero();
            JsonNode daily = Json.mapper().readTree(cli.run("daily", "--json", "--no-import").out());
            assertThat(daily.get("totals").get("inputTokens").asLong()).as(command[0]).isEqualTo(55_126);
            assertThat(daily.get("totals").get("outputTokens").asLong()).as(command[0]).isEqualTo(166);
        }
    }
}
