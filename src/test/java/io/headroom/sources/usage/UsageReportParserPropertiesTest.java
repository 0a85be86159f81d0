package io.headroom.sources.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.UsageSource;
import io.headroom.domain.official.UsageReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever percent and reset the answer carries, the reading says exactly that, in both places it can appear. */
class UsageReportParserPropertiesTest {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    @Property(tries = 500)
    void percentAndResetAreReadExactly(@ForAll @DoubleRange(min = 0, max = 250) double percent,
            @ForAll @LongRange(min = 1_700_000_000_000_000L, max = 2_000_000_000_000_000L) long micros,
            @ForAll @IntRange(min = -12 * 60, max = 14 * 60) int offsetMinutes, @ForAll("places") String place)
            throws UsageReportException {
        Instant reset = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        String text = MICROS.format(reset.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
        String json = place.equals("key")
                ? "{\"five_hour\": {\"utilization\": " + percent + ", \"resets_at\": \"" + text + "\"}}"
                : "{\"limits\": [{\"kind\": \"session\", \"percent\": " + percent + ", \"resets_at\": \"" + text
                        + "\"}]}";
        UsageReport report = UsageReportParser.parse(json, UsageSource.CLAUDE_AI, Instant.EPOCH);
        assertThat(report.readings()).hasSize(1);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).usedPercent()).isEqualTo(percent);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).resetsAt()).isEqualTo(reset);
        assertThat(report.problems()).isEmpty();
    }

    @Provide
    Arbitrary<String> places() {
        return Arbitraries.of("key", "limits");
    }
}
