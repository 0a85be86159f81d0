package io.headroom.service.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowEngine;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When an idle app refreshes by itself: only when a window ends or a source's turn comes, else after the quiet period. */
class NextRefreshTest {

    private static final Instant NOW = Instant.parse("2026-11-27T13:40:00Z");
    private static final Duration QUIET = Duration.ofMinutes(30);
    private static final Forecast F = new Forecast(Forecast.State.WITHIN_LIMIT, null, null, null, null, null, null, "");

    private static WindowStatus ending(LimitWindow kind, Instant end) {
        Window w = end == null ? null : new Window(end.minus(Duration.ofHours(5)), end, Provenance.ESTIMATE);
        return new WindowStatus(kind, w, new Measures(0, 0, 0, 0, 0), null, Provenance.ESTIMATE, null, null, List.of(), F);
    }

    private static WindowEngine.Result windows(Instant fiveEnds, Instant weekEnds, Instant opusEnds) {
        return new WindowEngine.Result(NOW, ending(LimitWindow.FIVE_HOUR, fiveEnds), ending(LimitWindow.WEEKLY, weekEnds),
                List.of(ending(LimitWindow.WEEKLY_OPUS, opusEnds)), List.of());
    }

    @Test
    void withNothingEndingSoonTheQuietPeriodIsTheWait() {
        assertThat(NextRefresh.after(NOW, windows(null, NOW.plus(Duration.ofDays(3)), null), List.of(), QUIET))
                .isEqualTo(QUIET);
    }

    @Test
    void theFiveHourWindowsEndIsWaitedForJustPastIt() {
        Duration wait = NextRefresh.after(NOW, windows(NOW.plus(Duration.ofMinutes(12)), NOW.plus(Duration.ofDays(3)),
                null), List.of(), QUIET);
        assertThat(wait).isEqualTo(Duration.ofMinutes(12).plus(NextRefresh.SLACK));
    }

    @Test
    void aPerModelWeeklyResetCountsToo() {
        Duration wait = NextRefresh.after(NOW, windows(null, NOW.plus(Duration.ofDays(3)), NOW.plus(Duration.ofMinutes(7))),
                List.of(), QUIET);
        assertThat(wait).isEqualTo(Duration.ofMinutes(7).plus(NextRefresh.SLACK));
    }

    @Test
    void aSourcesNextTurnComesBeforeALaterWindowEnd() {
        Duration wait = NextRefresh.after(NOW, windows(NOW.plus(Duration.ofHours(2)), null, null),
                List.of(NOW.plus(Duration.ofMinutes(5)), NOW.plus(Duration.ofMinutes(9))), QUIET);
        assertThat(wait).isEqualTo(Duration.ofMinutes(5).plus(NextRefresh.SLACK));
    }

    @Test
    void instantsAlreadyPastAreIgnoredAndTheWaitIsNeverUnderASecond() {
        Duration wait = NextRefresh.after(NOW, windows(NOW.minusSeconds(1), NOW, null), List.of(NOW.minusSeconds(60)),
                QUIET);
        assertThat(wait).isEqualTo(QUIET);
        assertThat(NextRefresh.after(NOW, null, List.of(NOW.plusMillis(10)), QUIET)).isEqualTo(Duration.ofMillis(1010));
        assertThat(NextRefresh.after(NOW, null, List.of(), Duration.ofMillis(100))).isEqualTo(NextRefresh.AT_LEAST);
    }

    @Test
    void afterAFailedRefreshOnlyTheSourcesAndTheQuietPeriodCount() {
        assertThat(NextRefresh.after(NOW, null, List.of(), QUIET)).isEqualTo(QUIET);
    }
}
