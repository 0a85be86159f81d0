package io.headroom.ui.dashboard;

import io.headroom.config.DataDirectory;
import io.headroom.service.DemoData;
import io.headroom.service.Workspace;
import io.headroom.testing.Screenshots;
import io.headroom.ui.view.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-run screen's actions in the real window on an empty temporary Headroom: the proxy
 * line is copied, the status line is installed into a temporary Claude Code settings file, "log a
 * session" shows the Sessions tab, and "Explore with demo data" opens a second, marked window on
 * a generated database in its own folder while the user's database keeps every row it had.
 */
class FirstRunActionsTest extends WindowTestBase {

    private static final Instant NOW = Instant.parse("2026-11-27T18:30:00Z");

    @TempDir
    Path tmp;


    @AfterEach
    void closeDemoWindows(FxRobot robot) throws Exception {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && DemoWindow.TITLE.equals(s.getTitle())) {
                    s.hide();
                }
            }
        });
    }

    private Node open(FxRobot robot) throws Exception {
        Path claude = tmp.resolve("claude");
        Files.createDirectories(claude);
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp.resolve("home"));
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, () -> NOW, Duration.ofMinutes(1));
            window.show();
        });
        Node empty = robot.lookup("#emptyState").query();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, empty::isVisible);
        return empty;
    }

    private Map<String, Long> rowCounts(Path database) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement s = c.createStatement()) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    @Test
    void copiesTheProxyLineInstallsTheStatusLineAndShowsSessions(FxRobot robot) throws Exception {
        open(robot);
        assertThat(robot.lookup("#proxyLine").queryAs(Label.class).getText())
                .isEqualTo("ANTHROPIC_BASE_URL=http://127.0.0.1:8787");
        robot.clickOn("#copyProxyLine");
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertThat(copied[0]).isEqualTo("ANTHROPIC_BASE_URL=http://127.0.0.1:8787");

        robot.clickOn("#firstRunInstallStatusLine");
        Label result = robot.lookup("#statusLineResult").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS,
                () -> !result.getText().isEmpty() && !result.getText().equals("Installing…"));
        Path settings = tmp.resolve("claude/settings.json");
        assertThat(settings).exists();
        assertThat(Files.readString(settings)).contains("statusLine").contains("StatusLineMain");
        assertThat(result.getText()).doesNotStartWith("Could not");

        robot.interact(() -> Theme.apply(stage.getScene(), "dark"));
        Screenshots.save(stage.getScene(), "overview-empty-dark");
        robot.interact(() -> Theme.apply(stage.getScene(), "light"));

        robot.clickOn("#logSession");
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Sessions");
    }

    @Test
    void receivingClaudeCodesTelemetryStartsFromTheFirstRunScreenAndItsDataReplacesIt(FxRobot robot) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        new io.headroom.config.TeamSettings(false, port, false, 9464, "127.0.0.1", false, null, "http/protobuf", 60, null,
                null, false).save(tmp.resolve("data").resolve(io.headroom.config.TeamSettings.FILE));
        Node empty = open(robot);
        Label lines = robot.lookup("#firstRunTelemetryLines").queryAs(Label.class);
        assertThat(lines.getText()).isEqualTo("export CLAUDE_CODE_ENABLE_TELEMETRY=1\nexport OTEL_LOGS_EXPORTER=otlp\n"
                + "export OTEL_METRICS_EXPORTER=otlp\nexport OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\n"
                + "export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318");

        // Fired, not clicked: at 1280x800 the step may sit below the fold of the scrolled first-run screen.
        robot.interact(() -> robot.lookup("#firstRunReceiveTelemetry").queryAs(javafx.scene.control.Button.class).fire());
        Label result = robot.lookup("#firstRunTelemetryResult").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> result.getText().startsWith("Receiving at")
                || result.getText().startsWith("Not started"));
        assertThat(result.getText()).isEqualTo("Receiving at http://127.0.0.1:" + port + ", now and whenever Headroom "
                + "starts (Settings, Team and telemetry).");
        assertThat(lines.getText()).endsWith("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:" + port);
        assertThat(workspace.teamSettings().receiveTelemetry()).isTrue();
        robot.interact(() -> robot.lookup("#firstRunCopyTelemetryLines").queryAs(javafx.scene.control.Button.class).fire());
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertThat(copied[0]).isEqualTo(lines.getText());
        Screenshots.save(empty.getScene(), "overview-empty-telemetry");

        // Claude Code sends its first export: the window refreshes on it and leaves the first-run screen.
        byte[] body = Files.readAllBytes(io.headroom.testing.Fixtures.resource("otel/run1-logs.json"));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/v1/logs")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !empty.isVisible());
    }

    @Test
    void exploreWithDemoDataOpensAMarkedSecondWindowAndLeavesTheUsersDatabaseAlone(FxRobot robot) throws Exception {
        Node empty = open(robot);
        Path userDb = workspace.databaseFile();
        Map<String, Long> before = rowCounts(userDb);
        Screenshots.save(empty.getScene(), "overview-empty");

        robot.clickOn("#exploreDemo");
        Stage[] demo = new Stage[1];
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && DemoWindow.TITLE.equals(s.getTitle()) && s.isShowing()) {
                    demo[0] = s;
                    return true;
                }
            }
            return false;
        });
        Node demoRoot = demo[0].getScene().getRoot();
        Label banner = (Label) demoRoot.lookup("#demoBanner");
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).startsWith("Demo data: three weeks of made-up usage of a Max 5x user.");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> demoRoot.lookup("#card-five-hour") != null
                && demoRoot.lookup("#card-five-hour").isVisible());
        Label total = (Label) demoRoot.lookup("#totalTokens");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> total.getText().matches("[\\d,]+"));
        WaitForAsyncUtils.waitForFxEvents();
        Path demoDb = DemoData.folder(workspace.dataDirectory()).resolve(DataDirectory.DATABASE_FILE);
        assertThat(demoDb).exists();
        Screenshots.save(demo[0].getScene(), "demo");
        robot.interact(() -> Theme.apply(demo[0].getScene(), "dark"));
        Screenshots.save(demo[0].getScene(), "demo-dark");

        assertThat(rowCounts(userDb)).isEqualTo(before);
        assertThat(before.get("usage_event")).isZero();
        // The user's window still shows the first-run screen.
        assertThat(empty.isVisible()).isTrue();
    }
}
