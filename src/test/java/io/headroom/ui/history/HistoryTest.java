package io.headroom.ui.history;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.Figures;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.service.Workspace;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.testing.Fixtures;
import io.headroom.testing.Screenshots;
import io.headroom.ui.dashboard.DashboardWindowAccess;
import io.headroom.ui.view.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The History tab in the real window, headless, on a real temporary database: the fixture
 * transcripts (27 November, with a session-limit hit) plus usage on two earlier days.
 */
class HistoryTest extends io.headroom.ui.dashboard.WindowTestBase {

    private static final Instant EVENING = Instant.parse("2026-11-27T21:00:00Z");
    /** The fixture README's tokens: 55,126 input + 166 output + 55,116 cache writes + 110,237 cache reads. */
    private static final long FIXTURE_TOKENS = 220_645;

    @TempDir
    Path tmp;

    private final AtomicReference<Instant> now = new AtomicReference<>(EVENING);

    private static UsageEvent sonnet(int i, String at, long input, double cost) {
        return new UsageEvent("hist" + i, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, Instant.parse(at),
                "claude-sonnet-4-6", new TokenCounts(input, 0, 0, 0, 0), 0, 0, Speed.STANDARD, cost, "claude-sonnet-4-6",
                false, "p", "s-hist" + i, "mh" + i, "rh" + i, false, false);
    }

    private void openHistory(FxRobot robot) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp.resolve("home"));
        workspace.saveSettings(new Settings("pro", "Europe/Madrid", null, null));
        new EventStore(workspace.database()).writeNow(new EventBatch(List.of(
                sonnet(1, "2026-11-10T09:00:00Z", 100_000, 0), // 10 November: $0.30 once the import prices it
                sonnet(2, "2026-09-01T09:00:00Z", 1_000_000, 0)), // 1 September: outside 30 and 90 days
                List.of(), List.of(), List.of(), null));
        robot.interact(() -> {
            window = DashboardWindowAccess.open(stage, workspace, now::get, Duration.ofMillis(400));
        });
        Label status = robot.lookup(".status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> status.getText().contains("imported"));
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void waitForText(FxRobot robot, String id, String expected) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> expected.equals(text(robot, id)));
        WaitForAsyncUtils.waitForFxEvents(); // the totals are set first; the chart and timeline in the same pass
    }

    @SuppressWarnings("unchecked")
    private static StackedBarChart<String, Number> chart(FxRobot robot) {
        return robot.lookup(".usage-chart").queryAs(StackedBarChart.class);
    }

    private static double barTotal(StackedBarChart<String, Number> chart, String category) {
        return chart.getData().stream().flatMap(s -> s.getData().stream()).filter(d -> d.getXValue().equals(category))
                .mapToDouble(d -> d.getYValue().doubleValue()).sum();
    }

    @Test
    void showsExactDailyFiguresRangesAndTheLimitHitOnTheTimeline(FxRobot robot) throws Exception {
        openHistory(robot);

        // 30 days (the default): the fixtures' day and 10 November.
        waitForText(robot, "#historyTokens", "320,645");
        assertThat(text(robot, "#historyActiveDays")).isEqualTo("2");
        assertThat(text(robot, "#historyLimitHits")).isEqualTo("1");
        assertThat(text(robot, "#rangeLabel")).isEqualTo("2026-10-29 to 2026-11-27 · Europe/Madrid");
        double fixtureCost = workspace.reports().daily(new io.headroom.service.UsageReports.Range(
                LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 27), java.time.ZoneId.of("Europe/Madrid")))
                .get(0).cost();
        assertThat(Figures.usd(fixtureCost)).isEqualTo("$0.50");
        assertThat(text(robot, "#historyCost")).isEqualTo(Figures.usd(fixtureCost + 0.30)).isEqualTo("$0.80");

        StackedBarChart<String, Number> chart = chart(robot);
        assertThat(chart.getData()).extracting(XYChart.Series::getName)
                .containsExactly("opus-4-8", "sonnet-4-6", "haiku-4-5");
        assertThat(((javafx.scene.chart.CategoryAxis) chart.getXAxis()).getCategories()).hasSize(30)
                .startsWith("29 Oct").endsWith("27 Nov");
        assertThat(barTotal(chart, "27 Nov")).isCloseTo(fixtureCost, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(barTotal(chart, "10 Nov")).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
        robot.clickOn("#showTokens");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(barTotal(chart(robot), "27 Nov")).isEqualTo(FIXTURE_TOKENS);
        assertThat(barTotal(chart(robot), "10 Nov")).isEqualTo(100_000);
        assertThat(text(robot, "#chartCaption")).isEqualTo("Tokens, cache reads included, per day, by model");

        // The session limit the fixtures hit at 17:42 UTC, resetting 18:42 UTC: 18:42 and 19:42 in Madrid.
        List<Node> markers = List.copyOf(robot.lookup(".limit-marker").queryAll());
        assertThat(markers).hasSize(1);
        String tip = WindowTimeline.tooltipOf(markers.get(0)).getText();
        assertThat(tip).startsWith("Limit hit Fri 27 Nov 18:42\n5-hour window Fri 27 Nov 14:42 – 19:42")
                .endsWith("Resets Fri 27 Nov 19:42");
        assertThat(robot.lookup(".window-bar.five-hour").queryAll()).hasSize(2); // 10 Nov, and the hit's window
        assertThat(robot.lookup(".window-bar.five-hour.hit").queryAll()).hasSize(1);
        robot.moveTo(markers.get(0));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WindowTimeline.tooltipOf(markers.get(0)).isShowing());
        Screenshots.save(WindowTimeline.tooltipOf(markers.get(0)).getScene(), "history-tooltip");
        robot.clickOn("#showCost");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "history");

        // 7 days: only the fixtures' day.
        robot.clickOn("#range7");
        waitForText(robot, "#historyTokens", "220,645");
        assertThat(text(robot, "#historyActiveDays")).isEqualTo("1");
        assertThat(text(robot, "#historyCost")).isEqualTo("$0.50");
        assertThat(((javafx.scene.chart.CategoryAxis) chart(robot).getXAxis()).getCategories()).hasSize(7);

        // 1 year: by week, 1 September included.
        robot.clickOn("#rangeYear");
        waitForText(robot, "#historyTokens", "1,320,645");
        assertThat(text(robot, "#historyActiveDays")).isEqualTo("3");
        assertThat(text(robot, "#historyCost")).isEqualTo("$3.80");
        assertThat(text(robot, "#chartCaption")).isEqualTo("API-equivalent cost per week (from Monday), by model");
        assertThat(((javafx.scene.chart.CategoryAxis) chart(robot).getXAxis()).getCategories()).hasSize(53)
                .startsWith("w 24 Nov 25").endsWith("w 23 Nov 26");

        // A custom range the wrong way round says so next to the field and keeps the figures.
        robot.clickOn("#rangeCustom");
        DatePicker from = robot.lookup("#fromDate").queryAs(DatePicker.class);
        DatePicker to = robot.lookup("#toDate").queryAs(DatePicker.class);
        robot.interact(() -> {
            from.setValue(LocalDate.of(2026, 11, 20));
            to.setValue(LocalDate.of(2026, 11, 10));
        });
        robot.clickOn("Show");
        Label error = robot.lookup("#rangeError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("\"From\" is after \"To\".");
        assertThat(from.getStyleClass()).contains("field-error");
        assertThat(text(robot, "#historyTokens")).isEqualTo("1,320,645");
        robot.interact(() -> from.setValue(LocalDate.of(2026, 11, 1)));
        assertThat(error.isVisible()).isFalse();
        robot.clickOn("Show");
        waitForText(robot, "#historyTokens", "100,000");
        assertThat(text(robot, "#historyLimitHits")).isEqualTo("0");

        robot.clickOn("#range30");
        waitForText(robot, "#historyTokens", "320,645");
        robot.interact(() -> Theme.apply(stage.getScene(), "dark"));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "history-dark");
    }
}
