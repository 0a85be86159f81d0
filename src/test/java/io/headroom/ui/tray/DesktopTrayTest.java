package io.headroom.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import io.headroom.ui.dashboard.DashboardWindow;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

/** The tray's menu against a real temporary database, with a recording icon instead of AWT's. */
@ExtendWith(ApplicationExtension.class)
class DesktopTrayTest {

    @TempDir
    static Path tmp;

    /** What the tray showed, in order. */
    static final class RecordingIcon implements TrayIconView {
        final List<TrayState> states = new CopyOnWriteArrayList<>();
        final List<String> proxy = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void show(TrayState state) {
            states.add(state);
        }

        @Override
        public void proxyRunning(boolean running, String listen) {
            proxy.add(running ? "running " + listen : "stopped");
        }

        @Override
        public void notify(String title, String body, boolean warning) {
            messages.add(title + ": " + body);
        }
    }

    private Workspace workspace;
    private DashboardWindow window;
    private final RecordingIcon icon = new RecordingIcon();
    private final AtomicInteger quits = new AtomicInteger();
    private DesktopTray tray;

    @Start
    void start(Stage stage) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude-" + System.nanoTime()));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data-" + System.nanoTime())), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        workspace.saveSettings(Settings.empty().withProxy(port, false));
        window = new DashboardWindow(stage, workspace);
        window.setStaysInBackground(true);
        tray = new DesktopTray(workspace, window, icon, quits::incrementAndGet);
        window.dashboard().addRefreshListener(tray);
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(window::dispose);
        robot.interact(window.stage()::hide);
        assertThat(window.awaitStopped(Duration.ofSeconds(10))).isTrue();
        workspace.close();
    }

    @Test
    void loggingAMessageFromTheTrayWritesItAndRefreshesWhileTheWindowIsHidden(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !icon.states.isEmpty());
        robot.interact(window.stage()::hide);
        int before = icon.states.size();

        tray.logMessage();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> manualMessages() == 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> icon.states.size() > before);
        TrayState last = icon.states.get(icon.states.size() - 1);
        assertThat(last.statusLine()).startsWith("5h ").contains(" · week ");
        assertThat(icon.messages).isEmpty();
        assertThat(window.stage().isShowing()).isFalse();
    }

    @Test
    void theProxyStartsAndStopsFromTheMenuAndSaysWhereItListens() throws Exception {
        int port = workspace.settings().proxyPortOrDefault();
        tray.toggleProxy();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> icon.proxy.contains("running http://127.0.0.1:" + port));
        assertThat(workspace.proxy().running()).isTrue();
        tray.toggleProxy();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !workspace.proxy().running());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> icon.proxy.get(icon.proxy.size() - 1).equals("stopped"));
    }

    @Test
    void aClickOnTheIconHidesTheShowingWindowAndBringsBackAHiddenOrIconifiedOne(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.stage().isShowing());
        tray.toggleWindow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.stage().isShowing());
        tray.toggleWindow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.stage().isShowing());
        robot.interact(() -> window.stage().setIconified(true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.stage().isIconified());
        tray.toggleWindow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.stage().isIconified());
        assertThat(window.stage().isShowing()).isTrue();
    }

    @Test
    void quitIsHandedOn() {
        tray.quit();
        assertThat(quits).hasValue(1);
        tray.logMessage(); // after quit the menu does nothing rather than fail
        assertThat(icon.messages).isEmpty();
    }

    private long manualMessages() throws Exception {
        try (Connection c = workspace.database().openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(count),0) FROM prompt_event WHERE source = 'manual'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
