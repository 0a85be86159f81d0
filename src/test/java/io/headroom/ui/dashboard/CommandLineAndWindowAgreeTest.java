package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.cli.CliHarness;
import io.headroom.config.DataDirectory;
import io.headroom.config.Json;
import io.headroom.config.Settings;
import io.headroom.domain.Figures;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Rule 5: the command line and the window agree. The window and {@code headroom windows --json}
 * run on the same fresh data folder, where Claude Code's transcripts wait to be read; each must read
 * them itself, and the figures on the cards must be the figures the command prints.
 */
class CommandLineAndWindowAgreeTest extends WindowTestBase {

    private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");

    @TempDir
    Path tmp;

    private Workspace open() {
        return new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
    }

    private JsonNode cliWindows() throws Exception {
        CliHarness.Run r = new CliHarness(tmp).run("windows", "--json", "--now", NOW.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText().replace('\u00a0', ' ');
    }

    @Test
    void theCardsShowWhatTheWindowsCommandPrints(FxRobot robot) throws Exception {
        Fixtures.claudeDir(tmp.resolve("home").resolve(".claude"));
        try (Workspace first = open()) {
            first.saveSettings(new Settings("max5", "Europe/Madrid", null, null));
        }
        // The command line runs first on the fresh folder: it has to read the transcripts itself.
        JsonNode before = cliWindows();
        assertThat(before.get("fiveHour").get("used").get("tokens").asLong()).isEqualTo(110_408);

        workspace = open();
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, () -> NOW, Duration.ofMillis(400));
            window.show();
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#card-five-hour .used-tokens").tryQuery()
                .map(n -> ((Label) n).getText().startsWith("110,408")).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();

        JsonNode cli = cliWindows();
        assertThat(cli).isEqualTo(before); // nothing new since: the same figures again
        ZoneId zone = ZoneId.of(cli.get("zone").asText());
        assertThat(zone).isEqualTo(ZoneId.of("Europe/Madrid"));
        for (String[] card : new String[][] {{"card-five-hour", "fiveHour"}, {"card-weekly", "weekly"}}) {
            JsonNode w = cli.get(card[1]);
            String id = "#" + card[0];
            // The transcripts were read by both, not only by the window.
            assertThat(w.get("used").get("tokens").asLong()).as(card[1]).isEqualTo(110_408);
            assertThat(text(robot, id + " .used-value")).as(card[1])
                    .isEqualTo(Figures.usd(w.get("used").get("costUsd").asDouble()));
            assertThat(text(robot, id + " .used-tokens")).as(card[1]).isEqualTo("110,408 tokens");
            if (!w.get("usedPercent").isNull()) {
                assertThat(text(robot, id + " .gauge-percent")).as(card[1])
                        .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", w.get("usedPercent").asDouble()));
            }
            if (!w.get("resetsAt").isNull()) {
                ZonedDateTime reset = Instant.parse(w.get("resetsAt").asText()).atZone(zone);
                assertThat(text(robot, id + " .reset-time")).as(card[1])
                        .contains(String.format(java.util.Locale.ROOT, "%02d:%02d", reset.getHour(), reset.getMinute()));
            }
        }
        // The subscriber 429 in the transcripts said "resets 6:42pm (UTC)": 19:42 in Madrid, on both.
        assertThat(cli.get("fiveHour").get("resetsAt").asText()).isEqualTo("2026-11-27T18:42:00Z");
    }
}
