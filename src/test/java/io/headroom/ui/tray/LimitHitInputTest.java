package io.headroom.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LimitHitInputTest {

    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 27, 14, 10, 0, 0, ZoneId.of("Europe/Madrid"));

    @Test
    void emptyMeansFiveHoursFromNow() {
        LimitHitInput.Result r = LimitHitInput.parse("  ", NOW);
        assertThat(r.error()).isNull();
        assertThat(r.hitAt()).isEqualTo(Instant.parse("2026-11-27T13:10:00Z"));
        assertThat(r.resetAt()).isEqualTo(Instant.parse("2026-11-27T18:10:00Z"));
        assertThat(r.window()).isEqualTo(LimitWindow.FIVE_HOUR);
    }

    @Test
    void clockTimesAreTheNextSuchTimeAndLaterOnesAreWeekly() {
        assertThat(LimitHitInput.parse("6pm", NOW).resetAt()).isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
        assertThat(LimitHitInput.parse("6pm", NOW).window()).isEqualTo(LimitWindow.FIVE_HOUR);
        assertThat(LimitHitInput.parse("Mon 09:00", NOW).window()).isEqualTo(LimitWindow.WEEKLY);
        assertThat(LimitHitInput.parse("Mon 09:00", NOW).resetAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void badInputSaysWhatToType() {
        assertThat(LimitHitInput.parse("soonish", NOW).error()).startsWith("Cannot read that time");
        assertThat(LimitHitInput.parse("now", NOW).error()).isEqualTo("The reset must be after now.");
        assertThat(LimitHitInput.parse("in 9d", NOW).error()).isEqualTo("Limits reset within a week: check the date.");
    }
}
