package io.headroom.ui.dashboard;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.Figures;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.service.WindowsService;
import io.headroom.service.Workspace;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.store.ManualStore;
import io.headroom.store.SampleStore;
import io.headroom.testing.Fixtures;
import io.headroom.testing.Screenshots;
import io.headroom.ui.view.ProvenanceBadge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Overview in the real window, headless, on a real temporary database: the fixture
 * transcripts imported by the window's own background refresh, plus usage, an official and a
 * hand-logged percentage written through the stores. "Now" is a clock the test moves.
 */
class OverviewTest extends WindowTestBase {

    private static final Instant EVENING = Instant.parse("2026-11-27T21:00:00Z");

    @TempDir
    Path tmp;

    private final AtomicReference<Instant> now = new AtomicReference<>();

    private Workspace workspace(Path claudeDir) {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claudeDir.toString()), tmp.resolve("home"));
        return workspace;
    }

    private void open(FxRobot robot, Instant at) {
        now.set(at);
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, now::get, Duration.ofMillis(400));
            window.show();
        });
    }

    private static UsageEvent opus(int i, Instant at, double cost) {
        return new UsageEvent("ov" + i, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, at, "claude-opus-4-8",
                new TokenCounts(100, 900, 0, 0, 500_000), 0, 0, Speed.STANDARD, cost, "claude-opus-4-8", false, "p",
                "s-evening", "msg" + i, "req" + i, false, false);
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static ProvenanceBadge badge(FxRobot robot, String card, String style) {
        return robot.lookup("#" + card + " ." + style).queryAs(ProvenanceBadge.class);
    }

    @Test
    void showsGaugesCountdownsBadgesAndForecastsAndTheCountdownTicks(FxRobot robot) throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Workspace ws = workspace(claude);
        ws.saveSettings(new Settings("max5", "Europe/Madrid", null, null));
        Instant start = Instant.parse("2026-11-27T19:00:00Z");
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            events.add(opus(i, start.plusSeconds(300L * i + 60), 0.5)); // $12 from 19:01 to 20:56
        }
        new EventStore(ws.database()).writeNow(new EventBatch(events, List.of(), List.of(), List.of(), null));
        new SampleStore(ws.database()).writeNow(List.of(new UtilizationSample("sl1", UsageSource.STATUSLINE,
                Provenance.OFFICIAL, Instant.parse("2026-11-27T20:56:30Z"), LimitWindow.FIVE_HOUR, 30.0,
                Instant.parse("2026-11-28T00:00:00Z"), null, "s-evening", "claude-opus-4-8")));
        new ManualStore(ws.database()).addUtilization(List.of(new UtilizationSample("x", UsageSource.MANUAL,
                Provenance.MANUAL, Instant.parse("2026-11-27T20:58:00Z"), LimitWindow.WEEKLY, 80.0,
                Instant.parse("2026-11-30T08:00:00Z"), null, null, null)));

        open(robot, EVENING);
        Label status = label(robot, ".status");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> status.getText().contains("imported"));
        WaitForAsyncUtils.waitForFxEvents();

        // The same snapshot the windows command prints.
        WindowsService.Snapshot s = ws.windows().current(EVENING);
        WindowStatus five = s.result().fiveHour();
        assertThat(five.usedPercent()).isEqualTo(30.0);

        assertThat(label(robot, "#card-five-hour .gauge-percent").getText()).isEqualTo("30.0%");
        ProvenanceBadge percentBadge = badge(robot, "card-five-hour", "percent-badge");
        // where and how fresh: the statusLine reading of 20:56:30, at 21:00
        assertThat(percentBadge.getText()).isEqualTo("official · from the status line · 3 min ago");
        assertThat(percentBadge.getStyleClass()).doesNotContain("badge-stale");
        assertThat(percentBadge.getTooltip().getText()).contains(Provenance.OFFICIAL.explanation());
        assertThat(label(robot, "#card-five-hour .countdown").getText()).isEqualTo("3 h 00 min 00 s");
        // No effect on a card: an effect renders the whole card again offscreen on every countdown tick.
        assertThat(robot.lookup(".window-card").queryAllAs(javafx.scene.Node.class)).hasSize(4)
                .allSatisfy(card -> assertThat(card.getEffect()).isNull());
        // Nor a bitmap cache behind the scroll pane, for the same reason (UncachedScrollPaneSkin).
        assertThat(robot.lookup(".viewport").queryAllAs(javafx.scene.Node.class)).isNotEmpty()
                .allSatisfy(viewport -> assertThat(viewport.isCache()).isFalse());
        assertThat(label(robot, "#card-five-hour .reset-time").getText()).isEqualTo("at Sat 28 Nov 01:00");
        assertThat(badge(robot, "card-five-hour", "reset-badge").getText()).isEqualTo("official");
        // The store reprices the usage with the price table, so the figures come from the same snapshot the CLI prints.
        assertThat(label(robot, "#card-five-hour .used-value").getText()).isEqualTo(Figures.usd(five.used().costUsd()));
        assertThat(label(robot, "#card-five-hour .used-tokens").getText()).isEqualTo("24,000 tokens");
        assertThat(label(robot, "#card-five-hour .used-tokens").getTooltip().getText())
                .startsWith("Tokens excluding cache reads; 12,024,000 including them. 0 prompts, 24 active minutes.");
        ProvenanceBadge used = badge(robot, "card-five-hour", "used-badge");
        assertThat(used.getText()).isEqualTo("measured");
        assertThat(used.getTooltip().getText()).contains(Provenance.MEASURED.explanation());
        assertThat(five.limit().value()).isCloseTo(five.used().costUsd() / 0.30, org.assertj.core.data.Offset.offset(0.01));
        assertThat(label(robot, "#card-five-hour .limit-value").getText()).isEqualTo(Figures.usd(five.limit().value()));
        assertThat(badge(robot, "card-five-hour", "limit-badge").getTooltip().getText())
                .contains(Provenance.ESTIMATE.explanation()).contains("official utilization paired with measured usage");
        assertThat(label(robot, "#card-five-hour .burn-value").getText())
                .isEqualTo(String.format(Locale.ROOT, "%s/h · 200 tok/min", Figures.usd(five.forecast().costPerHour())));
        assertThat(badge(robot, "card-five-hour", "burn-badge").getText()).isEqualTo("measured");
        // Half the window's usage came in the last hour, and three hours are left: 30% + 3 x 15%.
        assertThat(label(robot, "#card-five-hour .forecast").getText()).isEqualTo("On pace to finish at 75%");
        assertThat(badge(robot, "card-five-hour", "forecast-badge").getText()).isEqualTo("estimate");

        // Weekly: 80% read off claude.ai by hand; at the last day's rate the limit comes before Monday's reset.
        WindowStatus weekly = s.result().weekly();
        assertThat(label(robot, "#card-weekly .gauge-percent").getText()).isEqualTo("80.0%");
        assertThat(badge(robot, "card-weekly", "percent-badge").getText()).isEqualTo("manual");
        assertThat(badge(robot, "card-weekly", "percent-badge").getTooltip().getText())
                .contains(Provenance.MANUAL.explanation());
        assertThat(label(robot, "#card-weekly .countdown").getText()).isEqualTo("2 d 11 h 00 min");
        assertThat(weekly.forecast().limitAt()).isNotNull();
        String limitAt = OverviewText.clock(weekly.forecast().limitAt(), EVENING, s.zone());
        assertThat(label(robot, "#card-weekly .forecast").getText())
                .isEqualTo("Limit at " + limitAt + ", "
                        + OverviewText.span(Duration.between(weekly.forecast().limitAt(), weekly.window().end()))
                        + " before reset")
                .startsWith("Limit at Sat 28 Nov 0");

        // Per-model cards: Opus and Sonnet have usage in the fixtures.
        assertThat(robot.lookup("#card-weekly-opus").tryQuery()).isPresent();
        assertThat(robot.lookup("#card-weekly-sonnet").tryQuery()).isPresent();
        assertThat(label(robot, "#card-weekly-sonnet .gauge-percent").getText()).isEqualTo("—");

        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 27);
        double todayCost = io.headroom.domain.usage.UsageRollup.total("today",
                ws.reports().daily(new io.headroom.service.UsageReports.Range(today, today, s.zone()))).cost();
        assertThat(todayCost).isGreaterThan(five.used().costUsd()); // the evening plus the fixtures' afternoon
        assertThat(label(robot, "#todayCost").getText()).isEqualTo(Figures.usd(todayCost));
        assertThat(robot.lookup("#todayCost").queryAs(Label.class).getParent().getChildrenUnmodifiable())
                .anyMatch(n -> n instanceof ProvenanceBadge b && b.provenance() == Provenance.MEASURED);

        Path png = Screenshots.save(status.getScene(), "overview");
        assertThat(Files.size(png)).isGreaterThan(10_000);

        // Hovering a badge shows what its provenance means.
        robot.moveTo((Node) percentBadge);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> percentBadge.getTooltip().isShowing());
        Screenshots.save(percentBadge.getTooltip().getScene(), "overview-tooltip");
        robot.moveTo((Node) robot.lookup(".page-title").query());

        // At the smallest window size nothing is cut off: the page scrolls.
        robot.interact(() -> {
            stage.setWidth(960);
            stage.setHeight(600);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node card = robot.lookup("#card-weekly-sonnet").query();
        assertThat(card.localToScene(card.getBoundsInLocal()).getMaxX()).isLessThanOrEqualTo(960);
        Screenshots.save(status.getScene(), "overview-small");
        robot.interact(() -> {
            stage.setWidth(FirstWindowSize.WIDTH);
            stage.setHeight(FirstWindowSize.HEIGHT);
        });

        // One second later the countdown shows one second less (recomputed from the reset instant).
        now.set(EVENING.plusSeconds(1));
        Label countdown = label(robot, "#card-five-hour .countdown");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> countdown.getText().equals("2 h 59 min 59 s"));
        now.set(EVENING.plusSeconds(61));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> countdown.getText().equals("2 h 58 min 59 s"));
        WaitForAsyncUtils.waitForFxEvents(); // the tick sets the 5-hour card first, then the weekly one
        assertThat(label(robot, "#card-weekly .countdown").getText()).isEqualTo("2 d 10 h 58 min");
    }

    @Test
    void limitReachedShowsTheFullGaugeTheLimitEventBadgeAndTheTimeToReset(FxRobot robot) throws Exception {
        // The fixtures hold "You've hit your session limit · resets 6:42pm (UTC)" at 17:41; the weekly
        // limit hit is logged by hand, as `headroom log limit-hit --window weekly` does.
        Workspace ws = workspace(Fixtures.claudeDir(tmp.resolve("claude")));
        new ManualStore(ws.database()).addLimitHit(Instant.parse("2026-11-27T17:50:00Z"), LimitWindow.WEEKLY,
                Instant.parse("2026-11-30T08:00:00Z"));
        open(robot, Instant.parse("2026-11-27T18:00:00Z"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#card-five-hour .forecast").tryQuery()
                .map(n -> ((Label) n).getText().startsWith("Limit reached")).orElse(false));
        Label forecast = label(robot, "#card-five-hour .forecast");
        WaitForAsyncUtils.waitForFxEvents();

        WindowStatus five = workspace.windows().current(Instant.parse("2026-11-27T18:00:00Z")).result().fiveHour();
        assertThat(forecast.getText()).isEqualTo("Limit reached · resets 18:42 · limit message");
        assertThat(five.limitReached().evidence()).isEqualTo(Provenance.LIMIT_EVENT);
        assertThat(five.usedPercent()).isGreaterThanOrEqualTo(100);
        assertThat(label(robot, "#card-five-hour .gauge-percent").getText()).isEqualTo(OverviewText.percent(five.usedPercent()));
        ProvenanceBadge percent = badge(robot, "card-five-hour", "percent-badge");
        assertThat(percent.getText()).isEqualTo(ProvenanceBadge.label(five.percentProvenance()));
        assertThat(percent.getTooltip().getText()).contains(five.percentProvenance().explanation());
        // The limit itself was learned from the usage measured when the limit message came.
        assertThat(badge(robot, "card-five-hour", "limit-badge").getText()).isEqualTo("limit event");
        assertThat(badge(robot, "card-five-hour", "forecast-badge").getText())
                .isEqualTo(ProvenanceBadge.label(five.percentProvenance()));
        assertThat(badge(robot, "card-five-hour", "reset-badge").getText()).isEqualTo("limit event");
        assertThat(label(robot, "#card-five-hour .countdown").getText()).isEqualTo("42 min 00 s");
        assertThat(label(robot, "#card-five-hour .reset-time").getText()).isEqualTo("at 18:42");
        assertThat(robot.lookup("#card-five-hour .forecast-box").query().getStyleClass()).contains("state-limit-reached");
        assertThat(robot.lookup("#emptyState").query().isVisible()).isFalse();

        WindowStatus weekly = ws.windows().current(Instant.parse("2026-11-27T18:00:00Z")).result().weekly();
        assertThat(label(robot, "#card-weekly .gauge-percent").getText()).isEqualTo(OverviewText.percent(weekly.usedPercent()))
                .isEqualTo("100.0%");
        assertThat(badge(robot, "card-weekly", "percent-badge").getText())
                .isEqualTo(ProvenanceBadge.label(weekly.percentProvenance()));
        assertThat(badge(robot, "card-weekly", "limit-badge").getText()).isEqualTo("limit event");
        assertThat(badge(robot, "card-weekly", "reset-badge").getText()).isEqualTo("manual");
        assertThat(badge(robot, "card-weekly", "reset-badge").getTooltip().getText()).contains(Provenance.MANUAL.explanation());
        assertThat(label(robot, "#card-weekly .countdown").getText()).isEqualTo("2 d 14 h 00 min");
        assertThat(label(robot, "#card-weekly .forecast").getText())
                .isEqualTo("Limit reached · resets Mon 30 Nov 08:00 · hand-logged");

        Screenshots.save(forecast.getScene(), "overview-limit-hit");
    }

    @Test
    void firstRunSaysWhereItLookedAndHowToAddDataThenPicksUpTranscriptsInTheBackground(FxRobot robot)
            throws Exception {
        Path claude = tmp.resolve("claude-not-yet");
        workspace(claude);
        open(robot, EVENING);
        Node empty = robot.lookup("#emptyState").query();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, empty::isVisible);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> texts = robot.lookup("#emptyState .label").queryAllAs(Label.class).stream().map(Label::getText)
                .toList();
        assertThat(texts).contains("No usage found yet",
                "Headroom looked for Claude Code transcripts in the folders in CLAUDE_CONFIG_DIR:",
                "•  " + claude + "  (not found)");
        assertThat(texts).contains("ANTHROPIC_BASE_URL=http://127.0.0.1:8787");
        assertThat(robot.lookup("#emptyState .button").queryAllAs(javafx.scene.control.Button.class).stream()
                .map(javafx.scene.control.Button::getText).toList())
                .containsExactly("Explore with demo data", "Copy", "Install the status line", "Log a session",
                        "Receive Claude Code's telemetry", "Copy");
        assertThat(robot.lookup(".cards").query().isVisible()).isFalse();
        Screenshots.save(empty.getScene(), "overview-empty");

        // Transcripts appear: the next background refresh imports them and the cards replace the help.
        // Copied aside and moved in at once, so a refresh never sees half the files.
        Files.move(Fixtures.claudeDir(tmp.resolve("claude-staging")), claude, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !empty.isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label(robot, ".status").getText()).isEqualTo("11 Claude Code transcripts found, 96 new lines imported.");
        assertThat(robot.lookup("#card-five-hour").query().isVisible()).isTrue();
    }

    @Test
    void everyTabIsAViewAndTheKeyboardReachesEachOne(FxRobot robot) throws Exception {
        workspace(Fixtures.claudeDir(tmp.resolve("claude")));
        open(robot, EVENING);
        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(t -> t.getText())
                .containsExactly("Overview", "History", "Sessions", "API", "Advisor", "Settings");
        robot.interact(tabs::requestFocus);
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("History");
        assertThat(robot.lookup(".history .page-title").queryAs(Label.class).isVisible()).isTrue();
        for (String next : List.of("Sessions", "API", "Advisor", "Settings")) {
            robot.type(KeyCode.RIGHT);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo(next);
            assertThat(tabs.getSelectionModel().getSelectedItem().getContent()).isNotNull();
        }
        assertThat(robot.lookup(".coming-next").queryAll()).isEmpty();
        robot.type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getSelectionModel().getSelectedIndex()).isZero();
    }

    @Test
    void aRefreshThatFailsSaysSoAndKeepsTrying(FxRobot robot) throws Exception {
        Path notADatabase = Files.createDirectories(tmp.resolve("a-folder-not-a-database"));
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), notADatabase,
                Map.of("CLAUDE_CONFIG_DIR", tmp.resolve("claude").toString()), tmp.resolve("home"));
        open(robot, EVENING);
        Label status = label(robot, ".status");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> status.getText().startsWith("Could not refresh: "));
        assertThat(window.controller().ticking()).isTrue();
        assertThat(robot.lookup(".loading").query().isVisible()).isTrue(); // no half-made numbers
    }

    @Test
    void hidingTheWindowStopsTheCountdownAndTheRefreshThread(FxRobot robot) throws Exception {
        workspace(Fixtures.claudeDir(tmp.resolve("claude")));
        open(robot, EVENING);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> label(robot, ".status").getText().contains("imported"));
        assertThat(window.controller().ticking()).isTrue();
        robot.interact(stage::hide);
        assertThat(window.controller().ticking()).isFalse();
        assertThat(window.controller().awaitStopped(Duration.ofSeconds(10))).isTrue();
        window = null; // already closed
    }
}
