package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Hiding the window: with a tray the refresh goes on (for the tray); without one it stops. */
@ExtendWith(ApplicationExtension.class)
class DashboardLifecycleTest {

    @TempDir
    static Path tmp;

    private Workspace workspace;
    private Stage stage;
    private DashboardWindow window;
    private final AtomicInteger refreshes = new AtomicInteger();

    @Start
    void start(Stage stage) {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude-" + System.nanoTime()));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data-" + System.nanoTime())), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp);
        this.stage = stage;
        window = new DashboardWindow(stage, workspace, Instant::now, Duration.ofSeconds(5));
        window.dashboard().addRefreshListener((now, snapshot) -> refreshes.incrementAndGet());
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(window::dispose);
        robot.interact(stage::hide);
        assertThat(window.controller().awaitStopped(Duration.ofSeconds(10))).isTrue();
        workspace.close();
    }

    @Test
    void withATrayHidingKeepsTheRefreshForTheTrayAndOnlyDisposeEndsIt(FxRobot robot) throws Exception {
        window.setStaysInBackground(true);
        robot.interact(window::show);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> refreshes.get() >= 1);
        robot.interact(stage::hide);
        assertThat(window.controller().refreshing()).isTrue();
        assertThat(window.controller().ticking()).isFalse();

        int before = refreshes.get();
        window.dashboard().refreshNow(); // as the tray does after logging a message
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> refreshes.get() > before);

        robot.interact(window::show);
        assertThat(window.controller().ticking()).isTrue();
        assertThat(stage.isShowing()).isTrue();

        robot.interact(window::dispose);
        assertThat(window.controller().awaitStopped(Duration.ofSeconds(10))).isTrue();
        assertThat(window.controller().refreshing()).isFalse();
    }

    @Test
    void withoutATrayHidingStopsTheRefresh(FxRobot robot) throws Exception {
        window.setStaysInBackground(false);
        robot.interact(window::show);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> refreshes.get() >= 1);
        robot.interact(stage::hide);
        assertThat(window.controller().awaitStopped(Duration.ofSeconds(10))).isTrue();
        assertThat(window.controller().refreshing()).isFalse();
    }

    /** Nothing ticks while the window is hidden to the tray or minimised: ten simulated minutes, no tick. */
    @Test
    void theCountdownTicksOnlyWhileTheWindowShows(FxRobot robot) throws Exception {
        window.setStaysInBackground(true);
        ManualTicks[] ticks = new ManualTicks[1];
        robot.interact(() -> window.controller().tickWith(t -> ticks[0] = new ManualTicks(t)));
        robot.interact(window::show);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> refreshes.get() >= 1);
        robot.interact(() -> ticks[0].advance(5));
        assertThat(ticks[0].delivered()).isEqualTo(5);

        robot.interact(stage::hide);
        robot.interact(() -> ticks[0].advance(600));
        assertThat(ticks[0].delivered()).as("hidden to the tray").isEqualTo(5);
        assertThat(window.controller().refreshing()).isTrue();

        robot.interact(window::show);
        robot.interact(() -> ticks[0].advance(3));
        assertThat(ticks[0].delivered()).isEqualTo(8);

        robot.interact(() -> stage.setIconified(true));
        robot.interact(() -> ticks[0].advance(600));
        assertThat(ticks[0].delivered()).as("minimised").isEqualTo(8);
    }
}
