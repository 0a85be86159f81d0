package io.headroom.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.TokenCounts;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local days are exact in every zone, including half- and quarter-hour offsets and DST changes. */
class UsageRollupTest {

    static UsageBucket at(String instant, long tokens) {
        return new UsageBucket(Instant.parse(instant), "m", new TokenCounts(tokens, 0, 0, 0, 0), tokens / 100.0, 1);
    }

    @Test
    void kathmandusQuarterHourOffsetSplitsDaysAtLocalMidnight() {
        // Kathmandu is UTC+5:45: 18:15Z is local midnight.
        List<UsageBucket> b = List.of(at("2026-11-26T18:00:00Z", 1), at("2026-11-26T18:15:00Z", 10));
        List<PeriodUsage> days = UsageRollup.byPeriod(b, ZoneId.of("Asia/Kathmandu"), Period.daily());
        assertThat(days).extracting(PeriodUsage::period).containsExactly("2026-11-26", "2026-11-27");
        assertThat(days).extracting(d -> d.tokens().input()).containsExactly(1L, 10L);
    }

    @Test
    void newYorkDstFallBackDayHas25HoursOfUsage() {
        // 2026-11-01 is 25 hours long in New York: 04:00Z to 05:00Z next day.
        List<UsageBucket> b = List.of(at("2026-11-01T03:45:00Z", 1), at("2026-11-01T04:00:00Z", 10),
                at("2026-11-02T04:45:00Z", 100), at("2026-11-02T05:00:00Z", 1000));
        List<PeriodUsage> days = UsageRollup.byPeriod(b, ZoneId.of("America/New_York"), Period.daily());
        assertThat(days).extracting(PeriodUsage::period).containsExactly("2026-10-31", "2026-11-01", "2026-11-02");
        assertThat(days).extracting(d -> d.tokens().input()).containsExactly(1L, 110L, 1000L);
    }

    @Test
    void weeksAndMonthsAndTotals() {
        List<UsageBucket> b = List.of(at("2026-11-28T12:00:00Z", 1), at("2026-11-29T12:00:00Z", 2),
                at("2026-12-01T12:00:00Z", 4));
        List<PeriodUsage> weeks = UsageRollup.byPeriod(b, ZoneId.of("UTC"), Period.weekly(DayOfWeek.SUNDAY));
        assertThat(weeks).extracting(PeriodUsage::period).containsExactly("2026-11-22", "2026-11-29");
        List<PeriodUsage> months = UsageRollup.byPeriod(b, ZoneId.of("UTC"), Period.monthly());
        assertThat(months).extracting(PeriodUsage::period).containsExactly("2026-11", "2026-12");
        assertThat(UsageRollup.total("t", months).tokens().input()).isEqualTo(7);
        assertThat(UsageRollup.total("t", months).cost()).isEqualTo(0.07);
    }
}
