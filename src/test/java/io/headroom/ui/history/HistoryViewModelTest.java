package io.headroom.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.history.Granularity;
import io.headroom.domain.history.HistoryRange;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.windows.PastWindows;
import io.headroom.service.HistoryService;
import io.headroom.service.Workspace;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The History tab's view model without JavaFX: range checks, totals, captions and the timeline's span. */
class HistoryViewModelTest {

    private static final Instant EVENING = Instant.parse("2026-11-27T21:00:00Z");
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @TempDir
    Path tmp;

    private static HistoryService.History history(HistoryRange range, Granularity granularity, List<PeriodUsage> periods,
            boolean onlyHits, HistoryService.Summary summary) {
        return new HistoryService.History(range, MADRID, granularity, periods, new PastWindows.Result(List.of(), List.of()),
                onlyHits, summary);
    }

    private static HistoryService.History days(LocalDate since, LocalDate until, HistoryService.Summary summary) {
        return history(new HistoryRange(since, until), Granularity.DAY, List.of(), false, summary);
    }

    private static UsageEvent sonnet(int i, String at, long input, double cost) {
        return new UsageEvent("vm" + i, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, Instant.parse(at),
                "claude-sonnet-4-6", new TokenCounts(input, 0, 0, 0, 0), 0, 0, Speed.STANDARD, cost, "claude-sonnet-4-6",
                false, "p", "s-vm" + i, "mh" + i, "rh" + i, false, false);
    }

    @Test
    void presetsEndOnTheLocalDayAndThirtyDaysIsTheStart() {
        HistoryViewModel m = new HistoryViewModel();
        // 23:30 UTC on 27 November is already the 28th in Madrid.
        Instant lateUtc = Instant.parse("2026-11-27T23:30:00Z");
        assertThat(m.range(lateUtc, MADRID)).isEqualTo(new HistoryRange(LocalDate.of(2026, 10, 30), LocalDate.of(2026, 11, 28)));
        assertThat(m.range(lateUtc, ZoneId.of("UTC")))
                .isEqualTo(new HistoryRange(LocalDate.of(2026, 10, 29), LocalDate.of(2026, 11, 27)));
        m.choose(HistoryRange.Preset.DAYS_7);
        assertThat(m.range(EVENING, MADRID)).isEqualTo(new HistoryRange(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 27)));
        m.choose(HistoryRange.Preset.ALL);
        assertThat(m.range(EVENING, MADRID)).isEqualTo(new HistoryRange(null, LocalDate.of(2026, 11, 27)));
    }

    @Test
    void aCustomRangeNeedsBothDatesInOrderAndABadOneKeepsTheLastChoice() {
        HistoryViewModel m = new HistoryViewModel();
        m.choose(HistoryRange.Preset.DAYS_7);
        LocalDate first = LocalDate.of(2026, 11, 1);
        LocalDate tenth = LocalDate.of(2026, 11, 10);

        assertThat(m.chooseCustom(null, tenth)).isEqualTo(new HistoryViewModel.RangeError(HistoryViewModel.Field.FROM,
                "Pick both dates."));
        assertThat(m.chooseCustom(first, null)).isEqualTo(new HistoryViewModel.RangeError(HistoryViewModel.Field.TO,
                "Pick both dates."));
        assertThat(m.chooseCustom(tenth, first)).isEqualTo(new HistoryViewModel.RangeError(HistoryViewModel.Field.FROM,
                "\"From\" is after \"To\"."));
        assertThat(m.range(EVENING, MADRID).since()).isEqualTo(LocalDate.of(2026, 11, 21));

        assertThat(m.chooseCustom(first, tenth)).isNull();
        assertThat(m.range(EVENING, MADRID)).isEqualTo(new HistoryRange(first, tenth));
        assertThat(m.chooseCustom(tenth, tenth)).isNull();
        assertThat(m.range(EVENING, MADRID)).isEqualTo(new HistoryRange(tenth, tenth));
    }

    @Test
    void aLoadKeepsTheChoiceItWasStartedWith() {
        HistoryViewModel m = new HistoryViewModel();
        m.choose(HistoryRange.Preset.DAYS_7);
        var pending = m.rangeAt(EVENING);
        m.choose(HistoryRange.Preset.ALL);
        assertThat(pending.apply(MADRID).since()).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void reloadsOnlyWhenTheDataMovedAndRedrawsOnlyWhatChanged() {
        HistoryViewModel m = new HistoryViewModel();
        assertThat(m.needsReload(0)).isTrue();
        assertThat(m.loadingStatus()).isEqualTo("Loading…");
        HistoryService.History h = days(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 27),
                new HistoryService.Summary(0, 0, 0, 0));
        assertThat(m.adopt(h, 3)).isTrue();
        assertThat(m.needsReload(3)).isFalse();
        assertThat(m.needsReload(4)).isTrue();
        assertThat(m.loadingStatus()).isEmpty();
        assertThat(m.adopt(days(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 27),
                new HistoryService.Summary(0, 0, 0, 0)), 4)).isFalse();
        assertThat(m.needsReload(4)).isFalse();
        assertThat(HistoryViewModel.loadFailed("disk full")).isEqualTo("Could not load the history: disk full");
    }

    @Test
    void totalsRangeAndCaptionsInWords() {
        HistoryViewModel m = new HistoryViewModel();
        m.adopt(days(LocalDate.of(2026, 10, 29), LocalDate.of(2026, 11, 27),
                new HistoryService.Summary(1234.5, 12_345_678, 4, 2)), 1);
        assertThat(m.totals()).isEqualTo(new HistoryViewModel.Totals("$1,234.50", "12,345,678", "4", "2", true));
        assertThat(m.rangeText()).isEqualTo("2026-10-29 to 2026-11-27 · Europe/Madrid");
        assertThat(m.chartCaption()).isEqualTo("API-equivalent cost per day, by model");
        assertThat(m.timelineCaption()).isEqualTo("0 five-hour and 0 weekly windows. Bar height is the share of the limit"
                + " used; red marks a limit hit (hover for details).");
        assertThat(m.measure(true)).isFalse();
        assertThat(m.measure(false)).isTrue();
        assertThat(m.chartCaption()).isEqualTo("Tokens, cache reads included, per day, by model");

        m.adopt(history(new HistoryRange(null, LocalDate.of(2026, 11, 27)), Granularity.MONTH, List.of(), true,
                new HistoryService.Summary(0, 0, 0, 0)), 2);
        assertThat(m.totals()).isEqualTo(new HistoryViewModel.Totals("$0.00", "0", "0", "0", false));
        assertThat(m.rangeText()).isEqualTo("All data up to 2026-11-27 · Europe/Madrid");
        assertThat(m.chartCaption()).isEqualTo("Tokens, cache reads included, per month, by model");
        assertThat(m.timelineCaption()).isEqualTo("Too many 5-hour windows to draw: only the 0 that hit the limit are shown;"
                + " 0 weekly windows. Bar height is the share of the limit used.");
        m.adopt(history(new HistoryRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 27)), Granularity.WEEK, List.of(),
                false, new HistoryService.Summary(0, 0, 0, 0)), 3);
        assertThat(m.chartCaption()).isEqualTo("Tokens, cache reads included, per week (from Monday), by model");
    }

    @Test
    void barsAndAxisFollowTheMeasure() {
        HistoryViewModel m = new HistoryViewModel();
        assertThat(m.barTooltip("27 Nov", "sonnet-4-6", 0.3)).isEqualTo("27 Nov · sonnet-4-6: $0.30");
        assertThat(m.barTooltip("27 Nov", "sonnet-4-6", 0)).isNull();
        assertThat(m.axisLabel(1500)).isEqualTo("$1,500.00");
        m.measure(false);
        assertThat(m.barTooltip("27 Nov", "sonnet-4-6", 1_234_567)).isEqualTo("27 Nov · sonnet-4-6: 1,234,567 tokens");
        assertThat(m.axisLabel(1_500_000)).isEqualTo("1.5M");
        assertThat(m.axisLabel(340_000)).isEqualTo("340k");
    }

    @Test
    void theTimelineRunsOverLocalMidnightsAcrossTheClockChange() {
        HistoryViewModel m = new HistoryViewModel();
        // Madrid leaves summer time on 25 October 2026: the 24th starts at +02:00, the 27th at +01:00.
        m.adopt(days(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 26), new HistoryService.Summary(0, 0, 0, 0)), 1);
        assertThat(m.timelineSpan(EVENING)).isEqualTo(new HistoryViewModel.Span(Instant.parse("2026-10-23T22:00:00Z"),
                Instant.parse("2026-10-26T23:00:00Z")));
        // A range ending today stops at now.
        m.adopt(days(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 27), new HistoryService.Summary(0, 0, 0, 0)), 2);
        assertThat(m.timelineSpan(EVENING)).isEqualTo(new HistoryViewModel.Span(Instant.parse("2026-11-20T23:00:00Z"), EVENING));
        // All data and no usage: the last day before the end.
        m.adopt(history(new HistoryRange(null, LocalDate.of(2026, 11, 27)), Granularity.DAY, List.of(), false,
                new HistoryService.Summary(0, 0, 0, 0)), 3);
        assertThat(m.timelineSpan(EVENING)).isEqualTo(new HistoryViewModel.Span(Instant.parse("2026-11-26T21:00:00Z"), EVENING));
        // All data: from the first local day with usage.
        m.adopt(history(new HistoryRange(null, LocalDate.of(2026, 11, 27)), Granularity.MONTH,
                List.of(new PeriodUsage("2026-09", new TokenCounts(1, 0, 0, 0, 0), 1,
                        List.of(new ModelUsage("claude-sonnet-4-6", new TokenCounts(1, 0, 0, 0, 0), 1)))), false,
                new HistoryService.Summary(1, 1, 1, 0)), 4);
        assertThat(m.timelineSpan(EVENING).start()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
    }

    @Test
    void aRealStoreGivesTheRangesTotals() throws Exception {
        try (Workspace workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"))) {
            workspace.saveSettings(new Settings("pro", "Europe/Madrid", null, null));
            new EventStore(workspace.database()).writeNow(new EventBatch(List.of(
                    sonnet(1, "2026-11-10T09:00:00Z", 100_000, 0.30),
                    sonnet(2, "2026-11-26T22:30:00Z", 20_000, 0.06), // 23:30 in Madrid: the 26th
                    sonnet(3, "2026-09-01T09:00:00Z", 1_000_000, 3.00)), // outside 30 days
                    List.of(), List.of(), List.of(), null));
            HistoryViewModel m = new HistoryViewModel();
            HistoryService service = new HistoryService(workspace);
            assertThat(m.adopt(service.load(m.rangeAt(EVENING).apply(workspace.settings().zone()), EVENING), 1)).isTrue();

            assertThat(m.totals()).isEqualTo(new HistoryViewModel.Totals("$0.36", "120,000", "2", "0", false));
            assertThat(m.rangeText()).isEqualTo("2026-10-29 to 2026-11-27 · Europe/Madrid");
            HistoryChartData.Data chart = m.chartData();
            assertThat(chart.labels()).hasSize(30).startsWith("29 Oct").endsWith("27 Nov");
            assertThat(chart.series()).singleElement().satisfies(s -> {
                assertThat(s.values().get(12)).isEqualTo(0.30); // 10 November
                assertThat(s.values().get(28)).isEqualTo(0.06); // 26 November
                assertThat(s.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(0.36, offset(1e-9));
            });

            m.choose(HistoryRange.Preset.ALL);
            m.adopt(service.load(m.rangeAt(EVENING).apply(workspace.settings().zone()), EVENING), 2);
            assertThat(m.totals()).isEqualTo(new HistoryViewModel.Totals("$3.36", "1,120,000", "3", "0", false));
            assertThat(m.rangeText()).isEqualTo("All data up to 2026-11-27 · Europe/Madrid");
        }
    }
}
