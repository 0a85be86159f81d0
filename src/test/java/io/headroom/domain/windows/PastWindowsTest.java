package io.headroom.domain.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Past windows over a range: the same cuts as the current window, with exact usage, percent and limit hits. */
class PastWindowsTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final WindowBuilder.WeeklyResetSetting MONDAY_9 =
            new WindowBuilder.WeeklyResetSetting(DayOfWeek.MONDAY, LocalTime.of(9, 0), MADRID);

    private static Activity usd(String at, double cost) {
        return new Activity(Instant.parse(at), ModelFamily.OPUS, 1000, 0, cost, 0);
    }

    private static ErrorEvent hit(String at, LimitWindow w, String reset, UsageSource source) {
        return new ErrorEvent("h" + at, source, Instant.parse(at), ErrorCategory.USAGE_LIMIT, "limit", null, w,
                Instant.parse(reset), "limit", null, null, null);
    }

    private static PastWindows.Result november(WindowBuilder.WeeklyResetSetting setting) {
        List<Activity> activity = List.of(
                usd("2026-11-02T10:10:00Z", 3), usd("2026-11-02T10:40:00Z", 1),
                usd("2026-11-03T08:00:00Z", 2),
                usd("2026-11-04T13:00:00Z", 2), usd("2026-11-04T15:00:00Z", 1),
                usd("2026-11-09T09:30:00Z", 5),
                usd("2026-11-10T01:00:00Z", 7)); // after the range: never counted
        List<UtilizationSample> samples = List.of(new UtilizationSample("s1", UsageSource.STATUSLINE, Provenance.OFFICIAL,
                Instant.parse("2026-11-04T14:00:00Z"), LimitWindow.FIVE_HOUR, 40.0, Instant.parse("2026-11-04T16:00:00Z"),
                null, null, null));
        List<ErrorEvent> hits = List.of(
                hit("2026-11-03T09:30:00Z", LimitWindow.FIVE_HOUR, "2026-11-03T12:00:00Z", UsageSource.CLAUDE_CODE_LOG),
                hit("2026-11-09T10:00:00Z", LimitWindow.WEEKLY, "2026-11-16T06:00:00Z", UsageSource.MANUAL));
        return PastWindows.list(new PastWindows.Inputs(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-10T00:00:00Z"), activity, samples, hits, setting, 10.0, 100.0));
    }

    @Test
    void fiveHourWindowsAreCutFromActivityAndAnchoredToKnownResets() {
        List<PastWindows.Past> five = november(MONDAY_9).fiveHour();

        assertThat(five).extracting(p -> p.window().start().toString(), p -> p.window().end().toString(),
                p -> p.window().provenance()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-11-02T10:00:00Z", "2026-11-02T15:00:00Z", Provenance.ESTIMATE),
                        org.assertj.core.groups.Tuple.tuple("2026-11-03T07:00:00Z", "2026-11-03T12:00:00Z", Provenance.LIMIT_EVENT),
                        org.assertj.core.groups.Tuple.tuple("2026-11-04T11:00:00Z", "2026-11-04T16:00:00Z", Provenance.OFFICIAL),
                        org.assertj.core.groups.Tuple.tuple("2026-11-09T09:00:00Z", "2026-11-09T14:00:00Z", Provenance.ESTIMATE));
        assertThat(five).extracting(p -> p.used().costUsd()).containsExactly(4.0, 2.0, 3.0, 5.0);
        // $4 of a $10 limit; a hit shows as 100%; 40% read officially at $2 measured implies $5, so the
        // $1 after it is 20 more points (as the current window's card moves on); $5 of $10.
        assertThat(five.get(0).percent()).isCloseTo(40.0, offset(1e-9));
        assertThat(five.get(0).percentProvenance()).isEqualTo(Provenance.ESTIMATE);
        assertThat(five.get(1).percent()).isEqualTo(100.0);
        assertThat(five.get(1).percentProvenance()).isEqualTo(Provenance.LIMIT_EVENT);
        assertThat(five.get(1).limitHit()).isTrue();
        assertThat(five.get(1).hits()).extracting(h -> h.resetAt().toString()).containsExactly("2026-11-03T12:00:00Z");
        assertThat(five.get(2).percent()).isCloseTo(60.0, offset(1e-9));
        assertThat(five.get(2).percentProvenance()).isEqualTo(Provenance.ESTIMATE);
        assertThat(five.get(2).limitHit()).isFalse();
        assertThat(five.get(3).percent()).isCloseTo(50.0, offset(1e-9));
        assertThat(five.get(3).limitHit()).isFalse(); // the weekly hit is not a 5-hour one
    }

    @Test
    void weeklyWindowsFollowTheSettingUnlessAKnownResetSaysOtherwise() {
        PastWindows.Result r = november(MONDAY_9);

        // Monday 09:00 in Madrid is 08:00 UTC in November, but the logged hit says the week ends at 06:00 UTC:
        // the hit's week wins, and the week before runs from the first activity up to it.
        assertThat(r.weekly()).extracting(p -> p.window().start().toString(), p -> p.window().end().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-11-02T10:00:00Z", "2026-11-09T06:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple("2026-11-09T06:00:00Z", "2026-11-16T06:00:00Z"));
        assertThat(r.weekly()).extracting(p -> p.used().costUsd()).containsExactly(9.0, 5.0);
        assertThat(r.weekly().get(0).percent()).isCloseTo(9.0, offset(1e-9));
        assertThat(r.weekly().get(0).limitHit()).isFalse();
        assertThat(r.weekly().get(1).percent()).isEqualTo(100.0);
        assertThat(r.weekly().get(1).window().provenance()).isEqualTo(Provenance.MANUAL);
        assertThat(r.weekly().get(1).hits()).hasSize(1);
        assertThat(r.limitHits()).isEqualTo(2);
    }

    @Test
    void withoutAHitTheWeeksAreTheUsersWeeklyResetAcrossADaylightSavingChange() {
        // Europe/Madrid leaves summer time on Sunday 25 October 2026: Monday 09:00 is 08:00 UTC after it. A
        // window is 168 hours, as the engine counts it, ending at each Monday 09:00 local.
        List<Activity> activity = List.of(usd("2026-10-20T12:00:00Z", 1), usd("2026-10-27T12:00:00Z", 2));
        PastWindows.Result r = PastWindows.list(new PastWindows.Inputs(Instant.parse("2026-10-19T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"), activity, List.of(), List.of(), MONDAY_9, null, null));

        assertThat(r.weekly()).extracting(p -> p.window().start().toString(), p -> p.window().end().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-10-19T08:00:00Z", "2026-10-26T08:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple("2026-10-26T08:00:00Z", "2026-11-02T08:00:00Z"));
        assertThat(r.weekly()).extracting(p -> p.used().costUsd()).containsExactly(1.0, 2.0);
        assertThat(r.weekly()).extracting(PastWindows.Past::percent).containsOnlyNulls(); // no limit known
        assertThat(r.fiveHour()).hasSize(2);
        assertThat(r.limitHits()).isZero();
    }

    @Test
    void nothingInTheRangeListsNothing() {
        PastWindows.Result r = PastWindows.list(new PastWindows.Inputs(Instant.parse("2026-10-19T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"), List.of(), List.of(), List.of(), MONDAY_9, 10.0, 100.0));
        assertThat(r.fiveHour()).isEmpty();
        assertThat(r.weekly()).isEmpty();
    }
}
