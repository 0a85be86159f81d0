package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import io.headroom.testing.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle), on a real temporary database fed by the fixture transcripts. */
@ExtendWith(ApplicationExtension.class)
class DashboardWindowTest {

    @TempDir
    static Path tmp;

    private Workspace workspace;
    private Stage stage;
    private DashboardWindow window;

    @Start
    void start(Stage stage) {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude-" + System.nanoTime()));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data-" + System.nanoTime())), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp);
        this.stage = stage;
        window = new DashboardWindow(stage, workspace);
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(stage::hide); // stops the countdown and the refresh thread before the database closes
        assertThat(window.controller().awaitStopped(java.time.Duration.ofSeconds(10))).isTrue();
        workspace.close();
    }

    @Test
    void opensImportsInTheBackgroundAndShowsTheTotals(FxRobot robot) throws Exception {
        Label status = robot.lookup(".status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("imported"));
        assertThat(status.getText()).isEqualTo("11 Claude Code transcripts found, 96 new lines imported.");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#totalTokens").queryAs(Label.class).getText()).isEqualTo("220,645");
        assertThat(robot.lookup("#card-five-hour").tryQuery()).isPresent(); // the Overview's cards replaced the shell
        assertThat(robot.lookup(".title").queryAs(Label.class).getText()).isEqualTo("Headroom");
        assertThat(status.getScene().getWindow().getWidth()).isEqualTo(1280);

        Path png = Screenshots.save(status.getScene(), "dashboard-shell");
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    @Test
    void everyIdInTheWindowIsUnique(FxRobot robot) throws Exception {
        // Each tab is its own view; a shared id would send lookups (and keyboard tests) to the wrong one.
        Label status = robot.lookup(".status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("imported"));
        javafx.scene.control.TabPane tabPane = robot.lookup(".main-tabs").queryAs(javafx.scene.control.TabPane.class);
        for (int i = tabPane.getTabs().size() - 1; i >= 0; i--) {
            int index = i;
            robot.interact(() -> tabPane.getSelectionModel().select(index)); // builds each view
        }
        assertThat(tabPane.getTabs()).allSatisfy(t -> assertThat(t.getContent()).isNotNull());
        java.util.Map<String, Integer> ids = new java.util.TreeMap<>();
        java.util.Set<javafx.scene.Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        robot.interact(() -> {
            for (javafx.scene.control.Tab tab : robot.lookup(".main-tabs").queryAs(javafx.scene.control.TabPane.class)
                    .getTabs()) {
                count(tab.getContent(), ids, seen);
            }
        });
        assertThat(ids).isNotEmpty();
        assertThat(ids).allSatisfy((id, n) -> assertThat(n).as("nodes with id " + id).isEqualTo(1));
    }

    private static void count(javafx.scene.Node node, java.util.Map<String, Integer> ids,
            java.util.Set<javafx.scene.Node> seen) {
        if (node == null || !seen.add(node)) {
            return; // a scroll pane's content is also among its skin's children once shown
        }
        if (node.getId() != null) {
            ids.merge(node.getId(), 1, Integer::sum);
        }
        // Inside controls only the content the views put there counts, not the skins' own parts.
        if (node instanceof javafx.scene.control.ScrollPane sp) {
            count(sp.getContent(), ids, seen);
        } else if (node instanceof javafx.scene.control.TitledPane tp) {
            count(tp.getContent(), ids, seen);
        } else if (node instanceof javafx.scene.control.SplitPane split) {
            split.getItems().forEach(c -> count(c, ids, seen));
        } else if (node instanceof javafx.scene.control.TabPane tabs) {
            tabs.getTabs().forEach(t -> count(t.getContent(), ids, seen));
        } else if (!(node instanceof javafx.scene.control.Control) && node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> count(c, ids, seen));
        }
    }
}
