package io.headroom.ui.dashboard;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.ProxyCall;
import io.headroom.proxy.FakeAnthropic;
import io.headroom.service.ApiActivity;
import io.headroom.service.Autostart;
import io.headroom.service.Workspace;
import io.headroom.store.EventBatch;
import io.headroom.store.ProxyCallStore;
import io.headroom.testing.Screenshots;
import io.headroom.ui.api.CallRow;
import io.headroom.ui.view.ProvenanceBadge;
import io.headroom.ui.view.Theme;
import io.headroom.ui.view.ViewWiring;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API tab in the real window, headless: it starts the recording proxy in front of the fake
 * Anthropic server, real HTTP requests go through it, and the table and figures follow.
 */
class ApiTabTest extends WindowTestBase {

    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":"
            + "\"user\",\"content\":\"Hello\"}]}";

    @TempDir
    Path tmp;

    private FakeAnthropic fake;

    @AfterEach
    void closeFakeAnthropic() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static HttpResponse<String> post(int port, String scenario) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .header("x-api-key", "sk-ant-api03-test-key")
                .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8));
        if (scenario != null) {
            r.header("x-fake-scenario", scenario);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsTheProxyShowsEachCallWithinASecondAndTheHeadroomItAddsUpTo(FxRobot robot) throws Exception {
        fake = new FakeAnthropic();
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", tmp.resolve("claude").toString()), tmp.resolve("home"));
        workspace.saveSettings(Settings.empty().withTimeZone("Asia/Tokyo"));
        // One call recorded earlier (another key, another model): the tab loads it from the store.
        Instant earlier = Instant.now().minus(Duration.ofMinutes(10));
        new ProxyCallStore(workspace.database()).writeNow(List.of(new ProxyCall("old-1", earlier.toEpochMilli(), "POST",
                "/v1/messages", "claude-haiku-4-5", false, 500, "api_error", null, 812, 800, "req_old", null, "keyold",
                "api_key", null, null, null, null, null, Map.of(), false)),
                new EventBatch(List.of(), List.of(), List.of(), List.of(), null), List.of());
        ViewWiring wiring = new ViewWiring(c -> c.withUpstream(URI.create(fake.url())),
                () -> new Autostart("Linux", Map.of(), tmp.resolve("home"), List.of("headroom")));
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, Instant::now, Duration.ofMillis(500), wiring);
            window.show();
        });
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getText().equals("API")).findFirst().orElseThrow()));
        @SuppressWarnings("unchecked")
        TableView<CallRow> table = robot.lookup(".calls-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).status()).isEqualTo("500 api_error");
        assertThat(text(robot, ".proxy-state")).isEqualTo("stopped");

        // A bad port is refused next to the field.
        TextField port = robot.lookup("#portField").queryAs(TextField.class);
        Button startStop = robot.lookup("#startStop").queryAs(Button.class);
        robot.interact(() -> port.setText("70000"));
        assertThat(text(robot, "#portError")).isEqualTo("A port is a whole number from 1 to 65535.");
        assertThat(startStop.isDisabled()).isTrue();

        int free = freePort();
        robot.interact(() -> port.setText(Integer.toString(free)));
        assertThat(text(robot, "#portError")).isEmpty();
        robot.clickOn(startStop);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, ".proxy-state").equals("running"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workspace.proxy().running()).isTrue();
        assertThat(startStop.getText()).isEqualTo("Stop");
        String line = "export ANTHROPIC_BASE_URL=http://127.0.0.1:" + free;
        assertThat(text(robot, "#exportLine")).isEqualTo(line);
        robot.clickOn("#copyButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get()).isEqualTo(line);

        // A real call through the proxy appears within a second.
        HttpResponse<String> ok = post(free, null);
        long answered = System.nanoTime();
        assertThat(ok.statusCode()).isEqualTo(200);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        long shownMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered);
        System.out.println("API tab: proxy call shown " + shownMs + " ms after the response");
        assertThat(shownMs).isLessThan(1000);
        WaitForAsyncUtils.waitForFxEvents();

        long input = 25 + BODY.getBytes(StandardCharsets.UTF_8).length % 100; // what FakeAnthropic reports
        CallRow row = table.getItems().get(0);
        assertThat(row.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(row.status()).isEqualTo("200");
        assertThat(row.input()).isEqualTo(Long.toString(input));
        assertThat(row.output()).isEqualTo("15");
        assertThat(row.cache()).isEqualTo("1,500 / 5,000");
        List<ProxyCall> stored = workspace.api().calls(Instant.now(), Duration.ofHours(1));
        ProxyCall call = stored.get(stored.size() - 1);
        assertThat(row.time()).isEqualTo(DateTimeFormatter.ofPattern("EEE HH:mm:ss", Locale.ENGLISH)
                .format(Instant.ofEpochMilli(call.startedAtMs()).atZone(ZoneId.of("Asia/Tokyo"))));
        double cost = ApiActivity.cost(call, workspace.prices().table());
        assertThat(row.cost()).isEqualTo(String.format(Locale.ROOT, cost < 0.01 ? "$%.4f" : "$%,.2f", cost));

        assertThat(text(robot, "#gauge-rpm .gauge-value-text")).isEqualTo("1 of 1,000 (0.1%)");
        long itpm = input + 1500;
        assertThat(text(robot, "#gauge-itpm .gauge-value-text")).isEqualTo(String.format(Locale.ROOT,
                "%,d of 450,000 (%.1f%%)", itpm, 100.0 * itpm / 450_000));
        assertThat(text(robot, "#gauge-otpm .gauge-value-text")).isEqualTo("15 of 90,000 (0.0%)");
        assertThat(robot.lookup("#gauge-rpm .limit-badge").queryAs(ProvenanceBadge.class).getText()).isEqualTo("official");
        assertThat(robot.lookup("#gauge-rpm .used-badge").queryAs(ProvenanceBadge.class).getText()).isEqualTo("measured");
        assertThat(text(robot, "#cache-hit .figure-text")).isEqualTo(String.format(Locale.ROOT, "%.1f%%",
                100.0 * 5000 / (input + 1500 + 5000)));
        assertThat(text(robot, "#errors-hour .figure-text")).isEqualTo("1 of 2 (50.0%)");

        // A 429 and a 529: the error figures count them.
        assertThat(post(free, "rate_limit").statusCode()).isEqualTo(429);
        assertThat(post(free, "overloaded").statusCode()).isEqualTo(529);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 4
                && text(robot, "#errors-hour .figure-text").equals("3 of 4 (75.0%)"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#errors-hour .tile-sub")).isEqualTo("429 rate limited 1 · 529 overloaded 1 · other 5xx 1");
        assertThat(text(robot, "#errors-day .figure-text")).isEqualTo("3 of 4 (75.0%)");
        assertThat(text(robot, "#gauge-rpm .gauge-value-text")).isEqualTo("3 of 1,000 (0.3%)");
        assertThat(text(robot, "#keyLine")).contains("sonnet").contains("1 other key/model groups");
        assertThat(table.getItems()).extracting(CallRow::status).containsExactly("529 overloaded_error",
                "429 rate_limit_error", "200", "500 api_error");

        Screenshots.save(table.getScene(), "api");
        robot.interact(() -> Theme.apply(table.getScene(), Settings.DARK));
        Screenshots.save(table.getScene(), "api-dark");
        robot.interact(() -> Theme.apply(table.getScene(), Settings.LIGHT));

        robot.clickOn(startStop);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, ".proxy-state").equals("stopped"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workspace.proxy().running()).isFalse();
        assertThat(text(robot, "#proxyMessage")).startsWith("Stopped. 3 calls, 3 recorded");

        // A port another program holds: a clear message, and the proxy stays stopped.
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            robot.interact(() -> port.setText(Integer.toString(busy.getLocalPort())));
            robot.clickOn(startStop);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#proxyMessage").startsWith("The proxy did"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(text(robot, "#proxyMessage")).isEqualTo("The proxy did not start: Port " + busy.getLocalPort()
                    + " is already in use by another program. Choose another port, or stop the program that uses it.");
            assertThat(text(robot, ".proxy-state")).isEqualTo("stopped");
            assertThat(workspace.proxy().running()).isFalse();
        }
    }
}
