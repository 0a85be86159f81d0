package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.DemoData;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import io.headroom.testing.SceneTexts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window never asks its user to type a command: every text in every tab, with no data, with
 * transcripts but no settings, and with the demo data, is free of "headroom <command>" and
 * "--option". Where a figure waits on a setting, the window links to that setting instead.
 */
class NoCommandLineTextTest extends WindowTestBase {

    /**
     * "headroom" and one of its commands, or an option. Only the command names, so "Your headroom
     * now" stays a heading; the names are the ones {@code headroom --help} lists.
     */
    private static final Pattern COMMAND = Pattern.compile("(?i)headroom (import|daily|weekly|monthly|session|windows"
            + "|statusline|log|settings|proxy|api|autostart|advise|report|sources|serve|help)\\b| --[a-z]");
    private static final Instant FIXTURE_EVENING = Instant.parse("2026-11-27T18:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void noTabAsksForACommandWithoutData(FxRobot robot) throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", tmp.resolve("no-claude").toString()), tmp);
        open(robot, Instant::now);
        assertThat(textsOfEveryTab(robot)).filteredOn(f -> COMMAND.matcher(f.text()).find()).isEmpty();
    }

    @Test
    void noTabAsksForACommandWithTranscriptsButNoSettings(FxRobot robot) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp);
        open(robot, () -> FIXTURE_EVENING);
        List<SceneTexts.Found> texts = textsOfEveryTab(robot);
        assertThat(texts).filteredOn(f -> COMMAND.matcher(f.text()).find()).isEmpty();
        // the figures that wait on a setting say so, and link to it
        assertThat(texts).extracting(SceneTexts.Found::text).contains("Plan not set · times in UTC · costs are"
                + " API-equivalent", "Choose your plan", "Weekly reset not set", "Set the weekly reset");
    }

    @Test
    void noTabAsksForACommandWithTheDemoData(FxRobot robot) throws Exception {
        Instant now = Instant.parse("2026-11-27T18:00:00Z");
        workspace = DemoData.create(tmp.resolve("demo"), now, DemoData.SEED);
        open(robot, () -> now);
        assertThat(textsOfEveryTab(robot)).filteredOn(f -> COMMAND.matcher(f.text()).find()).isEmpty();
    }

    @Test
    void thePlanLinkOpensSettingsWithThePlanFocused(FxRobot robot) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp);
        open(robot, () -> FIXTURE_EVENING);
        Hyperlink choose = robot.lookup("#choosePlan").queryAs(Hyperlink.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, choose::isVisible);
        robot.interact(choose::fire);
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Settings");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> stage.getScene().getFocusOwner() == robot.lookup("#plan").query());

        robot.interact(() -> tabs.getSelectionModel().select(0));
        Hyperlink setReset = robot.lookup("#card-weekly .set-reset").queryAs(Hyperlink.class);
        assertThat(setReset.isVisible()).isTrue();
        robot.interact(setReset::fire);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> stage.getScene().getFocusOwner() == robot.lookup("#resetDay").query());
    }

    private void open(FxRobot robot, java.util.function.Supplier<Instant> clock) throws Exception {
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, clock, Duration.ofSeconds(30));
            window.show();
        });
        Label status = robot.lookup(".status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.controller().overview().loaded.get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).doesNotStartWith("Could not refresh");
    }

    /** Shows each tab in turn, lets its data load, and reads what it shows. */
    private List<SceneTexts.Found> textsOfEveryTab(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        List<SceneTexts.Found> all = new ArrayList<>();
        for (Tab tab : List.copyOf(tabs.getTabs())) {
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            settle();
            all.addAll(WaitForAsyncUtils.asyncFx(() -> SceneTexts.of(tab.getContent())).get());
        }
        // the window's own frame: title bar, footer, tab names
        robot.interact(() -> tabs.getSelectionModel().select(0));
        all.addAll(WaitForAsyncUtils.asyncFx(() -> SceneTexts.of(stage.getScene().getRoot())).get());
        assertThat(all).hasSizeGreaterThan(20);
        return all;
    }

    /** A tab loads on the views' background thread: wait for that thread, then for the FX thread. */
    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(150);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
