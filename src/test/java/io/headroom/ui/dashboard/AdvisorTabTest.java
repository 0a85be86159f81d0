package io.headroom.ui.dashboard;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.service.Workspace;
import io.headroom.testing.AdvisorHistory;
import io.headroom.testing.Screenshots;
import io.headroom.ui.advisor.AdvisorController;
import io.headroom.ui.view.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Advisor tab in the real window on a real temporary database holding the advisor's
 * reference history (a Pro user blocked 2 h a week; Max 5x breaks even at $9.20/h).
 */
class AdvisorTabTest extends WindowTestBase {

    @TempDir
    Path tmp;


    private AdvisorController open(FxRobot robot, Settings settings) throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
        workspace.saveSettings(settings);
        AdvisorHistory.write(workspace);
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, () -> AdvisorHistory.NOW, Duration.ofSeconds(30));
            window.show();
        });
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> "Advisor".equals(t.getText())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(tab));
        AdvisorController c = window.controller().advisor();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> c.shown() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return c;
    }

    private static String recommendation(FxRobot robot) {
        return robot.lookup(".recommendation-card .figure").queryAs(Label.class).getText();
    }

    private static void slide(FxRobot robot, AdvisorController c, double value, String expectedId) throws Exception {
        Slider slider = robot.lookup(".advisor .slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(value));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> c.shown() != null && c.shown().hourlyValueUsd() == value && expectedId.equals(c.shown().recommendation()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsTheRecommendationAndTheSliderMovesItAtTheBreakEven(FxRobot robot) throws Exception {
        AdvisorController c = open(robot, new Settings("pro", "UTC", null, null).withHourlyValue(150.0));
        assertThat(recommendation(robot)).isEqualTo("Max 5x");
        assertThat(robot.lookup(".confidence-badge").queryAs(Label.class).getText()).isEqualTo("high confidence");
        assertThat(robot.lookup(".sentences .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Max 5x pays for itself if your time is worth more than $9.20/h.",
                        "At $150/h that is a limit tax of $1,304/month on Pro (2.0 h/week x $150 x 4.348 weeks/month).");
        assertThat(robot.lookup(".hourly-value").queryAs(Label.class).getText()).isEqualTo("$150/h");
        @SuppressWarnings("unchecked")
        TableView<AdvisorResult.Option> table = robot.lookup(".whatif-table").queryAs(TableView.class);
        // Six plans and eight API tiers.
        assertThat(table.getItems()).hasSize(14);
        AdvisorResult.Option pro = table.getItems().stream().filter(o -> o.id().equals("pro")).findFirst().orElseThrow();
        assertThat(Math.round(pro.totalUsdMonthly() * 100) / 100.0).isEqualTo(1324.46);
        Screenshots.save(stage.getScene(), "advisor-light");

        slide(robot, c, 9, "pro");
        assertThat(recommendation(robot)).isEqualTo("Pro");
        assertThat(c.shown().option("pro").totalUsdMonthly()).isCloseTo(20 + 2 * 9 * 365.25 / 12 / 7,
                org.assertj.core.data.Offset.offset(1e-9));
        slide(robot, c, 10, "max5");
        assertThat(recommendation(robot)).isEqualTo("Max 5x");
        Screenshots.save(stage.getScene(), "advisor-slider-10");

        robot.interact(() -> Theme.apply(stage.getScene(), Settings.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "advisor-dark");
    }

    @Test
    void exportWritesTheReportOffTheFxThreadAndSaysWhere(FxRobot robot) throws Exception {
        AdvisorController c = open(robot, new Settings("pro", "UTC", null, null));
        assertThat(c.shown().hourlyValueAssumed()).isTrue();
        assertThat(robot.lookup(".advisor .caption").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(t -> t.contains("$50/h is assumed"));
        Path html = tmp.resolve("exports/advisor.html");
        c.setExportChooser(owner -> html);
        robot.clickOn(".export-button");
        Label status = robot.lookup(".advisor .caption").queryAllAs(Label.class).stream()
                .filter(l -> l.getText() != null && l.getText().startsWith("Writing") || l.getText().startsWith("Wrote"))
                .findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("Wrote"));
        assertThat(status.getText()).isEqualTo("Wrote " + html);
        assertThat(Files.readString(html)).contains("<svg").contains("id=\"what-if\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        Path csv = tmp.resolve("exports/advisor.csv");
        c.setExportChooser(owner -> csv);
        robot.clickOn(".export-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("Wrote " + csv));
        assertThat(status.getText()).isEqualTo("Wrote " + csv + " and " + tmp.resolve("exports/advisor-daily.csv"));
        assertThat(Files.readString(csv)).startsWith("option,name,kind");
        Screenshots.save(stage.getScene(), "advisor-exported");
    }

    private static void selectTab(FxRobot robot, String name) {
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> name.equals(t.getText())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(tab));
    }

    @Test
    void settingsSavedElsewhereReachTheAdvisorAtOnce(FxRobot robot) throws Exception {
        AdvisorController c = open(robot, new Settings("pro", "UTC", null, null).withHourlyValue(150.0));
        assertThat(recommendation(robot)).isEqualTo("Max 5x");
        // Saved as the Settings tab or "headroom settings --hourly-value 5" does, well within a minute (the clock stands still).
        selectTab(robot, "Overview");
        workspace.saveSettings(workspace.settings().withHourlyValue(5.0));
        selectTab(robot, "Advisor");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> c.shown().hourlyValueUsd() == 5.0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(recommendation(robot)).isEqualTo("Pro");
        assertThat(robot.lookup(".hourly-value").queryAs(Label.class).getText()).isEqualTo("$5/h");
        assertThat(c.shown().hourlyValueAssumed()).isFalse();

        selectTab(robot, "Overview");
        workspace.saveSettings(workspace.settings().withPlan("max5"));
        selectTab(robot, "Advisor");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "max5".equals(c.shown().currentPlanId()));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<AdvisorResult.Option> table = robot.lookup(".whatif-table").queryAs(TableView.class);
        assertThat(table.getItems()).filteredOn(o -> "current".equals(o.breakEven())).extracting(AdvisorResult.Option::id)
                .containsExactly("max5");
    }

    @Test
    void theExportUsesTheSavedHourlyValueNotTheSlidersAndSaysSo(FxRobot robot) throws Exception {
        AdvisorController c = open(robot, new Settings("pro", "UTC", null, null).withHourlyValue(150.0));
        slide(robot, c, 9, "pro");
        assertThat(robot.lookup(".advisor .caption").queryAllAs(Label.class)).extracting(Label::getText)
                .anyMatch(t -> t.contains("Reports use your saved value, $150/h; change it in Settings."));
        Path json = tmp.resolve("exports/advisor.json");
        c.setExportChooser(owner -> json);
        robot.clickOn(".export-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(json));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".advisor .caption").queryAllAs(Label.class)
                .stream().anyMatch(l -> ("Wrote " + json).equals(l.getText())));
        var report = io.headroom.config.Json.mapper().readTree(json.toFile());
        assertThat(report.get("hourlyValueUsd").asDouble()).isEqualTo(150.0);
        assertThat(report.get("hourlyValueSource").asText()).isEqualTo("settings");
        assertThat(report.get("recommendation").asText()).isEqualTo("max5");
        // The screen still shows what the slider tries.
        assertThat(recommendation(robot)).isEqualTo("Pro");
    }

    @Test
    void withNoPlanSetTheTabAsksForOneInPlaceAndSavesIt(FxRobot robot) throws Exception {
        AdvisorController c = open(robot, new Settings(null, "UTC", null, null).withHourlyValue(150.0));
        assertThat(recommendation(robot)).isEqualTo("Your plan?");
        javafx.scene.layout.HBox chooser = robot.lookup(".plan-chooser").queryAs(javafx.scene.layout.HBox.class);
        assertThat(chooser.isVisible()).isTrue();
        @SuppressWarnings("unchecked")
        TableView<AdvisorResult.Option> table = robot.lookup(".whatif-table").queryAs(TableView.class);
        assertThat(table.getItems()).isEmpty();
        List<String> lines = robot.lookup(".sentences .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(lines).contains("Which plan are you on? Your limits are measured on it and scaled to the other plans, "
                + "so the advice needs it.");
        assertThat(robot.lookup(".advisor .label").queryAllAs(Label.class)).extracting(Label::getText)
                .noneMatch(t -> t != null && (t.contains("--") || t.contains("headroom ")));
        Screenshots.save(stage.getScene(), "advisor-no-plan");

        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Object> plans = robot.lookup(".plan-choice").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(plans.getItems()).extracting(Object::toString)
                .containsExactly("Free", "Pro", "Max 5x", "Max 20x", "API (pay per token)");
        robot.interact(() -> plans.getSelectionModel().select(
                plans.getItems().stream().filter(p -> p.toString().equals("Pro")).findFirst().orElseThrow()));
        robot.clickOn(".save-plan");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "pro".equals(c.shown().currentPlanId()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workspace.settings().plan()).isEqualTo("pro");
        assertThat(workspace.settings().hourlyValueUsd()).isEqualTo(150.0);
        assertThat(recommendation(robot)).isEqualTo("Max 5x");
        assertThat(chooser.isVisible()).isFalse();
        assertThat(table.getItems()).hasSize(14);
    }
}
