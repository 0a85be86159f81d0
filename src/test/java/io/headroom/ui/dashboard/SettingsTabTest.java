package io.headroom.ui.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.DataDirectory;
import io.headroom.config.Json;
import io.headroom.config.Settings;
import io.headroom.service.Autostart;
import io.headroom.service.Workspace;
import io.headroom.testing.Screenshots;
import io.headroom.ui.view.ViewWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Settings tab in the real window, headless: bad input is refused next to the field and
 * nothing is written; every setting survives closing the window and opening a new one on the same
 * data folder; the theme applies at once; autostart and the statusLine go into a temporary home.
 */
class SettingsTabTest extends WindowTestBase {

    @TempDir
    Path tmp;


    private void closeWindow(FxRobot robot) throws Exception {
        if (window != null) {
            robot.interact(stage::hide);
            assertThat(window.controller().awaitStopped(Duration.ofSeconds(10))).isTrue();
            window = null;
        }
        if (workspace != null) {
            workspace.close();
            workspace = null;
        }
    }

    private Autostart autostart() {
        return new Autostart("Linux", Map.of(), tmp.resolve("home"), List.of("/opt/headroom/bin/Headroom"));
    }

    private void open(FxRobot robot) throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", tmp.resolve("claude").toString()), tmp.resolve("home"));
        ViewWiring wiring = new ViewWiring(c -> c, this::autostart);
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, Instant::now, Duration.ofSeconds(30), wiring);
            window.show();
            TabPane tabs = (TabPane) stage.getScene().lookup(".main-tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Settings"))
                    .findFirst().orElseThrow());
        });
        ComboBox<?> plan = robot.lookup("#plan").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !plan.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Scrolls the Settings page until the control shows, as a person would, then clicks it. */
    private static void clickInView(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            for (Node n = node.getParent(); n != null; n = n.getParent()) {
                if (n instanceof javafx.scene.control.ScrollPane pane) {
                    double contentHeight = pane.getContent().getBoundsInLocal().getHeight();
                    double viewport = pane.getViewportBounds().getHeight();
                    double y = pane.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
                    pane.setVvalue(contentHeight <= viewport ? 0 : Math.min(1, y / (contentHeight - viewport)));
                    break;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(node);
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(TextField.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    private static void type(FxRobot robot, String id, String value) {
        robot.interact(() -> field(robot, id).setText(value));
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> dirs(FxRobot robot) {
        return robot.lookup("#claudeDirs").queryAs(ListView.class);
    }

    @Test
    void badInputIsRefusedNextToTheFieldAndNothingIsSaved(FxRobot robot) throws Exception {
        open(robot);
        Button save = robot.lookup("#save").queryAs(Button.class);
        type(robot, "hourlyValue", "-3");
        assertThat(text(robot, "hourlyValueError")).isEqualTo("Enter an amount of 0 or more, like 60.");
        assertThat(save.isDisabled()).isTrue();
        type(robot, "hourlyValue", "abc");
        assertThat(text(robot, "hourlyValueError")).isEqualTo("Enter a number of dollars, like 60 or 42.50.");
        robot.interact(() -> combo(robot, "resetDay").setValue("THURSDAY"));
        type(robot, "resetTime", "25:00");
        assertThat(text(robot, "resetTimeError")).isEqualTo("Enter a time as HH:MM on a 24-hour clock, like 09:00.");
        type(robot, "proxyPort", "70000");
        assertThat(text(robot, "proxyPortError")).isEqualTo("A port is a whole number from 1 to 65535.");
        type(robot, "notify2", "101");
        assertThat(text(robot, "notifyError")).isEqualTo("A percentage from 1 to 100.");
        robot.interact(() -> combo(robot, "timeZone").getEditor().setText("Mars/Olympus"));
        assertThat(text(robot, "timeZoneError")).isEqualTo("Pick a time zone from the list, like Europe/Madrid.");
        assertThat(field(robot, "hourlyValue").getStyleClass()).contains("invalid");
        assertThat(save.isDisabled()).isTrue();
        assertThat(text(robot, "formState")).isEqualTo("Fix the marked fields to save.");
        Screenshots.save(save.getScene(), "settings-error");

        robot.interact(save::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tmp.resolve("data").resolve(Settings.FILE)).doesNotExist();
        assertThat(text(robot, "saved")).isEmpty();

        // Fixing one field leaves the others' messages in place.
        type(robot, "hourlyValue", "60");
        assertThat(text(robot, "hourlyValueError")).isEmpty();
        assertThat(text(robot, "resetTimeError")).isNotEmpty();
        assertThat(save.isDisabled()).isTrue();
    }

    @Test
    void everySettingIsSavedAndSurvivesANewWindowOnTheSameDataFolder(FxRobot robot) throws Exception {
        open(robot);
        Button save = robot.lookup("#save").queryAs(Button.class);
        assertThat(save.isDisabled()).isTrue(); // nothing changed yet
        assertThat(field(robot, "notify1").getText()).isEqualTo("80");
        assertThat(field(robot, "proxyPort").getText()).isEqualTo("8787");
        assertThat(field(robot, "dataFolder").getText()).isEqualTo(tmp.resolve("data").toAbsolutePath().toString());
        assertThat(field(robot, "databaseFile").getText()).endsWith("headroom.db");
        assertThat(robot.lookup("#oauthUsage").queryAs(CheckBox.class).isSelected()).isTrue(); // on by default

        Path extra = Files.createDirectories(tmp.resolve("work-claude"));
        robot.interact(() -> {
            combo(robot, "plan").setValue("max5");
            combo(robot, "resetDay").setValue("THURSDAY");
            combo(robot, "timeZone").getEditor().setText("Europe/Madrid");
            robot.lookup("#notifyOnReset").queryAs(CheckBox.class).setSelected(false);
            robot.lookup("#tray").queryAs(CheckBox.class).setSelected(false);
            robot.lookup("#autostart").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#proxyStarts").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#oauthUsage").queryAs(CheckBox.class).setSelected(false);
        });
        type(robot, "hourlyValue", "42.5");
        type(robot, "resetTime", "9:00");
        type(robot, "notify1", "70");
        type(robot, "notify2", "90");
        type(robot, "proxyPort", "9911");
        // What "Add folder…" does with the folder chosen (a native dialog cannot run headless).
        robot.interact(() -> dirs(robot).getItems().add(extra.toString()));
        assertThat(dirs(robot).getItems()).containsExactly(extra.toString());
        assertThat(save.isDisabled()).isFalse();
        Screenshots.save(save.getScene(), "settings");

        // The theme applies to the window at once.
        robot.clickOn("#dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(save.getScene().getStylesheets()).anyMatch(s -> s.endsWith("theme-dark.css"))
                .noneMatch(s -> s.endsWith("theme-light.css"));
        Screenshots.save(save.getScene(), "settings-dark");

        robot.clickOn(save);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "saved").equals("Saved"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(save.isDisabled()).isTrue();

        Settings s = Settings.load(tmp.resolve("data").resolve(Settings.FILE));
        assertThat(s).isEqualTo(new Settings("max5", "Europe/Madrid", "THURSDAY", "09:00", 9911, true, 42.5,
                List.of(70, 90, 100), false, false, Settings.DARK, List.of(extra.toString()), false));
        assertThat(Json.mapper().readTree(tmp.resolve("data").resolve(Settings.FILE).toFile()).path("oauthUsage")
                .isBoolean()).isTrue();
        JsonNode json = Json.mapper().readTree(tmp.resolve("data").resolve(Settings.FILE).toFile());
        assertThat(json.path("weeklyReset").path("time").asText()).isEqualTo("09:00");
        assertThat(json.path("proxy").path("port").asInt()).isEqualTo(9911);
        Path entry = tmp.resolve("home/.config/autostart/headroom.desktop");
        assertThat(entry).exists();
        assertThat(Files.readString(entry)).contains("Exec=env GDK_GL=disable /opt/headroom/bin/Headroom");
        assertThat(text(robot, "autostartNote")).isEqualTo("Entry: " + entry);

        // Close, then a new window on the same data folder shows what was saved, in the dark theme.
        closeWindow(robot);
        open(robot);
        assertThat(stage.getScene().getStylesheets()).anyMatch(x -> x.endsWith("theme-dark.css"));
        assertThat(combo(robot, "plan").getValue()).isEqualTo("max5");
        assertThat(field(robot, "hourlyValue").getText()).isEqualTo("42.5");
        assertThat(combo(robot, "timeZone").getEditor().getText()).isEqualTo("Europe/Madrid");
        assertThat(combo(robot, "resetDay").getValue()).isEqualTo("THURSDAY");
        assertThat(field(robot, "resetTime").getText()).isEqualTo("09:00");
        assertThat(List.of(field(robot, "notify1").getText(), field(robot, "notify2").getText(),
                field(robot, "notify3").getText())).containsExactly("70", "90", "100");
        assertThat(robot.lookup("#notifyOnReset").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(robot.lookup("#tray").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(robot.lookup("#oauthUsage").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(robot.lookup("#autostart").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(robot.lookup("#dark").queryAs(RadioButton.class).isSelected()).isTrue();
        assertThat(field(robot, "proxyPort").getText()).isEqualTo("9911");
        assertThat(robot.lookup("#proxyStarts").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(dirs(robot).getItems()).containsExactly(extra.toString());
        assertThat(robot.lookup("#save").queryAs(Button.class).isDisabled()).isTrue();

        // Turning autostart off removes the entry.
        robot.interact(() -> robot.lookup("#autostart").queryAs(CheckBox.class).setSelected(false));
        robot.interact(robot.lookup("#save").queryAs(Button.class)::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text(robot, "saved").equals("Saved"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(entry).doesNotExist();
    }

    @Test
    void theStatusLineInstallsIntoAndUninstallsFromClaudeCodesSettings(FxRobot robot) throws Exception {
        Path claudeSettings = Files.createDirectories(tmp.resolve("claude")).resolve("settings.json");
        Files.writeString(claudeSettings, "{\"model\":\"opus\"}");
        open(robot);
        clickInView(robot, "#installStatusLine");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> text(robot, "statusLineMessage").startsWith("Installed"));
        assertThat(text(robot, "statusLineMessage")).startsWith("Installed Headroom's statusLine in " + claudeSettings + ".");
        JsonNode installed = Json.mapper().readTree(claudeSettings.toFile());
        assertThat(installed.path("statusLine").path("command").asText()).contains("io.headroom.ingest.statusline.StatusLineMain");
        assertThat(installed.path("model").asText()).isEqualTo("opus");

        clickInView(robot, "#uninstallStatusLine");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text(robot, "statusLineMessage").startsWith("Removed"));
        assertThat(text(robot, "statusLineMessage")).startsWith("Removed Headroom's statusLine from " + claudeSettings + ".");
        assertThat(Json.mapper().readTree(claudeSettings.toFile()).has("statusLine")).isFalse();
        Node tab = robot.lookup("#statusLineMessage").query();
        assertThat(tab.getStyleClass()).doesNotContain("error");
    }
}
