package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.ingest.statusline.StatusLineHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statusLine hook's spool is read by the source registry only: {@code --no-import} leaves it
 * queued, and a plain command moves it into the store once. (A hook in the windows service also
 * drained it, so --no-import still read it and a problem there was dropped.)
 */
class StatusLineDrainTest {

    @TempDir
    Path tmp;

    @Test
    void noImportLeavesTheSpoolAndAPlainRunDrainsItOnce() throws Exception {
        Path data = tmp.resolve("data");
        Instant now = Instant.now();
        long resets = now.plusSeconds(3 * 3600).getEpochSecond();
        StatusLineHook.run("{\"session_id\":\"s1\",\"model\":{\"id\":\"claude-opus-4-8\"},\"rate_limits\":{\"five_hour\":"
                + "{\"used_percentage\":42,\"resets_at\":" + resets + "}}}", now, TimeZone.getTimeZone("UTC"), data);
        Path spool = data.resolve("statusline-spool.jsonl");
        assertThat(Files.readAllLines(spool)).hasSize(1);
        CliHarness cli = new CliHarness(tmp);
        Path claude = Files.createDirectories(tmp.resolve("claude").resolve("projects"));

        CliHarness.Run stored = cli.run("windows", "--json", "--no-import");

        assertThat(stored.exit()).as(stored.err()).isZero();
        assertThat(fiveHour(stored).path("usedPercent").isMissingNode() || fiveHour(stored).path("usedPercent").isNull())
                .as(stored.out()).isTrue();
        assertThat(Files.readAllLines(spool)).hasSize(1);
        assertThat(samples(data)).isZero();

        CliHarness.Run fresh = cli.run("windows", "--json", "--claude-dir", claude.getParent().toString());

        assertThat(fresh.exit()).as(fresh.err()).isZero();
        assertThat(fiveHour(fresh).path("usedPercent").asDouble()).as(fresh.out()).isEqualTo(42.0);
        assertThat(fiveHour(fresh).path("source").asText()).isEqualTo("statusline");
        assertThat(!Files.exists(spool) || Files.readAllLines(spool).isEmpty()).isTrue();
        assertThat(samples(data)).isEqualTo(1);
    }

    private static JsonNode fiveHour(CliHarness.Run run) throws Exception {
        return Json.mapper().readTree(run.out()).path("fiveHour");
    }

    private static long samples(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("headroom.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM utilization_sample")) {
            return rs.getLong(1);
        }
    }
}
