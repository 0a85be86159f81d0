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
import io.headroom.store.ManualStore;
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

    /** The weekly card's "34.1% used" beside $39.98 and a learned limit (64.5%, 47%...): the JSON's three figures say one thing. */
    @Test
    void windowsJsonPercentUsedAndLimitAgreeWithTheNewestOfficialReading() throws Exception {
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("settings", "--plan", "max5", "--zone", "UTC").exit()).isZero();
        try (Workspace ws = cli.workspace()) {
            List<UsageEvent> events = new ArrayList<>();
            List<UtilizationSample> samples = new ArrayList<>();
            // Last week: 50% at $31, so the limit learned from both weeks' readings is $84.37.
            events.add(usage(1, Instant.parse("2026-03-15T11:00:00Z"), 31));
            samples.add(new UtilizationSample("last", UsageSource.STATUSLINE, Provenance.OFFICIAL,
                    Instant.parse("2026-03-15T12:00:00Z"), LimitWindow.WEEKLY, 50, Instant.parse("2026-03-16T08:00:00Z"),
                    null, "s", "claude-opus-4-8"));
            events.add(usage(9, Instant.parse("2026-03-19T09:00:00Z"), 39.98));
            samples.add(new UtilizationSample("now", UsageSource.STATUSLINE, Provenance.OFFICIAL,
                    Instant.parse("2026-03-20T10:00:00Z"), LimitWindow.WEEKLY, 34.13, Instant.parse("2026-03-23T08:00:00Z"),
                    null, "s", "claude-opus-4-8"));
            new EventStore(ws.database()).writeNow(new EventBatch(events, List.of(), List.of(), List.of(), null));
            new SampleStore(ws.database()).writeNow(samples);
        }
        CliHarness.Run r = cli.run("windows", "--json", "--no-import", "--now", "2026-03-20T10:30:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode weekly = Json.mapper().readTree(r.out()).get("weekly");
        double used = weekly.get("used").get("costUsd").asDouble();
        assertThat(weekly.get("usedPercent").asDouble()).isEqualTo(34.13);
        assertThat(used).isEqualTo(39.98);
        assertThat(weekly.get("limit").get("valueUsd").asDouble()).isEqualTo(117.1403);
        assertThat(weekly.get("limit").get("method").asText()).isEqualTo("official_calibration");
        assertThat(used / weekly.get("limit").get("valueUsd").asDouble() * 100)
                .isCloseTo(weekly.get("usedPercent").asDouble(), org.assertj.core.data.Offset.offset(0.5));
        // The learned limit, which put 47.4% beside 34.13%, stays in the evidence list.
        assertThat(weekly.get("limitEvidence").get(0).get("valueUsd").asDouble())
                .isCloseTo(84.37, org.assertj.core.data.Offset.offset(0.01));
        assertThat(weekly.get("state").asText()).isEqualTo("running");
        assertThat(weekly.get("limitReached").isNull()).isTrue();
        assertThat(cli.run("windows", "--no-import", "--now", "2026-03-20T10:30:00Z").out())
                .contains("  used $39.98 = 34.1% (official)").contains("  limit $117.14 from official utilization");
    }

    /** A limit hit logged for claude.ai use, nothing measured: "limit reached", never "100.0%" beside "$0.00". */
    @Test
    void aHandLoggedHitWithNoUsageIsLimitReachedWithItsResetAndEvidence() throws Exception {
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("settings", "--plan", "max5", "--zone", "UTC").exit()).isZero();
        try (Workspace ws = cli.workspace()) {
            ManualStore manual = new ManualStore(ws.database());
            manual.addLimitHit(Instant.parse("2026-03-01T13:30:00Z"), LimitWindow.FIVE_HOUR,
                    Instant.parse("2026-03-01T18:25:00Z"));
            manual.addLimitHit(Instant.parse("2026-03-01T14:00:00Z"), LimitWindow.FIVE_HOUR,
                    Instant.parse("2026-03-01T18:28:00Z"));
        }
        CliHarness.Run r = cli.run("windows", "--json", "--no-import", "--now", "2026-03-01T14:30:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode five = Json.mapper().readTree(r.out()).get("fiveHour");
        assertThat(five.get("resetsAt").asText()).isEqualTo("2026-03-01T18:28:00Z");
        assertThat(five.get("state").asText()).isEqualTo("limit_reached");
        assertThat(five.get("limitReached").get("evidence").asText()).isEqualTo("manual");
        assertThat(five.get("limitReached").get("evidenceLabel").asText()).isEqualTo("hand-logged");
        assertThat(five.get("limitReached").get("at").asText()).isEqualTo("2026-03-01T14:00:00Z");
        assertThat(five.get("limitReached").get("usageRecorded").asBoolean()).isFalse();
        assertThat(five.get("usedPercent").asDouble()).isEqualTo(100.0);
        assertThat(five.get("used").get("costUsd").asDouble()).isZero();
        assertThat(five.get("limit").isNull()).isTrue();
        assertThat(five.get("forecast").get("state").asText()).isEqualTo("limit_reached");

        String all = cli.run("windows", "--no-import", "--now", "2026-03-01T14:30:00Z").out();
        String human = all.substring(0, all.indexOf("Weekly window"));
        assertThat(human).contains("5-hour window: Sun 1 Mar 13:28 – Sun 1 Mar 18:28, resets in 3 h 58 min [manual]")
                .contains("  Limit reached · resets 18:28 · hand-logged · no usage recorded here")
                .contains("  limit not shown: the percent comes from a reading or limit hit with no usage recorded here")
                .doesNotContain("100.0%").doesNotContain("used $0.00");
        // said once, not again as the forecast
        assertThat(human.toLowerCase(java.util.Locale.ROOT).split("limit reached", -1)).hasSize(2);
    }
}
