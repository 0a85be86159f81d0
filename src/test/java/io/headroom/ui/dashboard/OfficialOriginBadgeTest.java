package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.testing.Screenshots;
import io.headroom.ui.view.ProvenanceBadge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The percent badge says where an official figure came from and how old it is, and marks it stale after 15 minutes. */
class OfficialOriginBadgeTest extends WindowTestBase {

    private static final Instant FETCHED = Instant.ofEpochMilli(1_785_000_000_000L); // 2026-07-25T17:20:00Z

    @TempDir
    Path tmp;

    @Test
    void theBadgeNamesClaudeCodeAndTheAgeAndTurnsStale(FxRobot robot) throws Exception {
        Path claude = Files.createDirectories(tmp.resolve("claude"));
        Files.writeString(claude.resolve(".claude.json"), "{\"cachedUsageUtilization\": {\"fetchedAtMs\": "
                + FETCHED.toEpochMilli() + ", \"utilization\": {\"five_hour\": {\"utilization\": 42, \"resets_at\":"
                + " \"2026-07-25T20:00:00.000001+00:00\"}, \"seven_day\": {\"utilization\": 61.5, \"resets_at\":"
                + " \"2026-07-30T08:00:00+00:00\"}, \"seven_day_cowork\": {\"utilization\": 3.5, \"resets_at\": null}}}}");
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp.resolve("home"));
        AtomicReference<Instant> now = new AtomicReference<>(FETCHED.plusSeconds(3 * 60 + 10));
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, now::get, Duration.ofMillis(400));
            window.show();
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#card-five-hour .percent-badge")
                .tryQuery().map(n -> ((ProvenanceBadge) n).getText().contains("Claude Code")).orElse(false));
        ProvenanceBadge five = robot.lookup("#card-five-hour .percent-badge").queryAs(ProvenanceBadge.class);
        assertThat(five.getText()).isEqualTo("official · from Claude Code · 3 min ago");
        assertThat(five.getStyleClass()).contains("badge-official").doesNotContain("badge-stale");
        assertThat(five.getTooltip().getText()).endsWith("\nRead from Claude Code · 3 min ago.");
        // an allowance with no card of its own is shown, not dropped
        javafx.scene.control.Label others = robot.lookup("#otherLimits").queryAs(javafx.scene.control.Label.class);
        assertThat(others.isVisible()).isTrue();
        assertThat(others.getText()).isEqualTo("Also reported: Weekly cowork 3.5% (official, from Claude Code, 3 min ago)");
        ProvenanceBadge weekly = robot.lookup("#card-weekly .percent-badge").queryAs(ProvenanceBadge.class);
        assertThat(weekly.getText()).isEqualTo("official · from Claude Code · 3 min ago");

        now.set(FETCHED.plusSeconds(20 * 60));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> five.getText().endsWith("stale"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(five.getText()).isEqualTo("official · from Claude Code · 20 min ago · stale");
        assertThat(five.getStyleClass()).contains("badge-official", "badge-stale");
        assertThat(five.getTooltip().getText()).endsWith("older than 15 minutes, so it may have moved since.");
        Screenshots.save(five.getScene(), "overview-official-stale");
    }
}
