package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.service.Workspace;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.store.SampleStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * These tests write usage with hand-picked costs straight into the store, so they read it with
 * {@code --no-import}: a first import would reprice those rows from the price table, as it should.
 */
class WindowsCommandTest {

    @TempDir
    Path dir;

    static UsageEvent usage(int i, Instant at, double cost) {
        return new UsageEvent("k" + i, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, at, "claude-opus-4-8",
                new TokenCounts(100, 900, 0, 0, 500_000), 0, 0, Speed.STANDARD, cost, "claude-opus-4-8", false, "p", "s",
                "m" + i, "r" + i, false, false);
    }

    @Test
    void windowsJsonReportsOfficialPercentLimitAndForecast() throws Exception {
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("settings", "--plan", "max5", "--zone", "Europe/Madrid").exit()).isZero();
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        try (Workspace ws = cli.workspace()) {
            List<UsageEvent> events = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                events.add(usage(i, start.plusSeconds(300L * i + 60), 0.5));
            }
            new EventStore(ws.database()).writeNow(new EventBatch(events, List.of(), List.of(), List.of(), null));
            new SampleStore(ws.database()).writeNow(List.of(new UtilizationSample("s1", UsageSource.STATUSLINE,
                    Provenance.OFFICIAL, start.plusSeconds(300L * 23 + 90), LimitWindow.FIVE_HOUR, 40.0,
                    Instant.parse("2026-03-01T15:00:00Z"), null, "s", "claude-opus-4-8")));
        }
        CliHarness.Run r = cli.run("windows", "--json", "--no-import", "--now", "2026-03-01T12:00:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        JsonNode five = n.get("fiveHour");
        assertThat(five.get("resetsAt").asText()).isEqualTo("2026-03-01T15:00:00Z");
        assertThat(five.get("windowProvenance").asText()).isEqualTo("official");
        assertThat(five.get("secondsToReset").asLong()).isEqualTo(3 * 3600);
        assertThat(five.get("used").get("costUsd").asDouble()).isEqualTo(12.0);
        assertThat(five.get("used").get("tokens").asLong()).isEqualTo(24_000);
        assertThat(five.get("usedPercent").asDouble()).isEqualTo(40.0);
        assertThat(five.get("percentProvenance").asText()).isEqualTo("official");
        assertThat(five.get("limit").get("method").asText()).isEqualTo("official_calibration");
        assertThat(five.get("limit").get("valueUsd").asDouble()).isEqualTo(30.0);
        assertThat(five.get("forecast").get("state").asText()).isIn("will_hit", "within_limit");
        assertThat(n.get("plan").asText()).isEqualTo("max5");
        assertThat(n.get("weekly").get("resetsAt").isNull()).isTrue();
        assertThat(n.get("weekly").get("limit").get("method").asText()).isEqualTo("plan_catalog");

        CliHarness.Run human = cli.run("windows", "--no-import", "--now", "2026-03-01T12:00:00Z");
        assertThat(human.out()).contains("5-hour window").contains("40.0% (official)").contains("Max 5x");
    }

    @Test
    void windowAcrossTheDstChangeIsFiveRealHoursShownInLocalTime() throws Exception {
        CliHarness cli = new CliHarness(dir);
        cli.run("settings", "--zone", "Europe/Madrid");
        // Madrid moves from UTC+1 to UTC+2 at 01:00Z on 29 March 2026.
        try (Workspace ws = cli.workspace()) {
            new EventStore(ws.database()).writeNow(new EventBatch(List.of(usage(1, Instant.parse("2026-03-29T00:30:00Z"), 1),
                    usage(2, Instant.parse("2026-03-29T02:30:00Z"), 1)), List.of(), List.of(), List.of(), null));
        }
        CliHarness.Run r = cli.run("windows", "--json", "--no-import", "--now", "2026-03-29T03:00:00Z");
        JsonNode five = Json.mapper().readTree(r.out()).get("fiveHour");
        assertThat(five.get("start").asText()).isEqualTo("2026-03-29T00:00:00Z");
        assertThat(five.get("resetsAt").asText()).isEqualTo("2026-03-29T05:00:00Z");
        assertThat(five.get("resetsAtLocal").asText()).startsWith("2026-03-29T07:00+02:00");
        assertThat(five.get("estimated").asBoolean()).isTrue();
        assertThat(five.get("used").get("costUsd").asDouble()).isEqualTo(2.0);
        assertThat(cli.run("windows", "--no-import", "--now", "2026-03-29T03:00:00Z").out())
                .contains("5-hour window: Sun 29 Mar 01:00 – Sun 29 Mar 07:00, resets in 2 h 00 min [estimated]");
    }
}
