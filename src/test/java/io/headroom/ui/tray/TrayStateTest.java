package io.headroom.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the icon says and how it is coloured, without AWT. */
class TrayStateTest {

    static final Instant NOW = Instant.parse("2026-11-27T13:40:00Z");
    static final Forecast F = new Forecast(Forecast.State.WITHIN_LIMIT, null, null, null, null, null, null, "");

    static WindowStatus status(LimitWindow kind, Instant end, Double percent) {
        Window w = new Window(end == null ? NOW.minusSeconds(3600) : end.minus(Duration.ofHours(5)), end, Provenance.OFFICIAL);
        return new WindowStatus(kind, w, new Measures(0, 0, 0, 0, 0), percent, Provenance.OFFICIAL, null, null, List.of(), F);
    }

    static WindowStatus idle(LimitWindow kind) {
        return new WindowStatus(kind, null, new Measures(0, 0, 0, 0, 0), null, Provenance.ESTIMATE, null, null, List.of(), F);
    }

    @Test
    void theTooltipSaysUsedAndTimeToResetForBothWindows() {
        TrayState s = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofMinutes(80)), 62.4),
                status(LimitWindow.WEEKLY, NOW.plus(Duration.ofHours(76)), 31.0), NOW);
        assertThat(s.iconText()).isEqualTo("62");
        assertThat(s.level()).isEqualTo(TrayState.Level.OK);
        assertThat(s.fraction()).isEqualTo(0.624);
        assertThat(s.tooltip()).isEqualTo("5-hour: 62% used · resets in 1 h 20 min\nWeekly: 31% used · resets in 3 d 04 h");
    }

    @Test
    void levelsFollowTheDashboardGauge() {
        assertThat(TrayState.level(null)).isEqualTo(TrayState.Level.NONE);
        assertThat(TrayState.level(69.99)).isEqualTo(TrayState.Level.OK);
        assertThat(TrayState.level(70.0)).isEqualTo(TrayState.Level.WARN);
        assertThat(TrayState.level(89.9)).isEqualTo(TrayState.Level.WARN);
        assertThat(TrayState.level(90.0)).isEqualTo(TrayState.Level.HIGH);
    }

    @Test
    void pastTheLimitTheIconShowsAnExclamationMarkAndAFullRing() {
        TrayState s = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofMinutes(5)), 112.0),
                idle(LimitWindow.WEEKLY), NOW);
        assertThat(s.iconText()).isEqualTo("!");
        assertThat(s.level()).isEqualTo(TrayState.Level.HIGH);
        assertThat(s.fraction()).isEqualTo(1.0);
        assertThat(s.tooltip()).isEqualTo("5-hour: limit reached · resets in 5 min\nWeekly: no window running");
    }

    @Test
    void roundedDownSo99Point6NeverReadsAsTheLimit() {
        assertThat(TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plusSeconds(60), 99.6), idle(LimitWindow.WEEKLY), NOW)
                .iconText()).isEqualTo("99");
    }

    @Test
    void idleOrUnknownShowsADash() {
        TrayState idle = TrayState.of(idle(LimitWindow.FIVE_HOUR), status(LimitWindow.WEEKLY, null, 12.0), NOW);
        assertThat(idle.iconText()).isEqualTo("–");
        assertThat(idle.level()).isEqualTo(TrayState.Level.NONE);
        assertThat(idle.tooltip()).isEqualTo("5-hour: no window running\nWeekly: 12% used");
        TrayState unknown = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofHours(2)), null),
                idle(LimitWindow.WEEKLY), NOW);
        assertThat(unknown.iconText()).isEqualTo("–");
        assertThat(unknown.tooltip()).startsWith("5-hour: usage unknown · resets in 2 h 00 min\n");
        assertThat(TrayState.starting().tooltip()).isEqualTo("Headroom: reading your usage…");
    }
}
