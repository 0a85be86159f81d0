package io.headroom.domain.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contradictions users saw on demo data and generated histories, one scenario each. */
class WindowRulesScenarioTest {

    static UtilizationSample official(String at, LimitWindow w, double pct, String resets) {
        return new UtilizationSample("o" + at + w, UsageSource.STATUSLINE, Provenance.OFFICIAL, Instant.parse(at), w, pct,
                resets == null ? null : Instant.parse(resets), null, "s", "m");
    }

    static UtilizationSample seen(String at, LimitWindow w, double pct) {
        return new UtilizationSample("m" + at + w, UsageSource.MANUAL, Provenance.MANUAL, Instant.parse(at), w, pct, null,
                null, null, null);
    }

    static ErrorEvent hit(String at, String reset, UsageSource source) {
        return new ErrorEvent("h" + at, source, Instant.parse(at), ErrorCategory.USAGE_LIMIT, "rate_limit", 429,
                LimitWindow.FIVE_HOUR, Instant.parse(reset), "limit", null, null, null);
    }

    static WindowEngine.Result at(String now, List<Activity> a, List<UtilizationSample> s, List<ErrorEvent> h) {
        return WindowEngine.evaluate(new WindowEngine.Inputs(Instant.parse(now), a, s, h, null,
                new WindowEngine.PlanDefaults("max5", 35.0, 250.0, List.of(18.0, 35.0, 140.0), "test catalog")));
    }

    static void percentAgreesWithUsedAndLimit(WindowStatus st) {
        assertThat(st.usedPercent()).isNotNull();
        if (st.used().costUsd() > 0) {
            assertThat(st.limit()).as("a limit beside the used figure").isNotNull();
            assertThat(st.used().costUsd() / st.limit().value() * 100).as("used / limit")
                    .isCloseTo(st.usedPercent(), offset(0.5));
        } else if (st.usedPercent() > 0) {
            assertThat(st.limit()).as("no dollar limit beside $0.00 used at a non-zero percent").isNull();
        }
    }

    /**
     * Three earlier weeks calibrate the weekly limit to $62 (50% at $31 each); this week Anthropic
     * says 34.13% at $39.98 measured. The card said "34.1% used" beside "Used $39.94, Limit $61.88".
     */
    @Test
    void weeklyPercentUsedAndLimitAgreeWhenTheOfficialReadingIsNewest() {
        List<Activity> a = new ArrayList<>();
        List<UtilizationSample> s = new ArrayList<>();
        for (String week : List.of("2026-02-23", "2026-03-02", "2026-03-09")) {
            a.add(WindowScenarioTest.use(week + "T12:00:00Z", 31));
            s.add(official(week + "T13:00:00Z", LimitWindow.WEEKLY, 50, plusDays(week, 7)));
        }
        a.add(WindowScenarioTest.use("2026-03-19T09:00:00Z", 39.98));
        s.add(official("2026-03-20T10:00:00Z", LimitWindow.WEEKLY, 34.13, "2026-03-23T08:00:00Z"));
        WindowStatus weekly = at("2026-03-20T10:30:00Z", a, s, List.of()).weekly();

        assertThat(weekly.evidence().get(0).value()).as("the learned limit is unchanged").isCloseTo(62.0, offset(1e-9));
        assertThat(weekly.usedPercent()).isCloseTo(34.13, offset(1e-9));
        assertThat(weekly.used().costUsd()).isCloseTo(39.98, offset(1e-9));
        // The limit shown is the one the newest reading implies: $39.98 / 0.3413.
        assertThat(weekly.limit().value()).isCloseTo(117.14, offset(0.01));
        percentAgreesWithUsedAndLimit(weekly);
    }

    /** Usage after the reading moves the percent on at the rate that reading implies, and the pair still agrees. */
    @Test
    void usageAfterTheReadingMovesThePercentOnAtTheImpliedRate() {
        List<Activity> a = new ArrayList<>(List.of(WindowScenarioTest.use("2026-03-01T10:05:00Z", 3.05)));
        List<UtilizationSample> s = List.of(official("2026-03-01T10:30:00Z", LimitWindow.FIVE_HOUR, 19.8,
                "2026-03-01T15:00:00Z"), official("2026-02-28T10:30:00Z", LimitWindow.FIVE_HOUR, 20,
                "2026-02-28T15:00:00Z"));
        a.add(WindowScenarioTest.use("2026-02-28T10:10:00Z", 3.0));
        a.add(WindowScenarioTest.use("2026-03-01T11:00:00Z", 3.05));
        WindowStatus five = at("2026-03-01T11:30:00Z", a, s, List.of()).fiveHour();
        // 19.8% at $3.05 implies $15.404; $3.05 more is another 19.8 points.
        assertThat(five.usedPercent()).isCloseTo(39.6, offset(1e-9));
        assertThat(five.limit().value()).isCloseTo(3.05 / 0.198, offset(1e-9));
        percentAgreesWithUsedAndLimit(five);
    }

    /** "Weekly 38%" seen on claude.ai yesterday, then an official 34.13% today: the card went down to 34.1%. */
    @Test
    void aPercentSeenOnClaudeAiIsAFloorForTheRestOfTheWindow() {
        List<Activity> a = List.of(WindowScenarioTest.use("2026-03-19T09:00:00Z", 39.98));
        UtilizationSample yesterday = seen("2026-03-19T12:00:00Z", LimitWindow.WEEKLY, 38);
        UtilizationSample today = official("2026-03-20T10:00:00Z", LimitWindow.WEEKLY, 34.13, "2026-03-23T08:00:00Z");
        WindowStatus before = at("2026-03-19T13:00:00Z", a, List.of(yesterday), List.of()).weekly();
        WindowStatus after = at("2026-03-20T10:30:00Z", a, List.of(yesterday, today), List.of()).weekly();
        assertThat(before.usedPercent()).isGreaterThanOrEqualTo(38.0);
        assertThat(after.usedPercent()).isEqualTo(38.0);
        percentAgreesWithUsedAndLimit(after);
    }

    /** A hand-logged hit for claude.ai use, nothing measured here: the card said "100.0% used" beside "$0.00". */
    @Test
    void aLimitHitWithNoRecordedUsageIsLimitReachedWithoutADollarLimit() {
        ErrorEvent logged = hit("2026-03-01T14:00:00Z", "2026-03-01T18:28:00Z", UsageSource.MANUAL);
        WindowStatus five = at("2026-03-01T14:30:00Z", List.of(), List.of(), List.of(logged)).fiveHour();
        assertThat(five.window().end()).isEqualTo(Instant.parse("2026-03-01T18:28:00Z"));
        assertThat(five.used().costUsd()).isZero();
        assertThat(five.usedPercent()).isEqualTo(100.0);
        assertThat(five.limit()).isNull();
        assertThat(five.forecast().state()).isEqualTo(Forecast.State.LIMIT_REACHED);
        assertThat(five.limitReached()).isEqualTo(new LimitReached(Instant.parse("2026-03-01T14:00:00Z"),
                Provenance.MANUAL));
        assertThat(five.limitReached().evidenceLabel()).isEqualTo("hand-logged");
        assertThat(five.reachedWithoutUsage()).isTrue();
        assertThat(five.percentProvenance()).isEqualTo(Provenance.MANUAL);
        percentAgreesWithUsedAndLimit(five);

        // With usage measured here it is still "limit reached", and the limit beside it is what was used.
        List<Activity> a = List.of(WindowScenarioTest.use("2026-03-01T13:40:00Z", 21));
        WindowStatus measured = at("2026-03-01T14:30:00Z", a, List.of(), List.of(logged)).fiveHour();
        assertThat(measured.reachedWithoutUsage()).isFalse();
        assertThat(measured.limitReached().evidence()).isEqualTo(Provenance.MANUAL);
        assertThat(measured.usedPercent()).isEqualTo(100.0);
        assertThat(measured.limit().value()).isCloseTo(21.0, offset(1e-9));
        percentAgreesWithUsedAndLimit(measured);
    }

    /** A limit message said 18:25, a newer hit logged by hand said 18:28: the card kept 18:25 (a message outranked the user). */
    @Test
    void theNewestEvidenceGivesTheReset() {
        ErrorEvent message = hit("2026-03-01T13:30:00Z", "2026-03-01T18:25:00Z", UsageSource.CLAUDE_CODE_LOG);
        ErrorEvent logged = hit("2026-03-01T14:00:00Z", "2026-03-01T18:28:00Z", UsageSource.MANUAL);
        WindowStatus five = at("2026-03-01T14:30:00Z", List.of(), List.of(), List.of(message, logged)).fiveHour();
        assertThat(five.window().end()).isEqualTo(Instant.parse("2026-03-01T18:28:00Z"));
        assertThat(five.window().provenance()).isEqualTo(Provenance.MANUAL);
        assertThat(five.limitReached().evidenceLabel()).isEqualTo("hand-logged");

        // An official reading newer than a limit message moves the reset too, and the other way round.
        UtilizationSample reading = official("2026-03-01T14:10:00Z", LimitWindow.FIVE_HOUR, 100, "2026-03-01T18:30:00Z");
        WindowStatus official = at("2026-03-01T14:30:00Z", List.of(), List.of(reading), List.of(message)).fiveHour();
        assertThat(official.window().end()).isEqualTo(Instant.parse("2026-03-01T18:30:00Z"));
        assertThat(official.limitReached().evidenceLabel()).isEqualTo("official");
        ErrorEvent later = hit("2026-03-01T14:20:00Z", "2026-03-01T18:24:00Z", UsageSource.CLAUDE_CODE_LOG);
        WindowStatus message2 = at("2026-03-01T14:30:00Z", List.of(), List.of(reading), List.of(later)).fiveHour();
        assertThat(message2.window().end()).isEqualTo(Instant.parse("2026-03-01T18:24:00Z"));
        assertThat(message2.limitReached().evidenceLabel()).isEqualTo("limit message");
    }

    /** The weekly reset follows the newest reading too, not the strongest source. */
    @Test
    void theNewestWeeklyEvidenceGivesTheWeeklyReset() {
        UtilizationSample older = official("2026-03-18T10:00:00Z", LimitWindow.WEEKLY, 20, "2026-03-23T08:00:00Z");
        ErrorEvent newer = new ErrorEvent("w", UsageSource.MANUAL, Instant.parse("2026-03-20T10:00:00Z"),
                ErrorCategory.USAGE_LIMIT, "rate_limit", 429, LimitWindow.WEEKLY, Instant.parse("2026-03-23T09:00:00Z"),
                "limit", null, null, null);
        WindowStatus weekly = at("2026-03-20T11:00:00Z", List.of(), List.of(older), List.of(newer)).weekly();
        assertThat(weekly.window().end()).isEqualTo(Instant.parse("2026-03-23T09:00:00Z"));
    }

    private static String plusDays(String day, int days) {
        return java.time.LocalDate.parse(day).plusDays(days) + "T08:00:00Z";
    }
}
