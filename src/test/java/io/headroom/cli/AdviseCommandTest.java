package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.service.Workspace;
import io.headroom.testing.AdvisorHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdviseCommandTest {

    @TempDir
    Path dir;

    CliHarness cli;

    @BeforeEach
    void history() {
        cli = new CliHarness(dir);
        assertThat(cli.run("settings", "--plan", "pro", "--zone", "UTC").exit()).isZero();
        try (Workspace ws = cli.workspace()) {
            AdvisorHistory.write(ws);
        }
    }

    CliHarness.Run run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--now";
        all[args.length + 1] = AdvisorHistory.NOW.toString();
        return cli.run(all);
    }

    @Test
    void adviseJsonRecommendsMax5ForADeveloperWorth150AnHour() throws Exception {
        CliHarness.Run r = run("advise", "--hourly-value", "150", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        assertThat(n.get("recommendation").asText()).isEqualTo("max5");
        assertThat(n.get("currentPlan").asText()).isEqualTo("pro");
        assertThat(n.get("hourlyValueUsd").asDouble()).isEqualTo(150.0);
        assertThat(n.get("period").get("from").asText()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(n.get("period").get("to").asText()).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(n.get("observedBlockedHoursPerWeek").asDouble()).isEqualTo(2.0);
        JsonNode pro = option(n, "pro");
        assertThat(pro.get("blockedHoursPerWeek").asDouble()).isEqualTo(2.0);
        assertThat(pro.get("limitTaxUsdMonthly").asDouble()).isCloseTo(1304.4643, within(1e-4));
        assertThat(pro.get("totalUsdMonthly").asDouble()).isCloseTo(1324.4643, within(1e-4));
        assertThat(option(n, "max5").get("totalUsdMonthly").asDouble()).isEqualTo(100.0);
        assertThat(option(n, "max5").get("breakEvenHourlyUsd").asDouble()).isCloseTo(9.1992, within(1e-4));
        assertThat(n.get("limits").get("fiveHourUsdPerPro").asDouble()).isCloseTo(5.40, within(1e-9));
        assertThat(n.get("limitHits")).hasSize(4);
        assertThat(n.get("limitHits").get(0).get("project").asText()).isEqualTo(AdvisorHistory.HOSTILE_PROJECT);
        assertThat(n.get("daily")).hasSize(20);
        assertThat(n.get("explanation").toString()).contains("Max 5x pays for itself if your time is worth more than $9.20/h");
    }

    @Test
    void adviseTextShowsTheWhatIfTableAndTheSentences() {
        CliHarness.Run r = run("advise", "--hourly-value", "150");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Recommendation: Max 5x")
                .contains("* Max 5x")
                .contains("Pro (current)")
                .contains("$1,304")
                .contains("above $9.20/h")
                .contains("no Claude Code on this plan")
                .contains("- Max 5x is cheapest in total");
    }

    @Test
    void optionsOverrideTheSettingsForOneRun() throws Exception {
        JsonNode cheap = Json.mapper().readTree(run("advise", "--hourly-value", "5", "--json").out());
        assertThat(cheap.get("recommendation").asText()).isEqualTo("pro");
        JsonNode unset = Json.mapper().readTree(run("advise", "--json").out());
        assertThat(unset.get("hourlyValueAssumed").asBoolean()).isTrue();
        assertThat(unset.get("hourlyValueUsd").asDouble()).isEqualTo(50.0);
        JsonNode asMax = Json.mapper().readTree(run("advise", "--plan", "max5", "--hourly-value", "150", "--json").out());
        assertThat(asMax.get("currentPlan").asText()).isEqualTo("max5");
        JsonNode api = Json.mapper().readTree(run("advise", "--plan", "api", "--json").out());
        assertThat(api.get("options").toString()).contains("\"kind\":\"api\"").contains("tier-2");
        // $176/month of API spend: Tier 1's $100 cap is too low, Tier 2 ($40 deposit) is the cheapest that takes it.
        assertThat(api.get("currentPlan").asText()).isEqualTo("api");
        assertThat(option(api, "tier-1").get("feasible").asBoolean()).isFalse();
        assertThat(api.get("explanation").toString()).contains("You pay per token, so API Tier 2");
        JsonNode week = Json.mapper().readTree(run("advise", "--period", "1w", "--json").out());
        assertThat(week.get("period").get("from").asText()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(run("advise", "--period", "soon").err()).contains("28d or 4w");
        assertThat(run("advise", "--plan", "gold").err()).contains("unknown plan \"gold\"");
    }

    @Test
    void reportWritesPrivateEscapedFilesInEveryFormat() throws Exception {
        Path html = dir.resolve("out/report.html");
        CliHarness.Run r = run("report", "--format", "html", "--out", html.toString(), "--hourly-value", "150");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + html);
        String page = Files.readString(html);
        assertThat(page).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<i>sonnet")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;")
                .contains("id=\"recommendation\"").contains("id=\"what-if\"").contains("id=\"usage\"")
                .contains("id=\"windows\"").contains("id=\"method\"").contains("@page").contains("<svg");
        assertThat(Files.getPosixFilePermissions(html)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path csv = dir.resolve("out/report.csv");
        assertThat(run("report", "--format", "csv", "--out", csv.toString()).exit()).isZero();
        List<String> whatIf = Files.readAllLines(csv);
        assertThat(whatIf.get(0)).startsWith("option,name,kind,price_usd_month");
        assertThat(Files.readString(csv)).contains("\r\n");
        assertThat(whatIf).anyMatch(l -> l.startsWith("max5,Max 5x,subscription,100,"));
        Path daily = dir.resolve("out/report-daily.csv");
        String dailyCsv = Files.readString(daily);
        assertThat(dailyCsv).contains("2026-11-02,\"'=HYPERLINK(\"\"x\"\")<i>sonnet</i>\",");
        assertThat(Files.getPosixFilePermissions(daily)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path json = dir.resolve("out/report.json");
        assertThat(run("report", "--format", "json", "--out", json.toString()).exit()).isZero();
        JsonNode n = Json.mapper().readTree(json.toFile());
        assertThat(n.get("recommendation").asText()).isNotBlank();
        assertThat(n.get("limitHits").get(0).get("project").asText()).isEqualTo(AdvisorHistory.HOSTILE_PROJECT);
        assertThat(Files.getPosixFilePermissions(json)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        assertThat(run("report", "--format", "pdf", "--out", json.toString()).err()).contains("html, csv or json");
    }

    /** The contract of advise --json, which a null recommendation keeps. */
    static void keepsTheContract(JsonNode n) {
        assertThat(n.has("recommendation")).isTrue();
        assertThat(n.has("currentPlan")).isTrue();
        assertThat(n.has("explanation")).isTrue();
        assertThat(n.get("observedBlockedHoursPerWeek").isNumber()).isTrue();
        for (JsonNode o : n.get("options")) {
            assertThat(o.get("limitHitsPerWeek").isNumber()).isTrue();
            assertThat(o.get("blockedHoursPerWeek").isNumber()).isTrue();
        }
    }

    @Test
    void aFreshDataFolderGetsNoRecommendationAndTheReason() throws Exception {
        CliHarness fresh = new CliHarness(dir.resolve("fresh"));
        assertThat(fresh.run("settings", "--plan", "pro", "--zone", "UTC").exit()).isZero();
        CliHarness.Run r = fresh.run("advise", "--json", "--now", AdvisorHistory.NOW.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        keepsTheContract(n);
        assertThat(n.get("recommendation").isNull()).isTrue();
        assertThat(n.get("explanation").toString()).contains("Too little history to advise: no usage at all in the 28 days "
                + "from 2026-11-02 to 2026-11-29.");
        assertThat(n.get("options").findValuesAsText("breakEven")).doesNotContain("always");
        CliHarness.Run text = fresh.run("advise", "--now", AdvisorHistory.NOW.toString());
        assertThat(text.out()).contains("Recommendation: none").contains("- Too little history to advise");
    }

    @Test
    void withNoPlanSetItSaysWhichOptionSetsOneAndCallsNothingCurrent() throws Exception {
        try (Workspace ws = cli.workspace()) {
            ws.saveSettings(ws.settings().withPlan(null));
        }
        JsonNode n = Json.mapper().readTree(run("advise", "--hourly-value", "150", "--json").out());
        keepsTheContract(n);
        assertThat(n.get("recommendation").isNull()).isTrue();
        assertThat(n.get("currentPlan").isNull()).isTrue();
        assertThat(n.get("options").findValuesAsText("breakEven")).doesNotContain("current");
        assertThat(n.get("explanation").toString()).contains("Which plan are you on?");
        CliHarness.Run text = run("advise", "--hourly-value", "150");
        assertThat(text.out()).contains("Recommendation: none")
                .contains("Set your plan: headroom settings --plan PLAN (pro, max5, max20, ... or api), or --plan PLAN for this run.")
                .doesNotContain("(current)");
        assertThat(run("advise").out()).contains("Set your hourly value: headroom settings --hourly-value USD");
    }

    @Test
    void aClaudeCodeUserIsNeverAdvisedAPlanWithoutClaudeCode(@TempDir Path other) throws Exception {
        // Ten weekdays of prompts typed in Claude Code whose responses carry no tokens in the store: still Claude Code use.
        CliHarness c = new CliHarness(other);
        assertThat(c.run("settings", "--plan", "pro", "--zone", "UTC").exit()).isZero();
        try (Workspace ws = c.workspace()) {
            List<io.headroom.domain.PromptEvent> prompts = new java.util.ArrayList<>();
            for (int day = 0; day < 14; day++) {
                java.time.Instant at = java.time.Instant.parse("2026-11-02T10:00:00Z").plus(java.time.Duration.ofDays(day));
                prompts.add(new io.headroom.domain.PromptEvent("p" + day, io.headroom.domain.UsageSource.CLAUDE_CODE_LOG, at,
                        "/home/dev/project", "s" + day, 1));
            }
            new io.headroom.store.EventStore(ws.database()).writeNow(new io.headroom.store.EventBatch(List.of(), List.of(),
                    prompts, List.of(), null));
        }
        JsonNode n = Json.mapper().readTree(c.run("advise", "--json", "--now", AdvisorHistory.NOW.toString()).out());
        assertThat(n.get("recommendation").asText()).isNotEqualTo("free").isNotEqualTo("null");
        assertThat(option(n, "free").get("feasible").asBoolean()).isFalse();
        assertThat(option(n, "free").get("note").asText()).isEqualTo("no Claude Code on this plan");
    }

    @Test
    void theReportStatesTheSavedHourlyValueItUsed() throws Exception {
        assertThat(cli.run("settings", "--hourly-value", "150").exit()).isZero();
        Path json = dir.resolve("out/saved.json");
        assertThat(run("report", "--format", "json", "--out", json.toString()).exit()).isZero();
        JsonNode n = Json.mapper().readTree(json.toFile());
        assertThat(n.get("hourlyValueUsd").asDouble()).isEqualTo(150.0);
        assertThat(n.get("hourlyValueSource").asText()).isEqualTo("settings");
        Path html = dir.resolve("out/saved.html");
        assertThat(run("report", "--format", "html", "--out", html.toString()).exit()).isZero();
        assertThat(Files.readString(html)).contains("At $150/h (your saved hourly value)");
        Path csv = dir.resolve("out/saved.csv");
        assertThat(run("report", "--format", "csv", "--out", csv.toString()).exit()).isZero();
        assertThat(Files.readAllLines(csv).get(1)).endsWith(",150,4.3482,settings");
        Path given = dir.resolve("out/given.json");
        assertThat(run("report", "--format", "json", "--out", given.toString(), "--hourly-value", "80").exit()).isZero();
        assertThat(Json.mapper().readTree(given.toFile()).get("hourlyValueSource").asText()).isEqualTo("given");
    }

    static JsonNode option(JsonNode n, String id) {
        for (JsonNode o : n.get("options")) {
            if (o.get("id").asText().equals(id)) {
                return o;
            }
        }
        throw new AssertionError("no option " + id);
    }
}
