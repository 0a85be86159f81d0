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
import java.time.ZoneId;
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

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Test
    void theStatusLineGivesBothPercentagesAndTheResetAsALocalClockTime() {
        TrayState s = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofMinutes(80)), 82.5),
                status(LimitWindow.WEEKLY, NOW.plus(Duration.ofHours(76)), 41.9), NOW, MADRID);
        assertThat(s.iconText()).isEqualTo("82");
        assertThat(s.level()).isEqualTo(TrayState.Level.WARN);
        assertThat(s.fraction()).isEqualTo(0.825);
        assertThat(s.statusLine()).isEqualTo("5h 82% · resets 16:00 · week 41%");
        assertThat(s.tooltip()).isEqualTo("Headroom · 5h 82% · resets 16:00 · week 41%");
        // the same instant read in New York
        assertThat(TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofMinutes(80)), 82.5),
                status(LimitWindow.WEEKLY, NOW.plus(Duration.ofHours(76)), 41.9), NOW, ZoneId.of("America/New_York"))
                .statusLine()).isEqualTo("5h 82% · resets 10:00 · week 41%");
    }

    @Test
    void theTooltipIsOneLineThatTheLinuxTrayShowsWhole() {
        TrayState s = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofMinutes(5)), 100.0),
                status(LimitWindow.WEEKLY, NOW.plus(Duration.ofHours(76)), 100.0), NOW, MADRID);
        assertThat(s.statusLine()).isEqualTo("5h limit reached · resets 14:45 · week limit reached · resets Mon 18:40");
        // 70 characters would be cut at 64 by the X11 tooltip: the weekly reset goes, the rest stays whole
        assertThat(s.tooltip()).isEqualTo("Headroom · 5h limit reached · resets 14:45 · week limit reached");
        assertThat(s.tooltip()).doesNotContain("\n").hasSizeLessThanOrEqualTo(TrayState.TOOLTIP_MAX);
    }

    @Test
    void aResetAcrossTheSpringForwardReadsInSummerTime() {
        Instant beforeChange = Instant.parse("2026-03-29T00:30:00Z"); // 01:30 CET; clocks go to 03:00 CEST at 01:00Z
        TrayState s = TrayState.of(status(LimitWindow.FIVE_HOUR, beforeChange.plus(Duration.ofHours(3)), 12.0),
                status(LimitWindow.WEEKLY, beforeChange.plus(Duration.ofDays(2)), 3.0), beforeChange, MADRID);
        assertThat(s.statusLine()).isEqualTo("5h 12% · resets 05:30 · week 3%");
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
        TrayState s = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofMinutes(48)), 112.0),
                idle(LimitWindow.WEEKLY), NOW, MADRID);
        assertThat(s.iconText()).isEqualTo("!");
        assertThat(s.level()).isEqualTo(TrayState.Level.HIGH);
        assertThat(s.fraction()).isEqualTo(1.0);
        assertThat(s.statusLine()).isEqualTo("5h limit reached · resets 15:28 · week idle");
        assertThat(s.tooltip()).isEqualTo("Headroom · 5h limit reached · resets 15:28 · week idle");
    }

    @Test
    void roundedDownSo99Point6NeverReadsAsTheLimit() {
        TrayState s = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plusSeconds(60), 99.6), idle(LimitWindow.WEEKLY),
                NOW, MADRID);
        assertThat(s.iconText()).isEqualTo("99");
        assertThat(s.statusLine()).isEqualTo("5h 99% · resets 14:41 · week idle");
    }

    @Test
    void idleOrUnknownShowsADash() {
        TrayState idle = TrayState.of(idle(LimitWindow.FIVE_HOUR), status(LimitWindow.WEEKLY, null, 12.0), NOW, MADRID);
        assertThat(idle.iconText()).isEqualTo("–");
        assertThat(idle.level()).isEqualTo(TrayState.Level.NONE);
        assertThat(idle.statusLine()).isEqualTo("5h idle · week 12%");
        assertThat(idle.tooltip()).isEqualTo("Headroom · 5h idle · week 12%");
        TrayState unknown = TrayState.of(status(LimitWindow.FIVE_HOUR, NOW.plus(Duration.ofHours(2)), null),
                idle(LimitWindow.WEEKLY), NOW, MADRID);
        assertThat(unknown.iconText()).isEqualTo("–");
        assertThat(unknown.statusLine()).isEqualTo("5h usage unknown · resets 16:40 · week idle");
        assertThat(TrayState.starting().statusLine()).isEqualTo("Reading your usage…");
        assertThat(TrayState.starting().tooltip()).isEqualTo("Headroom: reading your usage…");
    }
}
