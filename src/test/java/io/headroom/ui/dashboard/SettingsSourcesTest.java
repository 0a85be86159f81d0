package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Autostart;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import io.headroom.testing.Screenshots;
import io.headroom.ui.view.ViewWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Settings tab lists every registered data source with its state, what it read and its problem. */
class SettingsSourcesTest extends WindowTestBase {

    @TempDir
    Path tmp;

    private void open(FxRobot robot, Path claude) throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp.resolve("home"));
        ViewWiring wiring = new ViewWiring(c -> c,
                () -> new Autostart("Linux", Map.of(), tmp.resolve("home"), List.of("/opt/headroom/bin/Headroom")));
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, Instant::now, Duration.ofSeconds(30), wiring);
            window.show();
        });
    }

    private static void selectTab(FxRobot robot, String name) {
        robot.interact(() -> {
            TabPane tabs = (TabPane) robot.lookup(".main-tabs").query();
            Tab tab = tabs.getTabs().stream().filter(t -> t.getText().equals(name)).findFirst().orElseThrow();
            tabs.getSelectionModel().select(tab);
        });
    }

    /** The texts of one source's row, once the tab shows it read (each visit to the tab lists them afresh). */
    private static String row(FxRobot robot, String id, String until) throws Exception {
        String[] text = {""};
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            selectTab(robot, "Overview");
            selectTab(robot, "Settings");
            WaitForAsyncUtils.waitForFxEvents();
            Node row = robot.lookup("#source-" + id).tryQuery().orElse(null);
            if (row == null) {
                return false;
            }
            text[0] = ((VBox) row).getChildren().stream().map(n -> ((Label) n).getText())
                    .collect(Collectors.joining("\n"));
            return text[0].contains(until);
        });
        return text[0];
    }

    @Test
    void everySourceIsListedWithWhatItRead(FxRobot robot) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Files.writeString(claude.resolve(".claude.json"), "{\"cachedUsageUtilization\": {\"fetchedAtMs\":"
                + " 1785000000000, \"utilization\": {\"five_hour\": {\"utilization\": 42, \"resets_at\":"
                + " \"2026-07-25T20:00:00.000001+00:00\"}, \"seven_day\": {\"utilization\": 61.5,"
                + " \"resets_at\": null}}}}");
        open(robot, claude);

        String cache = row(robot, "claude_code_cache", "fetched by Claude Code");
        assertThat(cache).startsWith("Claude Code's cached usage · on\n")
                .endsWith(": 2 readings, fetched by Claude Code at 2026-07-25T17:20:00Z");
        assertThat(row(robot, "claude_code_log", " · on")).contains(" with usage");
        assertThat(row(robot, "statusline", " · ")).startsWith("Claude Code statusLine · off")
                .endsWith("Headroom's statusLine hook is not installed in Claude Code.");
        assertThat(row(robot, "proxy", " · ")).startsWith("Recording proxy · off");
        assertThat(row(robot, "oauth_usage", " · ")).startsWith("Anthropic's usage (Claude Code login) · not found");
        assertThat(row(robot, "manual", " · ")).startsWith("Logged by hand · on");
        VBox list = robot.lookup("#sources").queryAs(VBox.class);
        assertThat(list.getChildren()).extracting(Node::getId).containsExactly("source-claude_code_log",
                "source-statusline", "source-claude_code_cache", "source-oauth_usage", "source-claude_ai", "source-proxy",
                "source-otel", "source-manual");
        robot.interact(() -> {
            for (Node n = list; n != null; n = n.getParent()) {
                if (n instanceof javafx.scene.control.ScrollPane pane) {
                    pane.setVvalue(pane.getVmax());
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(list.getScene(), "settings-sources");
    }

    @Test
    void aBrokenCacheShowsItsProblem(FxRobot robot) throws Exception {
        Path claude = Files.createDirectories(tmp.resolve("claude"));
        Files.writeString(claude.resolve(".claude.json"), "{\"cachedUsageUtilization\": {\"utilization\": ");
        open(robot, claude);

        String cache = row(robot, "claude_code_cache", " · error");
        assertThat(cache).startsWith("Claude Code's cached usage · error\n").endsWith(claude.resolve(".claude.json")
                + " is not valid JSON (line 1); its cached usage was not read. What was stored before is kept.");
        Label problem = (Label) ((VBox) robot.lookup("#source-claude_code_cache").query()).getChildren().get(2);
        assertThat(problem.getStyleClass()).contains("field-error");
    }
}
