package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code windows --json} says per window where the official reading came from and when, and the extra usage. */
class WindowsOfficialSourceTest {

    @TempDir
    Path dir;

    private void cache(String fetchedAtMs, String usage) throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home").resolve(".claude.json"), "{\"cachedUsageUtilization\": {\"fetchedAtMs\": "
                + fetchedAtMs + ", \"utilization\": " + usage + "}}");
    }

    @Test
    void eachWindowNamesItsOfficialSourceAndTimeAndExtraUsageIsInDollars() throws Exception {
        // fetched 2026-07-25T17:20:00Z
        cache("1785000000000", """
                {"five_hour": {"utilization": 42, "resets_at": "2026-07-25T20:00:00.000001+00:00"},
                 "seven_day": {"utilization": 61.5, "resets_at": "2026-07-30T08:00:00+00:00"},
                 "extra_usage": {"is_enabled": true, "used_credits": 500, "monthly_limit": 10000, "currency": "USD"}}
                """);
        CliHarness.Run r = new CliHarness(dir).run("windows", "--json", "--now", "2026-07-25T17:30:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = Json.mapper().readTree(r.out());
        JsonNode five = root.get("fiveHour");
        assertThat(five.get("usedPercent").asDouble()).isEqualTo(42.0);
        assertThat(five.get("source").asText()).isEqualTo("claude_code_cache");
        assertThat(five.get("observedAt").asText()).isEqualTo("2026-07-25T17:20:00Z");
        assertThat(five.get("stale").asBoolean()).isFalse();
        assertThat(root.get("weekly").get("source").asText()).isEqualTo("claude_code_cache");
        assertThat(root.get("weekly").get("usedPercent").asDouble()).isEqualTo(61.5);
        JsonNode extra = root.get("extraUsage");
        assertThat(extra.get("usedUsd").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(extra.get("limitUsd").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(extra.get("enabled").asBoolean()).isTrue();
        assertThat(extra.get("source").asText()).isEqualTo("claude_code_cache");
        assertThat(extra.get("observedAt").asText()).isEqualTo("2026-07-25T17:20:00Z");
        // the existing contract is untouched
        for (String field : new String[] {"usedPercent", "used", "limit", "resetsAt", "official", "forecast"}) {
            assertThat(five.has(field)).as(field).isTrue();
        }

        // 16 minutes after Claude Code fetched it, the reading is stale
        JsonNode later = Json.mapper().readTree(new CliHarness(dir).run("windows", "--json", "--no-import", "--now",
                "2026-07-25T17:36:00.001Z").out());
        assertThat(later.get("fiveHour").get("stale").asBoolean()).isTrue();
        assertThat(later.get("extraUsage").get("stale").asBoolean()).isTrue();
    }

    @Test
    void unknownAllowancesAreKeptAndShown() throws Exception {
        cache("1785000000000", """
                {"five_hour": {"utilization": 42, "resets_at": "2026-07-25T20:00:00+00:00"},
                 "seven_day_cowork": {"utilization": 3.5, "resets_at": "2026-07-28T21:00:00+00:00"},
                 "iguana_necktie": {"utilization": 7, "resets_at": null},
                 "limits": [{"kind": "weekly_scoped", "percent": 15, "resets_at": null,
                             "scope": {"model": {"display_name": "Haiku 5"}}}],
                 "extra_usage": {"is_enabled": false, "used_credits": 250, "monthly_limit": null, "currency": "EUR"}}
                """);
        CliHarness.Run r = new CliHarness(dir).run("windows", "--json", "--now", "2026-07-25T17:23:00Z");
        JsonNode root = Json.mapper().readTree(r.out());
        JsonNode others = root.get("otherLimits");
        assertThat(others).hasSize(3);
        java.util.Map<String, JsonNode> byScope = new java.util.HashMap<>();
        others.forEach(o -> byScope.put(o.get("scope").asText(), o));
        assertThat(byScope.get("cowork").get("kind").asText()).isEqualTo("weekly_scoped");
        assertThat(byScope.get("cowork").get("usedPercent").asDouble()).isEqualTo(3.5);
        assertThat(byScope.get("cowork").get("resetsAt").asText()).isEqualTo("2026-07-28T21:00:00Z");
        assertThat(byScope.get("Haiku 5").get("kind").asText()).isEqualTo("weekly_scoped");
        assertThat(byScope.get("iguana_necktie").get("kind").asText()).isEqualTo("other");
        assertThat(byScope.get("iguana_necktie").get("source").asText()).isEqualTo("claude_code_cache");
        assertThat(root.get("extraUsage").get("usedUsd").isNull()).isTrue();
        assertThat(root.get("extraUsage").get("currency").asText()).isEqualTo("EUR");

        assertThat(new CliHarness(dir).run("settings", "--zone", "UTC").exit()).isZero(); // wall times below in UTC
        CliHarness.Run human = new CliHarness(dir).run("windows", "--no-import", "--now", "2026-07-25T17:23:00Z");
        assertThat(human.out()).contains("= 42.0% (official) from Claude Code 3 min ago")
                .contains("Weekly cowork: 3.5%, resets Tue 28 Jul 21:00 [official · from Claude Code · 3 min ago]")
                .contains("Limit iguana_necktie: 7.0% [official · from Claude Code · 3 min ago]")
                .contains("Extra usage: 2.50 EUR (switched off)");
    }

    @Test
    void withoutAnOfficialReadingTheFieldsAreNull() throws Exception {
        CliHarness.Run r = new CliHarness(dir).run("windows", "--json", "--now", "2026-07-25T17:30:00Z");
        JsonNode root = Json.mapper().readTree(r.out());
        assertThat(root.get("fiveHour").get("source").isNull()).isTrue();
        assertThat(root.get("fiveHour").get("observedAt").isNull()).isTrue();
        assertThat(root.has("extraUsage")).isTrue();
        assertThat(root.get("extraUsage").isNull()).isTrue();
    }
}
