package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.history.Granularity;
import io.headroom.domain.history.HistoryRange;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.store.ManualStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The History view's data on a real temporary database, in a zone that changes its clocks. */
class HistoryServiceTest {

    @TempDir
    Path tmp;

    private Workspace workspace;

    @BeforeEach
    void open() throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
        workspace.saveSettings(new Settings(null, "Europe/Madrid", "Mon", "09:00"));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static UsageEvent event(int i, String at, String model, long input, double cost) {
        return new UsageEvent("h" + i, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, Instant.parse(at), model,
                new TokenCounts(input, 10, 0, 0, 0), 0, 0, Speed.STANDARD, cost, model, false, "p", "s" + i, "m" + i,
                "r" + i, false, false);
    }

    private void write(UsageEvent... events) {
        new EventStore(workspace.database()).writeNow(new EventBatch(List.of(events), List.of(), List.of(), List.of(), null));
    }

    @Test
    void daysAreLocalDaysAcrossTheEndOfSummerTime() {
        // Madrid goes from UTC+2 to UTC+1 at 03:00 on Sunday 25 October 2026: that day has 25 hours.
        write(event(1, "2026-10-24T21:30:00Z", "claude-opus-4-8", 1000, 1.0),   // Sat 24, 23:30 CEST
                event(2, "2026-10-24T22:30:00Z", "claude-opus-4-8", 2000, 2.0),  // Sun 25, 00:30 CEST
                event(3, "2026-10-25T22:30:00Z", "claude-sonnet-4-6", 4000, 4.0), // Sun 25, 23:30 CET
                event(4, "2026-10-25T23:30:00Z", "claude-sonnet-4-6", 8000, 8.0)); // Mon 26, 00:30 CET

        HistoryService.History h = new HistoryService(workspace).load(
                new HistoryRange(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 26)), Instant.parse("2026-10-27T12:00:00Z"));

        assertThat(h.granularity()).isEqualTo(Granularity.DAY);
        assertThat(h.periods()).extracting(PeriodUsage::period).containsExactly("2026-10-24", "2026-10-25", "2026-10-26");
        assertThat(h.periods()).extracting(p -> p.tokens().total()).containsExactly(1010L, 6020L, 8010L);
        assertThat(h.periods()).extracting(PeriodUsage::cost).containsExactly(1.0, 6.0, 8.0);
        assertThat(h.periods().get(1).models()).extracting(m -> m.model() + "=" + m.cost())
                .containsExactly("claude-sonnet-4-6=4.0", "claude-opus-4-8=2.0");
        assertThat(h.summary()).isEqualTo(new HistoryService.Summary(15.0, 15_040, 3, 0));
        // Three 5-hour windows: 21:00Z (events 1 and 2), 22:00Z the next day (3), then 23:00Z is inside it (4).
        assertThat(h.windows().fiveHour()).extracting(p -> p.window().start().toString())
                .containsExactly("2026-10-24T21:00:00Z", "2026-10-25T22:00:00Z");
        assertThat(h.windows().fiveHour()).extracting(p -> p.used().costUsd()).containsExactly(3.0, 12.0);
        // Monday 09:00 Madrid: 07:00 UTC on 19 October (summer time), 08:00 UTC on 26 October.
        assertThat(h.windows().weekly()).extracting(p -> p.window().end().toString())
                .containsExactly("2026-10-26T08:00:00Z");
    }

    @Test
    void aRangeNarrowsTheFiguresAndLongRangesAreAggregatedByWeekOrMonth() {
        write(event(1, "2026-01-10T12:00:00Z", "claude-opus-4-8", 1000, 1.0),
                event(2, "2026-11-20T12:00:00Z", "claude-opus-4-8", 2000, 2.0),
                event(3, "2026-11-26T12:00:00Z", "claude-opus-4-8", 4000, 4.0));
        new ManualStore(workspace.database()).addLimitHit(Instant.parse("2026-11-26T13:00:00Z"), LimitWindow.FIVE_HOUR,
                Instant.parse("2026-11-26T17:00:00Z"));
        HistoryService history = new HistoryService(workspace);
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        LocalDate today = LocalDate.of(2026, 11, 27);

        HistoryService.History week = history.load(HistoryRange.Preset.DAYS_7.endingOn(today), now);
        assertThat(week.range().since()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(week.summary()).isEqualTo(new HistoryService.Summary(4.0, 4010, 1, 1));
        assertThat(week.windows().fiveHour()).singleElement().satisfies(p -> {
            assertThat(p.limitHit()).isTrue();
            assertThat(p.window().end()).isEqualTo(Instant.parse("2026-11-26T17:00:00Z"));
        });

        HistoryService.History month = history.load(HistoryRange.Preset.DAYS_30.endingOn(today), now);
        assertThat(month.summary()).isEqualTo(new HistoryService.Summary(6.0, 6020, 2, 1));
        assertThat(month.periods()).hasSize(2);

        HistoryService.History year = history.load(HistoryRange.Preset.YEAR.endingOn(today), now);
        assertThat(year.granularity()).isEqualTo(Granularity.WEEK);
        assertThat(year.periods()).extracting(PeriodUsage::period).containsExactly("2026-01-05", "2026-11-16", "2026-11-23");
        assertThat(year.summary().cost()).isCloseTo(7.0, offset(1e-9));

        HistoryService.History all = history.load(HistoryRange.Preset.ALL.endingOn(today), now);
        assertThat(all.granularity()).isEqualTo(Granularity.WEEK); // 322 days of data
        assertThat(all.summary().activeDays()).isEqualTo(3);
        assertThatThrownBy(() -> new HistoryRange(today, today.minusDays(1))).hasMessageContaining("after");
    }
}
