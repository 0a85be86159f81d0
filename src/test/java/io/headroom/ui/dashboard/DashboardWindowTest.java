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
}
