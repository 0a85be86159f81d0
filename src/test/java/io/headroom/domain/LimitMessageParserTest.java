package io.headroom.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LimitMessageParserTest {

    static final ZoneId LOCAL = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // text | line timestamp (UTC) | window | expected reset (UTC)
        "You've hit your session limit · resets 6:42pm (UTC)|2026-11-27T17:42:00.443Z|FIVE_HOUR|2026-11-27T18:42:00Z",
        "You've hit your session limit · resets 3pm (America/Bogota)|2026-03-02T17:10:00Z|FIVE_HOUR|2026-03-02T20:00:00Z",
        "You've hit your limit · resets 11pm (America/Anchorage)|2026-01-10T06:00:00Z|UNSPECIFIED|2026-01-10T08:00:00Z",
        "You've hit your limit · resets Jan 24 at 6pm (America/New_York)|2026-01-23T12:00:00Z|UNSPECIFIED|2026-01-24T23:00:00Z",
        "You've hit your weekly limit · resets 4am (Europe/Madrid)|2026-07-20T10:00:00Z|WEEKLY|2026-07-21T02:00:00Z",
        "You've hit your weekly limit · resets Jul 27 at 4:30am (Asia/Calcutta)|2026-07-22T10:00:00Z|WEEKLY|2026-07-26T23:00:00Z",
        "Weekly limit reached · resets 10am (Asia/Seoul) · /upgrade to Max or turn on /extra-usage"
            + "|2025-12-01T03:00:00Z|WEEKLY|2025-12-02T01:00:00Z",
        "Opus weekly limit reached ∙ resets Oct 31, 9am|2025-10-28T12:00:00Z|WEEKLY_OPUS|2025-10-31T08:00:00Z",
        // No zone: the user's zone (Berlin, UTC+1 in winter).
        "You've hit your weekly limit · resets Sep 15 at 7pm|2026-09-10T12:00:00Z|WEEKLY|2026-09-15T17:00:00Z",
        // A reset date in January seen in December belongs to the next year.
        "You've hit your limit · resets Jan 2 at 9am (UTC)|2026-12-30T12:00:00Z|UNSPECIFIED|2027-01-02T09:00:00Z",
        // Curly apostrophe.
        "You’ve hit your session limit · resets 12am (UTC)|2026-05-05T22:00:00Z|FIVE_HOUR|2026-05-06T00:00:00Z",
    })
    void newFormat(String text, String at, LimitWindow window, String reset) {
        LimitMessage m = LimitMessageParser.parse(text, Instant.parse(at), LOCAL).orElseThrow();
        assertThat(m.window()).isEqualTo(window);
        assertThat(m.resetAt()).isEqualTo(Instant.parse(reset));
    }

    @Test
    void oldFormatIsUnixSeconds() {
        LimitMessage m = LimitMessageParser.parse("Claude AI usage limit reached|1736503200",
                Instant.parse("2025-01-10T06:00:00Z"), ZoneOffset.UTC).orElseThrow();
        assertThat(m.resetAt()).isEqualTo(Instant.parse("2025-01-10T10:00:00Z"));
        assertThat(LimitMessageParser.parse("Claude AI usage limit reached|0", Instant.EPOCH, ZoneOffset.UTC)
                .orElseThrow().resetAt()).isNull();
    }

    @Test
    void aResetInTheSameMinuteAsTheLineIsNotPushedToTomorrow() {
        // Seconds are dropped: a reset at 17:42:50 prints as 5:42pm on a line written 17:42:20.
        LimitMessage m = LimitMessageParser.parse("You've hit your session limit · resets 5:42pm (UTC)",
                Instant.parse("2026-11-27T17:42:20Z"), ZoneOffset.UTC).orElseThrow();
        assertThat(m.resetAt()).isEqualTo(Instant.parse("2026-11-27T17:42:00Z"));
    }

    @Test
    void aResetInsideTheSpringForwardGapResolvesToTheShiftedTime() {
        // 2026-03-29 02:30 does not exist in Berlin; java.time moves it forward to 03:30 CEST.
        LimitMessage m = LimitMessageParser.parse("You've hit your session limit · resets 2:30am (Europe/Berlin)",
                Instant.parse("2026-03-28T23:00:00Z"), ZoneOffset.UTC).orElseThrow();
        assertThat(m.resetAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void otherErrorsAreNotLimitMessages() {
        assertThat(LimitMessageParser.parse("API Error: Request rejected (429) · This request would exceed the rate"
                + " limit for your organization", Instant.EPOCH, ZoneOffset.UTC)).isEmpty();
        assertThat(LimitMessageParser.parse("API Error: 529 Overloaded.", Instant.EPOCH, ZoneOffset.UTC)).isEmpty();
        assertThat(LimitMessageParser.parse("API Error: Server is temporarily limiting requests (not your usage limit)"
                + " · Rate limited", Instant.EPOCH, ZoneOffset.UTC)).isEmpty();
        assertThat(LimitMessageParser.parse(null, Instant.EPOCH, ZoneOffset.UTC)).isEmpty();
    }
}
