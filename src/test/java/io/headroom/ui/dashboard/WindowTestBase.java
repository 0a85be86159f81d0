package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.service.Workspace;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * For tests that drive the real dashboard window: TestFX's stage, the test's workspace and
 * window, and the shutdown every such test needs (hide, wait for the refresh thread, then close
 * the database it was using).
 */
@ExtendWith(ApplicationExtension.class)
public abstract class WindowTestBase {

    protected Stage stage;
    protected Workspace workspace;
    protected DashboardWindow window;

    /** The stage TestFX's extension set up for this test (the one its {@code @Start} methods get). */
    @BeforeEach
    void keepStage() {
        this.stage = FxToolkit.toolkitContext().getRegisteredStage();
    }

    /**
     * Opens the window on {@link #workspace} with an autostart entry in {@code home} (never the
     * real one) and selects the Settings tab.
     */
    protected void openSettings(FxRobot robot, java.nio.file.Path home) {
        io.headroom.ui.view.ViewWiring wiring = new io.headroom.ui.view.ViewWiring(c -> c,
                () -> new io.headroom.service.Autostart("Linux", java.util.Map.of(), home,
                        java.util.List.of("/opt/headroom/bin/Headroom")));
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, java.time.Instant::now, Duration.ofSeconds(30), wiring);
            window.show();
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) robot.lookup(".main-tabs").query();
            javafx.scene.control.Tab tab = tabs.getTabs().stream().filter(t -> t.getText().equals("Settings"))
                    .findFirst().orElseThrow();
            tabs.getSelectionModel().select(tab);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closeWindowThenWorkspace(FxRobot robot) throws Exception {
        if (window != null) {
            robot.interact(stage::hide);
            assertThat(window.controller().awaitStopped(Duration.ofSeconds(10))).isTrue();
        }
        if (workspace != null) {
            workspace.close();
        }
    }
}
