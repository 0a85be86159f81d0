package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.service.Workspace;
import io.headroom.store.ManualStore;
import io.headroom.testing.TranscriptLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window open on a temporary Claude folder, with the periodic refresh set to a minute so
 * that only the folder watcher (or an explicit request) can bring new data in time: a line
 * appended to a transcript, and a transcript in a project folder created after the window
 * opened, show in the Overview within 2 seconds.
 */
class LiveUpdatesTest extends WindowTestBase {

    private static final Instant NOW = Instant.parse("2026-11-27T21:00:00Z");
    private static final Duration PROMISED = Duration.ofSeconds(2);

    @TempDir
    Path tmp;


    private Label open(FxRobot robot, Path claude) throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp.resolve("home"));
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, () -> NOW, Duration.ofMinutes(1));
            window.show();
        });
        Label total = robot.lookup("#totalTokens").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> total.getText().matches("[\\d,]+"));
        return total;
    }

    /** Polls the label until it shows {@code expected}; returns how long that took. */
    private static Duration until(Label label, String expected) throws Exception {
        long start = System.nanoTime();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label.getText().equals(expected));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aLineAppendedToATranscriptShowsWithinTwoSeconds(FxRobot robot) throws Exception {
        Path transcript = tmp.resolve("claude/projects/-home-dev-app/s1.jsonl");
        TranscriptLines.append(transcript, TranscriptLines.assistant("m1", "2026-11-27T20:10:00Z", 1000, 200));
        Label total = open(robot, tmp.resolve("claude"));
        assertThat(total.getText()).isEqualTo("1,200");

        TranscriptLines.append(transcript, TranscriptLines.assistant("m2", "2026-11-27T20:50:00Z", 3000, 400));
        assertThat(until(total, "4,600")).isLessThan(PROMISED);

        // A burst of appends (Claude Code writes a line per message) becomes one import, still in time.
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            burst.append(TranscriptLines.assistant("b" + i, "2026-11-27T20:55:00Z", 10, 5));
        }
        TranscriptLines.append(transcript, burst.toString());
        assertThat(until(total, "4,900")).isLessThan(PROMISED);
    }

    @Test
    void aProjectFolderCreatedAfterStartIsWatched(FxRobot robot) throws Exception {
        Path projects = tmp.resolve("claude/projects");
        Files.createDirectories(projects);
        Label total = open(robot, tmp.resolve("claude"));
        assertThat(total.getText()).isEqualTo("0");

        Path later = projects.resolve("-home-dev-new/s2.jsonl");
        TranscriptLines.append(later, TranscriptLines.assistant("n1", "2026-11-27T20:40:00Z", 700, 100));
        assertThat(until(total, "800")).isLessThan(PROMISED);

        // The new folder itself is watched now: an append there shows too.
        Thread.sleep(300); // past the first import's debounce, so this is a second change
        TranscriptLines.append(later, TranscriptLines.assistant("n2", "2026-11-27T20:45:00Z", 50, 50));
        assertThat(until(total, "900")).isLessThan(PROMISED);
    }

    @Test
    void aCallThroughTheProxyShowsWithinOneSecond(FxRobot robot) throws Exception {
        Path transcript = tmp.resolve("claude/projects/-home-dev-app/s1.jsonl");
        TranscriptLines.append(transcript, TranscriptLines.assistant("m1", "2026-11-27T20:10:00Z", 1000, 200));
        Label total = open(robot, tmp.resolve("claude"));
        assertThat(total.getText()).isEqualTo("1,200");

        com.sun.net.httpserver.HttpServer upstream = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"id\":\"msg_live_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                    + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":300,\"output_tokens\":45}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.getResponseHeaders().add("request-id", "req_live_1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        try {
            var proxy = workspace.proxy().start(workspace.proxy().defaults().withPort(0)
                    .withUpstream(java.net.URI.create("http://127.0.0.1:" + upstream.getAddress().getPort())));
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(proxy.baseUrl() + "/v1/messages"))
                    .header("content-type", "application/json").header("x-api-key", "test-key")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[]}"))
                    .build();
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(until(total, "1,545")).isLessThan(Duration.ofSeconds(1));
        } finally {
            workspace.proxy().stop();
            upstream.stop(0);
        }
    }

    @Test
    void aViewAskingForARefreshGetsOneAtOnce(FxRobot robot) throws Exception {
        Path transcript = tmp.resolve("claude/projects/-home-dev-app/s1.jsonl");
        TranscriptLines.append(transcript, TranscriptLines.assistant("m1", "2026-11-27T20:10:00Z", 1000, 200));
        open(robot, tmp.resolve("claude"));
        Label weekly = robot.lookup("#card-weekly .gauge-percent").queryAs(Label.class);

        new ManualStore(workspace.database()).addUtilization(List.of(new UtilizationSample("m", UsageSource.MANUAL,
                Provenance.MANUAL, NOW.minusSeconds(60), LimitWindow.WEEKLY, 42.0, null, null, null, null)));
        robot.interact(() -> window.controller().context().refreshNow());
        assertThat(until(weekly, "42.0%")).isLessThan(Duration.ofSeconds(1));
    }
}
