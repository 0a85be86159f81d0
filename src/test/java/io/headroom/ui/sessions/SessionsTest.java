package io.headroom.ui.sessions;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import io.headroom.testing.Screenshots;
import io.headroom.ui.dashboard.DashboardWindowAccess;
import io.headroom.ui.view.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Sessions tab in the real window, headless, on a real temporary database: logging by hand
 * moves the Overview's gauges, bad input is refused next to its field, and entries edit and delete.
 */
class SessionsTest extends io.headroom.ui.dashboard.WindowTestBase {

    /** 23:00 in Madrid; the fixtures' 5-hour window ended at 19:42 local, so none is running. */
    private static final Instant NIGHT = Instant.parse("2026-11-27T22:00:00Z");

    @TempDir
    Path tmp;

    private final AtomicReference<Instant> now = new AtomicReference<>(NIGHT);

    private void open(FxRobot robot) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp.resolve("home"));
        workspace.saveSettings(new Settings("max5", "Europe/Madrid", null, null));
        robot.interact(() -> window = DashboardWindowAccess.open(stage, workspace, now::get, Duration.ofSeconds(30)));
        Label status = robot.lookup(".status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> status.getText().contains("imported"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Not running".equals(text(robot, "#card-five-hour .countdown")));
        tab(robot, 2);
    }

    private static void tab(FxRobot robot, int index) {
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(index));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void waitFor(FxRobot robot, String query, String expected) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> expected.equals(text(robot, query)));
    }

    private static void type(FxRobot robot, String field, String value) {
        TextField f = robot.lookup(field).queryAs(TextField.class);
        robot.interact(() -> f.setText(value));
    }

    @SuppressWarnings("unchecked")
    private static TableView<SessionsViewModel.Row> table(FxRobot robot) {
        return robot.lookup("#manualEntries").queryAs(TableView.class);
    }

    private long manualRows() throws Exception {
        try (java.sql.Connection c = workspace.database().openReader(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM prompt_event WHERE source = 'manual')"
                        + " + (SELECT COUNT(*) FROM error_event WHERE source = 'manual')"
                        + " + (SELECT COUNT(*) FROM utilization_sample WHERE source = 'manual')")) {
            return rs.getLong(1);
        }
    }

    @Test
    void loggingMovesTheOverviewBadInputIsRefusedNextToItsFieldAndEntriesEditAndDelete(FxRobot robot) throws Exception {
        open(robot);

        // Below: the Claude Code sessions of the fixtures, whose tokens add up to the fixture README's total.
        @SuppressWarnings("unchecked")
        TableView<SessionsViewModel.CodeRow> code = robot.lookup("#codeSessions").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !code.getItems().isEmpty());
        assertThat(code.getItems().stream().mapToLong(r -> Long.parseLong(r.tokens().replace(",", ""))).sum())
                .isEqualTo(220_645);
        assertThat(code.getItems()).allMatch(r -> r.project().equals("/home/dev/cc-project") || r.project().equals("—"));

        // +1 message: a 5-hour window starts at 22:00 UTC (23:00 here) and the Overview counts the prompt.
        robot.clickOn("#addMessage");
        waitFor(robot, "#logFeedback", "Logged 1 message at Fri 27 Nov 23:00.");
        waitFor(robot, "#card-five-hour .countdown", "5 h 00 min 00 s");
        assertThat(robot.lookup("#card-five-hour .used-tokens").queryAs(Label.class).getTooltip().getText())
                .contains("1 prompts");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 1);
        assertThat(table(robot).getItems().get(0).detail()).isEqualTo("1 message");
        assertThat(table(robot).getItems().get(0).when()).isEqualTo("Fri 27 Nov 23:00");

        // Utilization seen on claude.ai: 140% is refused next to the weekly field and nothing is written.
        type(robot, "#fiveHourField", "42");
        type(robot, "#weeklyField", "140");
        robot.clickOn("#addUtilization");
        Label weeklyError = robot.lookup("#weeklyError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, weeklyError::isVisible);
        assertThat(weeklyError.getText()).isEqualTo("A percentage is from 0 to 100; 140 is out of range.");
        assertThat(robot.lookup("#weeklyField").queryAs(TextField.class).getStyleClass()).contains("field-error");
        assertThat(robot.lookup("#fiveHourError").queryAs(Label.class).isVisible()).isFalse();
        assertThat(manualRows()).isEqualTo(1);

        // A reset that cannot be read: "25:99", then "abc".
        type(robot, "#resetField", "25:99");
        robot.clickOn("#addLimitHit");
        Label resetError = robot.lookup("#resetError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, resetError::isVisible);
        assertThat(resetError.getText()).startsWith("Cannot read \"25:99\" as a time");
        assertThat(robot.lookup("#resetField").queryAs(TextField.class).getStyleClass()).contains("field-error");
        Screenshots.save(stage.getScene(), "sessions-error");
        type(robot, "#resetField", "abc");
        assertThat(resetError.isVisible()).isFalse(); // typing clears the old message
        robot.clickOn("#addLimitHit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, resetError::isVisible);
        assertThat(resetError.getText()).startsWith("Cannot read \"abc\" as a time");
        assertThat(manualRows()).isEqualTo(1);

        type(robot, "#weeklyField", "");
        robot.clickOn("#addUtilization");
        waitFor(robot, "#logFeedback", "Logged the percentage seen at Fri 27 Nov 23:00.");
        tab(robot, 0);
        waitFor(robot, "#card-five-hour .gauge-percent", "42.0%");
        tab(robot, 2);

        // A limit hit that resets in 2 h 15 min: the Overview counts down to it.
        type(robot, "#resetField", "in 2h 15m");
        robot.clickOn("#addLimitHit");
        waitFor(robot, "#logFeedback", "Logged a limit hit: 5-hour limit, resets Sat 28 Nov 01:15.");
        tab(robot, 0);
        waitFor(robot, "#card-five-hour .countdown", "2 h 15 min 00 s");
        assertThat(text(robot, "#card-five-hour .forecast")).startsWith("Limit reached");
        // Reached on claude.ai use with no cost measured here: "Limit reached", not "100% used" beside $0.00.
        assertThat(text(robot, "#card-five-hour .gauge-percent")).isEqualTo("Limit");
        assertThat(text(robot, "#card-five-hour .gauge-caption")).isEqualTo("reached");
        assertThat(text(robot, "#card-five-hour .used-value")).isEqualTo("None measured");
        assertThat(text(robot, "#card-five-hour .limit-value")).isEqualTo("Not shown");
        assertThat(text(robot, "#card-five-hour .forecast")).endsWith(" · hand-logged");
        Screenshots.save(stage.getScene(), "sessions-overview-after");
        tab(robot, 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 3);

        // Edit with the keyboard: select the message, Enter, a bad time first, then 3 messages at 22:30.
        TableView<SessionsViewModel.Row> table = table(robot);
        int message = indexOf(table, "1 message");
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(message);
        });
        robot.type(KeyCode.ENTER);
        assertThat(robot.lookup("#editBox").query().isVisible()).isTrue();
        assertThat(robot.lookup("#editWhen").queryAs(TextField.class).getText()).isEqualTo("2026-11-27 23:00");
        type(robot, "#editWhen", "25:99");
        type(robot, "#editValue", "3");
        robot.clickOn("#saveEditButton");
        Label whenError = robot.lookup("#editWhenError").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, whenError::isVisible);
        assertThat(whenError.getText()).startsWith("Cannot read \"25:99\" as a time");
        type(robot, "#editWhen", "22:30");
        robot.clickOn("#saveEditButton");
        waitFor(robot, "#logFeedback", "Saved the message.");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> indexOf(table, "3 messages") >= 0);
        assertThat(table.getItems().get(indexOf(table, "3 messages")).when()).isEqualTo("Fri 27 Nov 22:30");
        assertThat(robot.lookup("#editBox").query().isVisible()).isFalse();
        Screenshots.save(stage.getScene(), "sessions");
        robot.interact(() -> Theme.apply(stage.getScene(), "dark"));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "sessions-dark");
        robot.interact(() -> Theme.apply(stage.getScene(), "light"));

        // Delete with the keyboard, confirmed.
        int edited = indexOf(table, "3 messages");
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(edited);
        });
        robot.type(KeyCode.DELETE);
        assertThat(robot.lookup("#confirmBox").query().isVisible()).isTrue();
        assertThat(text(robot, "#confirmText")).isEqualTo("Delete message \"3 messages\" of Fri 27 Nov 22:30?");
        robot.clickOn("#confirmDelete");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(indexOf(table, "3 messages")).isNegative();
        assertThat(manualRows()).isEqualTo(2);

        javafx.scene.control.ScrollPane page = robot.lookup(".sessions-scroll").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> page.setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "sessions-claude-code");
    }

    private static int indexOf(TableView<SessionsViewModel.Row> table, String detail) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).detail().equals(detail)) {
                return i;
            }
        }
        return -1;
    }
}
