package io.headroom.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CountdownTest {

    private static Duration hms(long h, long m, long s) {
        return Duration.ofSeconds(h * 3600 + m * 60 + s);
    }

    @Test
    void coarseFormShowsTwoUnitsCutToTheMinute() {
        assertThat(Countdown.of(hms(2, 5, 0))).isEqualTo("2 h 05 min");
        assertThat(Countdown.of(hms(2, 5, 59))).isEqualTo("2 h 05 min");
        assertThat(Countdown.of(hms(2, 0, 0))).isEqualTo("2 h 00 min");
        assertThat(Countdown.of(hms(27, 40, 0))).isEqualTo("1 d 03 h");
        assertThat(Countdown.of(hms(76, 0, 0))).isEqualTo("3 d 04 h");
        assertThat(Countdown.of(hms(0, 12, 30))).isEqualTo("12 min");
        assertThat(Countdown.of(hms(0, 0, 59))).isEqualTo("under 1 min");
        assertThat(Countdown.of(Duration.ZERO)).isEqualTo("under 1 min");
        assertThat(Countdown.of(Duration.ofMinutes(-3))).isEqualTo("under 1 min");
    }

    @Test
    void preciseFormTicksOneUnitFiner() {
        assertThat(Countdown.precise(hms(4, 18, 9))).isEqualTo("4 h 18 min 09 s");
        assertThat(Countdown.precise(hms(2 * 24 + 3, 5, 9))).isEqualTo("2 d 03 h 05 min");
        assertThat(Countdown.precise(hms(0, 1, 1))).isEqualTo("1 min 01 s");
        assertThat(Countdown.precise(hms(0, 0, 7))).isEqualTo("7 s");
        assertThat(Countdown.precise(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }

    /** The sentence's "resets in 2 h 05 min" is always the start of the ticking "2 h 05 min 09 s" beside it. */
    @Property
    void coarseIsThePreciseFormWithoutItsLastUnit(@ForAll @LongRange(min = 60, max = 30L * 86_400) long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        String precise = Countdown.precise(d);
        assertThat(precise.substring(0, precise.lastIndexOf(' ', precise.lastIndexOf(' ') - 1)))
                .isEqualTo(Countdown.of(d));
    }
}
