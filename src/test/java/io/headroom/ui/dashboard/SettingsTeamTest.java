package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.TeamSettings;
import io.headroom.secrets.SecretStores;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import io.headroom.testing.Screenshots;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Settings tile for a team: switching the receiver and the metrics on runs them (a real
 * scrape, a real export accepted), a collector header goes to the secret store and never back
 * into the field, and an address other machines can reach is warned about before Apply.
 */
class SettingsTeamTest extends WindowTestBase {

    @TempDir
    Path tmp;

    @Test
    void applyRunsWhatIsSwitchedOnAndKeepsTheHeaderSecret(FxRobot robot) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(SecretStores.OVERRIDE_ENV, "file",
                "CLAUDE_CONFIG_DIR", claude.toString()), tmp.resolve("home"));
        openSettings(robot, tmp.resolve("home"));
        Label running = robot.lookup("#teamRunning").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Nothing is exported or received now.".equals(running.getText()));
        assertThat(robot.lookup("#teamPrivacy").queryAs(Label.class).getText()).startsWith("Only aggregates leave this "
                + "machine").contains("No prompt text, no file paths, no session ids");
        int telemetryPort = freePort();
        int metricsPort = freePort();
        CheckBox receive = robot.lookup("#receiveTelemetry").queryAs(CheckBox.class);
        CheckBox metrics = robot.lookup("#serveMetrics").queryAs(CheckBox.class);
        TextField bind = robot.lookup("#metricsBind").queryAs(TextField.class);
        Label warning = robot.lookup("#metricsWarning").queryAs(Label.class);
        Button apply = robot.lookup("#applyTeam").queryAs(Button.class);
        robot.interact(() -> {
            receive.setSelected(true);
            robot.lookup("#telemetryPort").queryAs(TextField.class).setText(Integer.toString(telemetryPort));
            metrics.setSelected(true);
            robot.lookup("#metricsPort").queryAs(TextField.class).setText(Integer.toString(metricsPort));
            bind.setText("0.0.0.0");
            robot.lookup("#teamUser").queryAs(TextField.class).setText("ana");
            robot.lookup("#pushHeaders").queryAs(PasswordField.class).setText("Authorization: Bearer team-secret-789");
        });
        assertThat(warning.getText()).startsWith("Warning: on 0.0.0.0 other machines can read your usage figures.");
        assertThat(robot.lookup("#telemetryLines").queryAs(Label.class).getText())
                .endsWith("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:" + telemetryPort);
        robot.interact(() -> robot.lookup("#telemetryPort").queryAs(TextField.class).setText("99999"));
        assertThat(apply.isDisabled()).isTrue();
        assertThat(robot.lookup("#telemetryPortError").queryAs(Label.class).getText())
                .isEqualTo("A port is a whole number from 1 to 65535.");
        robot.interact(() -> {
            robot.lookup("#telemetryPort").queryAs(TextField.class).setText(Integer.toString(telemetryPort));
            bind.setText("127.0.0.1");
        });
        assertThat(warning.getText()).isEmpty();
        assertThat(apply.isDisabled()).isFalse();

        robot.interact(apply::fire);
        Label message = robot.lookup("#teamMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "Saved.".equals(message.getText())
                || message.getStyleClass().contains("error"));
        assertThat(message.getText()).isEqualTo("Saved.");
        assertThat(running.getText()).isEqualTo("Receiving Claude Code's telemetry at http://127.0.0.1:" + telemetryPort
                + " (0 calls so far).\nServing metrics at http://127.0.0.1:" + metricsPort + "/metrics as user ana on host "
                + workspace.metrics().host() + ".");
        assertThat(robot.lookup("#pushHeaders").queryAs(PasswordField.class).getText()).isEmpty();
        assertThat(workspace.pushHeaders()).isEqualTo(Map.of("Authorization", "Bearer team-secret-789"));
        assertThat(Files.readString(tmp.resolve("data").resolve(TeamSettings.FILE))).doesNotContain("team-secret-789");
        assertThat(workspace.teamSettings()).isEqualTo(new TeamSettings(true, telemetryPort, true, metricsPort,
                "127.0.0.1", false, null, TeamSettings.PROTOBUF, 60, "ana", null, false));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> export = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + telemetryPort
                + "/v1/logs")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(
                Files.readAllBytes(Fixtures.resource("otel/run1-logs.json")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        String scraped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scraped).contains("headroom_tokens_total{host=").contains("user=\"ana\"")
                .contains("model=\"claude-opus-4-8\",type=\"cacheRead\"");

        ScrollPane scroll = robot.lookup(".settings-scroll").queryAs(ScrollPane.class);
        robot.interact(() -> scroll.setVvalue(0.45));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(apply.getScene(), "settings-team");

        // Switched off again: nothing listens any more.
        robot.interact(() -> {
            receive.setSelected(false);
            metrics.setSelected(false);
        });
        robot.interact(apply::fire);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "Nothing is exported or received now.".equals(
                running.getText()));
        assertThat(workspace.telemetry().running()).isFalse();
        assertThat(workspace.pushHeaders()).as("an empty header field keeps the saved header").isNotEmpty();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
