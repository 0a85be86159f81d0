package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.DataDirectory;
import io.headroom.config.Json;
import io.headroom.service.Workspace;
import io.headroom.sources.oauth.FakeUsageEndpoint;
import io.headroom.sources.oauth.OauthLogins;
import io.headroom.sources.oauth.UsageEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user with only a Claude Code login: {@code windows --json} asks the usage endpoint and the
 * 5-hour and weekly windows are official, anchored to its resets, naming {@code oauth_usage}; a
 * second command right after does not ask again.
 */
class WindowsFromOauthUsageTest {

    @TempDir
    Path dir;

    private String[] run(FakeUsageEndpoint fake, String... args) {
        HeadroomCommand root = new HeadroomCommand(db -> new Workspace(new DataDirectory(dir.resolve("data")), db,
                Map.of(UsageEndpoint.BASE_URL_ENV, fake.base().toString()), dir.resolve("home")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HeadroomCommand.execute(root, cli -> {
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
        }, args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void theWindowsAreOfficialFromTheFirstCommand() throws Exception {
        Instant now = Instant.now();
        Instant fiveReset = now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).plusNanos(152_795_000);
        Instant weekReset = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        OauthLogins.write(dir.resolve("home"), FakeUsageEndpoint.TOKEN, now.plus(Duration.ofHours(8)));
        try (FakeUsageEndpoint fake = new FakeUsageEndpoint()) {
            fake.reply(FakeUsageEndpoint.Reply.ok("""
                    {"five_hour": {"utilization": 46.0, "resets_at": "%s"},
                     "seven_day": {"utilization": 12, "resets_at": "%s"},
                     "seven_day_opus": null, "seven_day_sonnet": null,
                     "extra_usage": {"is_enabled": true, "used_credits": 1250, "monthly_limit": 5000, "currency": "USD"}}
                    """.formatted(fiveReset.toString().replace("Z", "+00:00"), weekReset)));

            String[] r = run(fake, "windows", "--json");
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(fake.requests()).isEqualTo(1);
            JsonNode root = Json.mapper().readTree(r[1]);
            JsonNode five = root.get("fiveHour");
            assertThat(five.get("usedPercent").asDouble()).isEqualTo(46.0);
            assertThat(five.get("official").get("percent").asDouble()).as(r[1]).isEqualTo(46.0);
            assertThat(five.get("official").get("source").asText()).isEqualTo("oauth_usage");
            assertThat(five.get("windowProvenance").asText()).isEqualTo("official");
            assertThat(five.get("percentProvenance").asText()).isEqualTo("official");
            assertThat(five.get("source").asText()).isEqualTo("oauth_usage");
            assertThat(Instant.parse(five.get("resetsAt").asText())).isEqualTo(fiveReset.truncatedTo(ChronoUnit.MILLIS));
            JsonNode week = root.get("weekly");
            assertThat(week.get("usedPercent").asDouble()).isEqualTo(12.0);
            assertThat(week.get("source").asText()).isEqualTo("oauth_usage");
            assertThat(Instant.parse(week.get("resetsAt").asText())).isEqualTo(weekReset);
            assertThat(root.get("extraUsage").get("usedUsd").decimalValue()).isEqualByComparingTo("12.50");
            assertThat(root.get("extraUsage").get("limitUsd").decimalValue()).isEqualByComparingTo("50.00");

            // The reading is fresh: the next command uses it without asking.
            String[] again = run(fake, "windows", "--json");
            assertThat(again[0]).isEqualTo("0");
            assertThat(fake.requests()).isEqualTo(1);
            assertThat(Json.mapper().readTree(again[1]).get("fiveHour").get("source").asText()).isEqualTo("oauth_usage");
        }
    }
}
