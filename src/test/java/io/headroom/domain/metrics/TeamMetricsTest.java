package io.headroom.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeamMetricsTest {

    private static Instant at(String hhmm) {
        return Instant.parse("2026-12-04T" + hhmm + ":00Z");
    }

    @Test
    void blockedTimeCountsOverlappingHitsOnce() {
        // 10:00-12:00 and 11:00-12:30 overlap (2.5 h); 14:00-15:00 is apart (1 h); a hit without a reset adds nothing.
        double seconds = TeamMetrics.blockedSeconds(List.of(new Instant[] {at("11:00"), at("12:30")},
                new Instant[] {at("10:00"), at("12:00")}, new Instant[] {at("14:00"), at("15:00")},
                new Instant[] {at("16:00"), null}, new Instant[] {at("17:00"), at("16:00")}));

        assertThat(seconds).isEqualTo(3.5 * 3600);
        assertThat(TeamMetrics.blockedSeconds(List.of())).isZero();
    }
}
