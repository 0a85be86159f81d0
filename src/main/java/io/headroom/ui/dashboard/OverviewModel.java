package io.headroom.ui.dashboard;

import io.headroom.domain.Figures;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.service.WindowsService;
import io.headroom.service.refresh.RefreshEngine;
import io.headroom.service.refresh.RefreshSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Overview shows, as FX properties the view binds to. The background refresher computes
 * a {@link RefreshSnapshot} off the FX thread; {@link #apply} takes it on the FX thread in one go, and
 * {@link #tick} (every second) recomputes countdowns from the reset instants held in the cards.
 * Tests drive both directly with a fixed "now".
 */
final class OverviewModel {

    final WindowCardModel fiveHour = new WindowCardModel("5-hour window");
    final WindowCardModel weekly = new WindowCardModel("Weekly · all models");
    final WindowCardModel weeklyOpus = new WindowCardModel("Weekly · Opus");
    final WindowCardModel weeklySonnet = new WindowCardModel("Weekly · Sonnet");
    /** The cards to show, in order; the per-model ones only when they have usage or official data. */
    final ObservableList<WindowCardModel> cards = FXCollections.observableArrayList();

    final BooleanProperty loaded = new SimpleBooleanProperty(false);
    final BooleanProperty empty = new SimpleBooleanProperty(false);
    final StringProperty todayCost = new SimpleStringProperty("—");
    final StringProperty todayTokens = new SimpleStringProperty("");
    final StringProperty allTokens = new SimpleStringProperty("—");
    final StringProperty allTokensNote = new SimpleStringProperty("cache reads included");
    final StringProperty planLine = new SimpleStringProperty("");
    /** Allowances Anthropic reports that have no card ("Weekly cowork 3.5%"), empty when there are none. */
    final StringProperty otherLimits = new SimpleStringProperty("");
    final StringProperty extraUsage = new SimpleStringProperty("");
    /** No plan is set: the header offers the Settings control that sets it. */
    final BooleanProperty planMissing = new SimpleBooleanProperty(false);
    final StringProperty status = new SimpleStringProperty("Reading Claude Code transcripts…");
    final StringProperty updated = new SimpleStringProperty("");
    /** The places looked at for Claude Code transcripts, one line each, for the first-run screen. */
    final ObservableList<String> lookedAt = FXCollections.observableArrayList();
    final StringProperty lookedAtRule = new SimpleStringProperty("");
    final BooleanProperty importing = new SimpleBooleanProperty(false);
    final BooleanProperty importPaused = new SimpleBooleanProperty(false);
    final javafx.beans.property.DoubleProperty importFraction = new javafx.beans.property.SimpleDoubleProperty(0);
    final StringProperty importText = new SimpleStringProperty("");
    /** The line that points API clients at the proxy, for the first-run screen's Copy button. */
    final StringProperty proxyLine = new SimpleStringProperty(proxyLine(io.headroom.config.Settings.DEFAULT_PROXY_PORT));
    /** The lines that send Claude Code's telemetry here, for the first-run screen's Copy button. */
    final StringProperty telemetryLines = new SimpleStringProperty(io.headroom.service.TelemetryService.pasteLines(
            io.headroom.config.TeamSettings.DEFAULT_TELEMETRY_PORT));

    private final Supplier<Instant> clock;
    private long linesImported;

    OverviewModel(Supplier<Instant> clock) {
        this.clock = clock;
    }

    void apply(RefreshSnapshot b) {
        WindowsService.Snapshot s = b.snapshot();
        Instant now = clock.get();
        fiveHour.apply(s.result().fiveHour(), s.zone(), now);
        weekly.apply(s.result().weekly(), s.zone(), now);
        List<WindowCardModel> show = new ArrayList<>(List.of(fiveHour, weekly));
        for (WindowStatus m : s.result().weeklyByModel()) {
            WindowCardModel card = m.kind() == LimitWindow.WEEKLY_OPUS ? weeklyOpus : weeklySonnet;
            card.apply(m, s.zone(), now);
            if (m.used().costUsd() > 0 || m.official() != null) {
                show.add(card);
            }
        }
        if (!cards.equals(show)) {
            cards.setAll(show);
        }
        WindowCardModel.set(otherLimits, otherLimits(s.otherLimits(), now));
        WindowCardModel.set(extraUsage, extraUsage(s.extraUsage(), now));
        WindowCardModel.set(todayCost, Figures.usd(b.todayCostUsd()));
        WindowCardModel.set(todayTokens, Figures.tokens(b.todayTokens()) + " tokens today, cache reads included");
        WindowCardModel.set(allTokens, b.allTokens() < 0 ? "counting…" : Figures.tokens(b.allTokens()));
        planMissing.set(s.plan() == null);
        WindowCardModel.set(planLine, (s.plan() == null ? "Plan not set" : s.plan().name())
                + " · times in " + s.zone().getId() + " · costs are API-equivalent");
        ImportReport r = b.importReport();
        if (r == null) {
            if (importPaused.get()) {
                WindowCardModel.set(status, "Import paused: new Claude Code lines are read once you resume.");
            }
        } else {
            linesImported += r.linesRead();
            WindowCardModel.set(status, String.format(Locale.ROOT, "%d Claude Code transcripts found, %,d new lines imported.",
                    r.files().found(), linesImported)
                    + (r.problems().isEmpty() ? "" : " " + String.join(" ", r.problems())));
        }
        if (b.discovery() != null) {
            List<String> places = new ArrayList<>();
            WindowCardModel.set(lookedAtRule, switch (b.discovery().rule()) {
                case "CLAUDE_CONFIG_DIR" -> "the folders in CLAUDE_CONFIG_DIR";
                case "--claude-dir" -> "the folders given";
                default -> "Claude Code's default folders";
            });
            for (ClaudeDirectories.Candidate c : b.discovery().candidates()) {
                places.add(c.configured() + (c.found() ? "  (found: " + c.projects() + ")" : "  (not found)"));
            }
            if (!lookedAt.equals(places)) {
                lookedAt.setAll(places);
            }
        }
        WindowCardModel.set(proxyLine, proxyLine(b.proxyPort()));
        empty.set(!hasData(b));
        WindowCardModel.set(updated, "Updated " + OverviewText.clock(b.now(), now, s.zone()));
        loaded.set(true);
    }

    /** "Extra usage: 12.50 USD of 50.00 USD this month (official, from Claude Code, 3 min ago)", or "" when none was read. */
    static String extraUsage(io.headroom.domain.official.ExtraUsageReading r, Instant now) {
        if (r == null || r.extraUsage().sentence() == null) {
            return "";
        }
        return r.extraUsage().sentence() + " (official, " + io.headroom.domain.official.OfficialAge.from(r.source()) + ", "
                + io.headroom.domain.official.OfficialAge.ago(r.observedAt(), now) + ")";
    }

    static String otherLimits(List<io.headroom.domain.UtilizationSample> others, Instant now) {
        if (others.isEmpty()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        for (io.headroom.domain.UtilizationSample o : others) {
            items.add((o.window() == LimitWindow.WEEKLY_SCOPED ? "Weekly " : "") + o.model() + " "
                    + OverviewText.percent(o.usedPercent()));
        }
        io.headroom.domain.UtilizationSample newest = others.get(0);
        return "Also reported: " + String.join(" · ", items) + " (official, "
                + io.headroom.domain.official.OfficialAge.from(newest.source()) + ", "
                + io.headroom.domain.official.OfficialAge.ago(newest.observedAt(), now) + ")";
    }

    /** The import's progress bar: shown while a long import runs, or after it was cancelled (then with Resume). */
    void progress(RefreshEngine.Progress p) {
        importing.set(p.running());
        importPaused.set(p.paused());
        importFraction.set(p.bytesTotal() > 0 ? (double) p.bytesDone() / p.bytesTotal()
                : p.filesTotal() > 0 ? (double) p.filesDone() / p.filesTotal() : javafx.scene.control.ProgressIndicator.INDETERMINATE_PROGRESS);
        String done = String.format(Locale.ROOT, "%,d of %,d files · %s of %s", p.filesDone(), p.filesTotal(),
                OverviewText.megabytes(p.bytesDone()), OverviewText.megabytes(p.bytesTotal()));
        WindowCardModel.set(importText, p.paused() ? "Import paused: " + done + " read. Resume to read the rest."
                : "Reading your Claude Code history: " + done);
    }

    static String proxyLine(int port) {
        return "ANTHROPIC_BASE_URL=http://127.0.0.1:" + port;
    }

    void failed(String message) {
        WindowCardModel.set(status, "Could not refresh: " + message);
    }

    void tick() {
        Instant now = clock.get();
        for (WindowCardModel c : List.of(fiveHour, weekly, weeklyOpus, weeklySonnet)) {
            c.tick(now);
        }
    }

    private static boolean hasData(RefreshSnapshot b) {
        WindowsService.Snapshot s = b.snapshot();
        if (b.allTokens() != 0 || s.result().fiveHour().window() != null) { // -1: usage exists, still being counted
            return true;
        }
        WindowStatus w = s.result().weekly();
        return w.used().prompts() > 0 || w.official() != null || w.usedPercent() != null && w.usedPercent() > 0;
    }
}
