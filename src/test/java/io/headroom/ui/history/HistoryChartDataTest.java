package io.headroom.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.TokenCounts;
import io.headroom.domain.history.Granularity;
import io.headroom.domain.history.HistoryRange;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.windows.PastWindows;
import io.headroom.service.HistoryService;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's bars: every period of the range, five models and the rest together. */
class HistoryChartDataTest {

    private static HistoryService.History history(List<PeriodUsage> periods) {
        return new HistoryService.History(new HistoryRange(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27)),
                ZoneId.of("UTC"), Granularity.DAY, periods, new PastWindows.Result(List.of(), List.of()), false,
                new HistoryService.Summary(0, 0, 0, 0));
    }

    @Test
    void emptyDaysStayAndModelsBeyondFiveAreSummedAsOther() {
        List<ModelUsage> models = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            models.add(new ModelUsage("claude-model-" + i + "-20250101", new TokenCounts(i, 0, 0, 0, 0), i));
        }
        HistoryChartData.Data d = HistoryChartData.of(history(List.of(
                new PeriodUsage("2026-11-27", TokenCounts.ZERO, 28, models))), HistoryChartData.Measure.COST);

        assertThat(d.labels()).containsExactly("25 Nov", "26 Nov", "27 Nov");
        assertThat(d.series()).extracting(HistoryChartData.Series::name)
                .containsExactly("model-7", "model-6", "model-5", "model-4", "model-3", "Other models");
        assertThat(d.series().get(5).values()).containsExactly(0.0, 0.0, 3.0); // models 1 and 2
        assertThat(d.series().get(0).values()).containsExactly(0.0, 0.0, 7.0);
    }
}
