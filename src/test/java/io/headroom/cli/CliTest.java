package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.DataDirectory;
import io.headroom.config.Json;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line on real fixture transcripts and a real database file. */
class CliTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        HeadroomCommand root = new HeadroomCommand(db -> new Workspace(new DataDirectory(tmp.resolve("data")), db,
                Map.of(), tmp.resolve("home")));
        List<String> all = new ArrayList<>(List.of(args));
        int code = HeadroomCommand.execute(root, new Configured(out, err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** Routes the command line's output into strings. */
    record Configured(StringWriter out, StringWriter err) implements java.util.function.Consumer<CommandLine> {
        @Override
        public void accept(CommandLine cli) {
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
        }
    }

    String claude() {
        return Fixtures.claudeDir(tmp.resolve("claude")).toString();
    }

    @Test
    void dailyJsonHasCcusagesShapeAndTheFixtureFigures() throws Exception {
        Run r = run("daily", "--json", "--timezone", "UTC", "--claude-dir", claude());
        assertThat(r.code()).isZero();
        JsonNode root = r.json();
        assertThat(root.fieldNames()).toIterable().containsExactly("daily", "totals");
        JsonNode day = root.get("daily").get(0);
        assertThat(day.fieldNames()).toIterable().containsExactly("date", "inputTokens", "outputTokens",
                "cacheCreationTokens", "cacheReadTokens", "totalTokens", "totalCost", "modelsUsed", "modelBreakdowns");
        assertThat(day.get("date").asText()).isEqualTo("2026-11-27");
        assertThat(day.get("inputTokens").asLong()).isEqualTo(55126);
        assertThat(day.get("outputTokens").asLong()).isEqualTo(166);
        assertThat(day.get("cacheCreationTokens").asLong()).isEqualTo(55116);
        assertThat(day.get("cacheReadTokens").asLong()).isEqualTo(110237);
        assertThat(day.get("totalTokens").asLong()).isEqualTo(220645);
        assertThat(day.get("modelsUsed")).extracting(JsonNode::asText)
                .containsExactly("claude-haiku-4-5-20251001", "claude-opus-4-8", "claude-sonnet-4-6");
        JsonNode opus = day.get("modelBreakdowns").get(0);
        assertThat(opus.fieldNames()).toIterable().containsExactly("modelName", "inputTokens", "outputTokens",
                "cacheCreationTokens", "cacheReadTokens", "cost");
        assertThat(opus.get("modelName").asText()).isEqualTo("claude-opus-4-8");
        // 33438 x $5 + 116 x $25 + 33433 x $6.25 + 66869 x $0.50, per million.
        assertThat(opus.get("cost").asDouble()).isCloseTo(0.41248075, org.assertj.core.data.Offset.offset(1e-12));
        // Sonnet 4.6: 7223 x 3 + 15 x 15 + 7222 x 3.75 + 14444 x 0.30; Haiku 4.5: 14465 x 1 + 35 x 5 + 14461 x 1.25 + 28924 x 0.10.
        double expected = 0.41248075 + (7223 * 3 + 15 * 15 + 7222 * 3.75 + 14444 * 0.30) / 1e6
                + (14465 * 1 + 35 * 5 + 14461 * 1.25 + 28924 * 0.10) / 1e6;
        assertThat(root.get("totals").get("totalCost").asDouble()).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(root.get("totals").fieldNames()).toIterable().containsExactly("inputTokens", "outputTokens",
                "cacheCreationTokens", "cacheReadTokens", "totalTokens", "totalCost");
    }

    @Test
    void versionBuildsNoSubcommandAndHelpListsThemAll() {
        List<Integer> built = new ArrayList<>();
        StringWriter out = new StringWriter();
        java.util.function.Consumer<CommandLine> count = cli -> {
            new Configured(out, new StringWriter()).accept(cli);
            built.add(cli.getSubcommands().size());
        };
        HeadroomCommand root = new HeadroomCommand(db -> {
            throw new AssertionError("--version and --help open no store");
        });
        assertThat(HeadroomCommand.execute(root, count, "--version")).isZero();
        assertThat(out.toString()).isEqualTo("Headroom development build" + System.lineSeparator());
        assertThat(HeadroomCommand.execute(root, count, "--version", "--help")).isZero();
        assertThat(HeadroomCommand.execute(root, count, "--help")).isZero();
        assertThat(HeadroomCommand.execute(root, count, "daily", "--help")).isZero();
        assertThat(built).containsExactly(0, HeadroomCommand.COMMANDS.size(), HeadroomCommand.COMMANDS.size(), 1);
        assertThat(out.toString()).contains("  daily ", "  serve ", "Usage: headroom daily");
    }

    @Test
    void daysFollowTheRequestedZone() throws Exception {
        // The fixture runs at 17:41-17:42 UTC: in Tokyo (UTC+9) that is the next day.
        Run r = run("daily", "--json", "-z", "Asia/Tokyo", "--claude-dir", claude());
        assertThat(r.json().get("daily").get(0).get("date").asText()).isEqualTo("2026-11-28");
        Run none = run("daily", "--json", "-z", "Asia/Tokyo", "--no-import", "--since", "20261129");
        assertThat(none.json().get("daily")).isEmpty();
    }

    @Test
    void weeklyMonthlyAndSessionReports() throws Exception {
        String dir = claude();
        JsonNode weekly = run("weekly", "--json", "-z", "UTC", "--claude-dir", dir).json();
        assertThat(weekly.get("weekly").get(0).get("week").asText()).isEqualTo("2026-11-22");
        JsonNode monthly = run("monthly", "--json", "-z", "UTC", "--no-import").json();
        assertThat(monthly.get("monthly").get(0).get("month").asText()).isEqualTo("2026-11");
        assertThat(monthly.get("totals").get("totalTokens").asLong()).isEqualTo(220645);
        JsonNode sessions = run("session", "--json", "-z", "UTC", "--no-import").json();
        assertThat(sessions.get("sessions")).hasSize(8);
        JsonNode longest = null;
        for (JsonNode s : sessions.get("sessions")) {
            if (s.get("sessionId").asText().equals("e5c7fcd9-8299-488b-b2ea-325cc484603b")) {
                longest = s;
            }
        }
        assertThat(longest).isNotNull();
        assertThat(longest.get("inputTokens").asLong()).isEqualTo(9574);
        assertThat(longest.get("projectPath").asText()).isEqualTo("/home/dev/cc-project");
        assertThat(sessions.get("totals").get("inputTokens").asLong()).isEqualTo(55126);
    }

    @Test
    void importJsonCountsEverything() throws Exception {
        JsonNode r = run("import", "--json", "--claude-dir", claude()).json();
        assertThat(r.get("files").get("found").asInt()).isEqualTo(11);
        assertThat(r.get("linesRead").asLong()).isEqualTo(96);
        assertThat(r.get("errorEvents").asLong()).isEqualTo(4);
        assertThat(r.get("limitHits").asLong()).isEqualTo(1);
        assertThat(r.get("skippedLines").size()).isZero();
        assertThat(r.get("unknownModels")).isEmpty();
        assertThat(r.get("completed").asBoolean()).isTrue();
    }

    @Test
    void anUnreadableStatusLineSpoolIsReportedAndTheReportStillRuns() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("data").resolve("statusline-spool.draining-1"));
        Run r = run("daily", "--json", "-z", "UTC", "--claude-dir", claude());
        assertThat(r.code()).isZero();
        assertThat(r.json().get("totals").get("inputTokens").asLong()).isEqualTo(55126);
        assertThat(r.err()).contains("status-line samples stay queued");
    }

    @Test
    void proxySettingsPersist() {
        Run set = run("settings", "--proxy-port", "9911", "--proxy-with-app", "true");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(run("settings").out()).contains("proxy:        port 9911, starts with the app");
        Run bad = run("settings", "--proxy-port", "70000");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("the proxy port must be 1-65535");
    }

    @Test
    void theHourlyValuePersistsAndTheAdvisorUsesIt() {
        assertThat(run("settings").out()).contains("hourly value: (not set; the advisor assumes $50/h)");
        Run set = run("settings", "--hourly-value", "75");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(run("settings").out()).contains("hourly value: $75.00/h");
        Run advise = run("advise", "--json");
        assertThat(advise.code()).as(advise.err()).isZero();
        assertThat(advise.out()).contains("75");
        Run bad = run("settings", "--hourly-value", "-3");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("the hourly value must be a positive number of dollars");
        assertThat(run("settings").out()).contains("hourly value: $75.00/h");
    }

    @Test
    void theDataFolderIsPrivateFromTheFirstCommand() throws Exception {
        run("daily", "--json", "--no-import");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(tmp.resolve("data")))).isEqualTo("rwx------");
    }

    @Test
    void humanTablesAndClearErrors() {
        Run table = run("daily", "--breakdown", "-z", "UTC", "--claude-dir", claude());
        assertThat(table.out()).contains("2026-11-27").contains("claude-opus-4-8").contains("$0.50").contains("Total");

        Run badDate = run("daily", "--since", "2026-13-45", "--no-import");
        assertThat(badDate.code()).isEqualTo(1);
        assertThat(badDate.err()).contains("--since \"2026-13-45\" is not a date: use YYYYMMDD or YYYY-MM-DD.");

        Run badZone = run("daily", "--timezone", "Mars/Olympus", "--no-import");
        assertThat(badZone.code()).isEqualTo(1);
        assertThat(badZone.err()).contains("Unknown time zone \"Mars/Olympus\"");

        Run unknown = run("frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument");
    }
}
