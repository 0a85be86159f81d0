package io.headroom.domain.manual;

import static io.headroom.domain.manual.HumanTime.Direction.FUTURE;
import static io.headroom.domain.manual.HumanTime.Direction.PAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

    // Thursday 26 Mar 2026, 15:10 in Madrid (UTC+1); DST starts Sunday 29 Mar.
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 26, 15, 10, 0, 0, ZoneId.of("Europe/Madrid"));

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void clockTimesResolveForwardForResetsAndBackwardForEvents() {
        assertThat(HumanTime.parse("6pm", NOW, FUTURE)).isEqualTo(at("2026-03-26T17:00:00Z"));
        assertThat(HumanTime.parse("2pm", NOW, FUTURE)).isEqualTo(at("2026-03-27T13:00:00Z"));
        assertThat(HumanTime.parse("6pm", NOW, PAST)).isEqualTo(at("2026-03-25T17:00:00Z"));
        assertThat(HumanTime.parse("14:30", NOW, PAST)).isEqualTo(at("2026-03-26T13:30:00Z"));
        assertThat(HumanTime.parse("6:42 PM", NOW, FUTURE)).isEqualTo(at("2026-03-26T17:42:00Z"));
        assertThat(HumanTime.parse("noon", NOW, FUTURE)).isEqualTo(at("2026-03-27T11:00:00Z"));
    }

    @Test
    void relativeTimes() {
        assertThat(HumanTime.parse("in 2h 14m", NOW, FUTURE)).isEqualTo(NOW.toInstant().plusSeconds(2 * 3600 + 14 * 60));
        assertThat(HumanTime.parse("in 45 minutes", NOW, FUTURE)).isEqualTo(NOW.toInstant().plusSeconds(45 * 60));
        assertThat(HumanTime.parse("20m ago", NOW, PAST)).isEqualTo(NOW.toInstant().minusSeconds(20 * 60));
        assertThat(HumanTime.parse("1 hour and 5 min ago", NOW, PAST)).isEqualTo(NOW.toInstant().minusSeconds(65 * 60));
        assertThat(HumanTime.parse("now", NOW, PAST)).isEqualTo(NOW.toInstant());
    }

    @Test
    void daysWeekdaysDatesAndIsoAcrossDst() {
        assertThat(HumanTime.parse("tomorrow 9am", NOW, FUTURE)).isEqualTo(at("2026-03-27T08:00:00Z"));
        assertThat(HumanTime.parse("yesterday 21:00", NOW, PAST)).isEqualTo(at("2026-03-25T20:00:00Z"));
        // Monday after the DST change: 09:00 is UTC+2 then.
        assertThat(HumanTime.parse("Mon 09:00", NOW, FUTURE)).isEqualTo(at("2026-03-30T07:00:00Z"));
        assertThat(HumanTime.parse("monday 9am", NOW, PAST)).isEqualTo(at("2026-03-23T08:00:00Z"));
        assertThat(HumanTime.parse("Apr 2 at 6pm", NOW, FUTURE)).isEqualTo(at("2026-04-02T16:00:00Z"));
        assertThat(HumanTime.parse("Oct 31, 9am", NOW, FUTURE)).isEqualTo(at("2026-10-31T08:00:00Z"));
        assertThat(HumanTime.parse("2026-03-26 18:00", NOW, FUTURE)).isEqualTo(at("2026-03-26T17:00:00Z"));
        assertThat(HumanTime.parse("2026-03-26T18:00:00Z", NOW, FUTURE)).isEqualTo(at("2026-03-26T18:00:00Z"));
        assertThat(HumanTime.parse("2026-03-26T18:00:00-05:00", NOW, FUTURE)).isEqualTo(at("2026-03-26T23:00:00Z"));
    }

    @Test
    void nonsenseIsAnErrorNotAGuess() {
        for (String bad : new String[] {"", "6", "25:00", "13pm", "soon", "in a bit", "Foo 9am", "Feb 30 at 6pm"}) {
            assertThatThrownBy(() -> HumanTime.parse(bad, NOW, FUTURE)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
