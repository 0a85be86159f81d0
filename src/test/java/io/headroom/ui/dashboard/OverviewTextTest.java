package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.LimitEstimate;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Overview's sentences, without a window. */
class OverviewTextTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant NOW = Instant.parse("2026-11-27T13:00:00Z"); // 14:00 in Madrid
    private static final Window FIVE = new Window(Instant.parse("2026-11-27T12:00:00Z"),
            Instant.parse("2026-11-27T17:00:00Z"), Provenance.OFFICIAL);
    private static final LimitEstimate LIMIT = new LimitEstimate(40, LimitEstimate.Method.OFFICIAL_CALIBRATION, 3,
            LimitEstimate.Confidence.HIGH, 0.05, "");

    private static WindowStatus status(Window w, Double percent, Forecast f) {
        return new WindowStatus(LimitWindow.FIVE_HOUR, w, new Measures(1000, 5000, 10, 3, 20), percent,
                Provenance.OFFICIAL, null, LIMIT, List.of(LIMIT), f);
    }

    private static String plain(String s) {
        return s.replace('\u00a0', ' ');
    }

    @Test
    void countdownsShowSecondsAndNeverGoNegative() {
        assertThat(OverviewText.countdown(Duration.ofSeconds(4 * 3600 + 18 * 60 + 9))).isEqualTo("4 h 18 min 09 s");
        assertThat(OverviewText.countdown(Duration.ofSeconds(2 * 86_400 + 3 * 3600 + 5 * 60 + 9)))
                .isEqualTo("2 d 03 h 05 min");
        assertThat(OverviewText.countdown(Duration.ofSeconds(61))).isEqualTo("1 min 01 s");
        assertThat(OverviewText.countdown(Duration.ofSeconds(7))).isEqualTo("7 s");
        assertThat(OverviewText.countdown(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }

    @Test
    void limitAtIsInTheUsersZoneWithTheTimeLeftBeforeTheReset() {
        Forecast f = new Forecast(Forecast.State.WILL_HIT, 8.0, 300.0, 12.0, Instant.parse("2026-11-27T15:40:00Z"),
                null, null, "");
        assertThat(plain(OverviewText.forecast(status(FIVE, 60.0, f), NOW, MADRID)))
                .isEqualTo("Limit at 16:40, 1 h 20 min before reset");
    }

    @Test
    void limitTomorrowNamesTheDay() {
        Window week = new Window(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-30T08:00:00Z"),
                Provenance.MANUAL);
        Forecast f = new Forecast(Forecast.State.WILL_HIT, 1.0, 30.0, 5.0, Instant.parse("2026-11-28T03:00:00Z"),
                null, null, "");
        assertThat(plain(OverviewText.forecast(status(week, 80.0, f), NOW, MADRID)))
                .isEqualTo("Limit at Sat 28 Nov 04:00, 2 d 05 h before reset");
    }

    @Test
    void withinTheLimitSaysWhereTheWindowEndsAtTheRecentRate() {
        // 4 h left at $2/h against a $40 limit: 20 more points.
        Forecast f = new Forecast(Forecast.State.WITHIN_LIMIT, 2.0, 50.0, -5.0, null, null, null, "");
        assertThat(OverviewText.forecast(status(FIVE, 44.0, f), NOW, MADRID)).isEqualTo("On pace to finish at 64%");
    }

    @Test
    void limitReachedCountsDownToTheReset() {
        Forecast f = new Forecast(Forecast.State.LIMIT_REACHED, null, null, null, null, null, null, "limit reached");
        Instant at = Instant.parse("2026-11-27T14:55:00Z"); // 2 h 05 min before 17:00
        assertThat(plain(OverviewText.forecast(status(FIVE, 100.0, f), at, MADRID)))
                .isEqualTo("Limit reached, resets in 2 h 05 min");
    }

    @Test
    void notEnoughDataAndIdleSayWhy() {
        Forecast f = new Forecast(Forecast.State.NOT_ENOUGH_DATA, null, null, null, null, null, null,
                "the window began 4 min ago; a rate needs 10");
        assertThat(OverviewText.forecast(status(FIVE, 3.0, f), NOW, MADRID))
                .isEqualTo("Not enough data: the window began 4 min ago; a rate needs 10");
        assertThat(OverviewText.forecast(status(null, null, f), NOW, MADRID))
                .isEqualTo("No window running: the next message starts one");
    }

    @Test
    void burnRateAndLimitLines() {
        assertThat(OverviewText.burn(new Forecast(Forecast.State.WITHIN_LIMIT, 4.2, 1234.4, null, null, null, null, "")))
                .isEqualTo("$4.20/h · 1,234 tok/min");
        assertThat(OverviewText.burn(new Forecast(Forecast.State.NOT_ENOUGH_DATA, null, null, null, null, null, null, "")))
                .isNull();
        assertThat(OverviewText.limit(LIMIT))
                .isEqualTo("$40.00 · official utilization paired with measured usage, high confidence");
    }

    /** A hit on claude.ai use, nothing measured: its reset and evidence, and why no dollar limit is shown. */
    @Test
    void limitReachedNamesItsResetAndEvidence() {
        Forecast f = new Forecast(Forecast.State.LIMIT_REACHED, null, null, null, null, null, null, "limit reached");
        Instant hitAt = Instant.parse("2026-11-27T12:30:00Z");
        WindowStatus elsewhere = new WindowStatus(LimitWindow.FIVE_HOUR, FIVE, Measures.ZERO, 100.0, Provenance.MANUAL,
                null, null, List.of(LIMIT), f, new io.headroom.domain.windows.LimitReached(hitAt, Provenance.MANUAL));
        assertThat(elsewhere.reachedWithoutUsage()).isTrue();
        assertThat(OverviewText.forecast(elsewhere, NOW, MADRID)).isEqualTo("Limit reached · resets 18:00 · hand-logged");
        assertThat(OverviewText.limit(elsewhere)).isEqualTo("Not shown: 100.0% comes from a reading or limit hit with "
                + "no usage recorded here, so no dollar figure is that percent of anything");
        WindowStatus message = new WindowStatus(LimitWindow.WEEKLY, new Window(Instant.parse("2026-11-23T08:00:00Z"),
                Instant.parse("2026-11-30T08:00:00Z"), Provenance.LIMIT_EVENT), new Measures(1000, 5000, 10, 3, 20), 100.0,
                Provenance.LIMIT_EVENT, null, LIMIT, List.of(LIMIT), f,
                new io.headroom.domain.windows.LimitReached(hitAt, Provenance.LIMIT_EVENT));
        assertThat(OverviewText.forecast(message, NOW, MADRID)).isEqualTo("Limit reached · resets Mon 30 Nov 09:00 · limit message");
    }
}
