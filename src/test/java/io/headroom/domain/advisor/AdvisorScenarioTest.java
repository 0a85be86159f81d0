package io.headroom.domain.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.windows.ModelFamily;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import io.headroom.testing.SimulatedUser;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvisorScenarioTest {

    /**
     * A developer on Pro works 09:00-17:00 on weekdays at 1.5 cents a minute, and on Tuesdays
     * twice as hard: at noon the 5-hour limit stops them until 14:00 and they start again at 14:00.
     * Three hours at 3 cents a minute = $5.40 at each hit, so Pro's limit is $5.40 and each hit
     * blocks 2 hours of working time: 2 h/week.
     */
    static AdvisorFixtures blockedTwoHoursAWeek() {
        AdvisorFixtures f = new AdvisorFixtures();
        for (LocalDate d = AdvisorFixtures.START; d.isBefore(AdvisorFixtures.START.plusDays(28)); d = d.plusDays(1)) {
            if (!AdvisorFixtures.weekday(d)) {
                continue;
            }
            if (d.getDayOfWeek() == DayOfWeek.TUESDAY) {
                f.work(d, 9, 12, 0.03, ModelFamily.SONNET).work(d, 14, 17, 0.015, ModelFamily.SONNET);
                f.hit(d.atTime(12, 0).toInstant(ZoneOffset.UTC), d.atTime(14, 0).toInstant(ZoneOffset.UTC),
                        LimitWindow.FIVE_HOUR);
            } else {
                f.work(d, 9, 17, 0.015, ModelFamily.SONNET);
            }
        }
        return f;
    }

    @Test
    void developerWorth150AnHourLosingTwoHoursAWeekUpgradesToMax5() {
        AdvisorResult r = Advisor.advise(blockedTwoHoursAWeek().inputs("pro"), 150.0);

        assertThat(r.replay().blocked()).hasSize(4).allMatch(BlockedInterval::resumed);
        assertThat(r.replay().observedBlockedHoursPerWeek()).isCloseTo(2.0, within(1e-9));
        assertThat(r.replay().basis().fiveHourUsdPerUnit()).isCloseTo(5.40, within(1e-9));
        AdvisorResult.Option pro = r.option("pro");
        assertThat(pro.replay().blockedHoursPerWeek()).isCloseTo(2.0, within(1e-9));
        assertThat(pro.replay().limitHitsPerWeek()).isCloseTo(1.0, within(1e-9));
        // 2 h/week x $150 x 365.25/12/7 weeks/month = $1,304.46 (the "about $1,200" uses 4 weeks/month).
        assertThat(pro.limitTaxUsdMonthly()).isCloseTo(1304.46, within(0.01));
        assertThat(pro.totalUsdMonthly()).isCloseTo(1324.46, within(0.01));
        assertThat(pro.limitTaxUsdMonthly()).isGreaterThan(200 - 20);
        assertThat(r.option("max5").replay().blockedHoursPerWeek()).isZero();
        assertThat(r.option("max5").totalUsdMonthly()).isEqualTo(100.0);
        assertThat(r.option("max20").totalUsdMonthly()).isEqualTo(200.0);
        assertThat(r.recommendation()).isEqualTo("max5");
        // Max 5x costs $80 more and saves 2 h x 4.348 = 8.696 h a month: $9.20/h.
        assertThat(r.option("max5").breakEvenHourlyUsd()).isCloseTo(80 / (2 * Advisor.WEEKS_PER_MONTH), within(1e-9));
        assertThat(r.option("max5").breakEven()).isEqualTo("above");
        assertThat(r.option("max20").breakEvenHourlyUsd()).isCloseTo(180 / (2 * Advisor.WEEKS_PER_MONTH), within(1e-9));
        assertThat(r.option("free").replay().feasible()).isFalse();
        assertThat(r.option("team-premium").replay().feasible()).isFalse();
        assertThat(r.sensitivity()).extracting(AdvisorResult.Sensitivity::optionId).containsExactly("pro", "max5");
        assertThat(r.sensitivity().get(0).toUsd()).isCloseTo(9.1991, within(1e-4));
        assertThat(String.join("\n", r.sentences()))
                .contains("you hit a limit 4 time(s)")
                .contains("limit tax of $1,304/month on Pro (2.0 h/week x $150 x 4.348 weeks/month)")
                .contains("Max 5x is cheapest in total: $100 price + $0 limit tax = $100/month, against $1,324/month on Pro")
                .contains("Max 5x pays for itself if your time is worth more than $9.20/h")
                .contains("below $9.20/h Pro; from $9.20/h Max 5x")
                .contains("Confidence: high (20 active day(s) in 28 days of history, 0 official usage sample(s), 4 limit hit(s) seen)");
        assertThat(r.hourlyValueAssumed()).isFalse();
    }

    @Test
    void theSameDeveloperAtFiveDollarsAnHourStaysOnPro() {
        AdvisorResult r = Advisor.advise(blockedTwoHoursAWeek().inputs("pro"), 5.0);
        assertThat(r.recommendation()).isEqualTo("pro");
        assertThat(r.option("pro").totalUsdMonthly()).isCloseTo(20 + 2 * 5 * Advisor.WEEKS_PER_MONTH, within(1e-9));
        assertThat(String.join("\n", r.sentences())).contains("Staying on Pro is cheapest")
                .contains("Max 5x would pay for itself only if your time were worth more than $9.20/h");
    }

    @Test
    void aLightUserStaysOnProAtAnyHourlyValue() {
        AdvisorFixtures f = new AdvisorFixtures();
        for (LocalDate d = AdvisorFixtures.START; d.isBefore(AdvisorFixtures.START.plusDays(28)); d = d.plusDays(1)) {
            if (AdvisorFixtures.weekday(d)) {
                f.work(d, 10, 12, 0.01, ModelFamily.SONNET);
            }
        }
        for (double hourly : new double[] {0, 50, 150, 1000}) {
            AdvisorResult r = Advisor.advise(f.inputs("pro"), hourly);
            assertThat(r.recommendation()).as("at $%s/h", hourly).isEqualTo("pro");
            assertThat(r.option("pro").replay().blockedHoursPerWeek()).isZero();
            assertThat(r.option("pro").totalUsdMonthly()).isEqualTo(20.0);
        }
        AdvisorResult r = Advisor.advise(f.inputs("pro"), null);
        assertThat(r.hourlyValueUsd()).isEqualTo(Advisor.DEFAULT_HOURLY_VALUE_USD);
        assertThat(r.hourlyValueAssumed()).isTrue();
        assertThat(String.join("\n", r.sentences())).contains("you never hit a limit")
                .contains("$50/h (assumed: no hourly value is set")
                .contains("Staying on Pro is cheapest: $20 price + $0 limit tax = $20/month, against $100 for Max 5x");
        // No limit hit and no official data: Pro's catalog default ($18) stands, above the largest window ($1.20).
        assertThat(r.replay().basis().fiveHourUsdPerUnit()).isEqualTo(18.0);
    }

    @Test
    void aHitTheUserDidNotComeBackFromIsNotBlockedTime() {
        AdvisorFixtures f = new AdvisorFixtures();
        LocalDate tue = AdvisorFixtures.START.plusDays(1);
        for (LocalDate d = AdvisorFixtures.START; d.isBefore(AdvisorFixtures.START.plusDays(28)); d = d.plusDays(1)) {
            if (AdvisorFixtures.weekday(d)) {
                f.work(d, 9, 17, 0.01, ModelFamily.SONNET);
            }
        }
        // Back 61 minutes after the reset: they were not waiting for it.
        f.activities.removeIf(a -> a.at().atZone(ZoneOffset.UTC).toLocalDate().equals(tue));
        f.work(tue, 9, 12, 0.01, ModelFamily.SONNET).work(tue, 15, 17, 0.01, ModelFamily.SONNET);
        f.activities.removeIf(a -> a.at().isBefore(tue.atTime(15, 1).toInstant(ZoneOffset.UTC))
                && !a.at().isBefore(tue.atTime(15, 0).toInstant(ZoneOffset.UTC)));
        f.hit(tue.atTime(12, 0).toInstant(ZoneOffset.UTC), tue.atTime(14, 0).toInstant(ZoneOffset.UTC), LimitWindow.FIVE_HOUR);
        Replay r = Replay.of(f.inputs("pro"));
        assertThat(r.blocked()).singleElement().satisfies(b -> {
            assertThat(b.resumed()).isFalse();
            assertThat(b.blockedHours()).isZero();
        });
    }

    @Test
    void blockedTimeOutsideUsualWorkingHoursDoesNotCount() {
        AdvisorFixtures f = new AdvisorFixtures();
        for (LocalDate d = AdvisorFixtures.START; d.isBefore(AdvisorFixtures.START.plusDays(28)); d = d.plusDays(1)) {
            if (AdvisorFixtures.weekday(d)) {
                f.work(d, 9, 17, 0.01, ModelFamily.SONNET);
            }
        }
        LocalDate wed = AdvisorFixtures.START.plusDays(2);
        // Hit at 16:00, reset at 21:00, back at 21:10: only 16:00-17:00 is a usual working hour.
        f.hit(wed.atTime(16, 0).toInstant(ZoneOffset.UTC), wed.atTime(21, 0).toInstant(ZoneOffset.UTC), LimitWindow.FIVE_HOUR);
        f.work(wed, 21, 22, 0.01, ModelFamily.SONNET);
        f.activities.removeIf(a -> a.at().atZone(ZoneOffset.UTC).toLocalDate().equals(wed) && a.at().atZone(ZoneOffset.UTC)
                .getHour() == 16);
        Replay r = Replay.of(f.inputs("pro"));
        assertThat(r.workingHours().describe()).isEqualTo("weekdays 09:00-17:00; weekends none");
        assertThat(r.workingHours().hoursPerWeek()).isEqualTo(40);
        assertThat(r.blocked()).singleElement().satisfies(b -> {
            assertThat(b.resumed()).isTrue();
            assertThat(b.blockedHours()).isEqualTo(1.0);
        });
    }

    @Test
    void anOfficialHundredPercentReadingCountsAsALimitHit() {
        AdvisorFixtures f = new AdvisorFixtures();
        for (LocalDate d = AdvisorFixtures.START; d.isBefore(AdvisorFixtures.START.plusDays(28)); d = d.plusDays(1)) {
            if (d.equals(AdvisorFixtures.START)) {
                f.work(d, 9, 12, 0.01, ModelFamily.SONNET).work(d, 14, 17, 0.01, ModelFamily.SONNET);
            } else if (AdvisorFixtures.weekday(d)) {
                f.work(d, 9, 17, 0.01, ModelFamily.SONNET);
            }
        }
        Instant at = AdvisorFixtures.START.atTime(12, 0).toInstant(ZoneOffset.UTC);
        var sample = new io.headroom.domain.UtilizationSample("s", io.headroom.domain.UsageSource.STATUSLINE,
                io.headroom.domain.Provenance.OFFICIAL, at, LimitWindow.FIVE_HOUR, 100.0, at.plusSeconds(7200), null, "s", null);
        AdvisorInputs in = new AdvisorInputs(AdvisorFixtures.FROM, AdvisorFixtures.TO, AdvisorFixtures.UTC, f.activities,
                java.util.List.of(), java.util.List.of(sample), AdvisorInputs.UsageStats.none(), AdvisorFixtures.catalog(),
                "pro", false);
        Replay r = Replay.of(in);
        assertThat(r.blocked()).singleElement().satisfies(b -> {
            assertThat(b.source()).isEqualTo("official 100%");
            assertThat(b.blockedHours()).isEqualTo(2.0);
        });
        assertThat(r.officialSamples()).isEqualTo(1);
        // 3 hours at 1 cent a minute is 100%: the 5-hour limit is $1.80.
        assertThat(r.basis().fiveHourUsdPerUnit()).isCloseTo(1.80, within(1e-9));
    }

    @Test
    void heavyOpusUseOnProIsToldToOptimiseBeforeUpgradingWhenThatIsCheaper() {
        AdvisorFixtures f = blockedTwoHoursAWeek();
        // Every minute is Opus, and the stats say so: moving half of it to Sonnet saves 100% x 0.5 x 0.4 = 20%.
        f.activities.replaceAll(a -> new io.headroom.domain.windows.Activity(a.at(), ModelFamily.OPUS, a.tokens(), 0,
                a.costUsd(), 0));
        AdvisorInputs base = f.inputs("pro");
        AdvisorInputs in = new AdvisorInputs(base.from(), base.to(), base.zone(), base.activities(), base.limitHits(),
                base.samples(), new AdvisorInputs.UsageStats(100, 100, 0, 900, 10, 100, 100, 0.6), base.catalog(), "pro", false);
        // With 20% less cost per hour, Pro's $5.40 buys 3 / 0.8 = 3.75 h of Tuesday's 5: 1.25 h/week blocked.
        Replay replay = Replay.of(in);
        assertThat(replay.optimisations()).extracting(Replay.Optimisation::id).containsExactly("opus");
        assertThat(replay.optimisations().get(0).saving()).isCloseTo(0.2, within(1e-9));
        assertThat(replay.optimisations().get(0).blockedHoursPerWeekAfter()).isCloseTo(1.25, within(1e-9));
        // At $10/h: Pro optimised = 20 + 1.25 x 10 x 4.348 = $74.35 < Max 5x's $100.
        AdvisorResult cheap = Advisor.decide(replay, 10.0);
        assertThat(cheap.recommendation()).isEqualTo("pro");
        assertThat(cheap.optimiseFirst()).isTrue();
        assertThat(String.join("\n", cheap.sentences())).contains("Optimise before upgrading: Opus made 100% of your usage");
        // At $150/h the remaining 1.25 h cost $815: upgrading wins.
        AdvisorResult dear = Advisor.decide(replay, 150.0);
        assertThat(dear.recommendation()).isEqualTo("max5");
        assertThat(dear.optimiseFirst()).isFalse();
        assertThat(String.join("\n", dear.sentences())).contains("Also worth doing: Opus made 100% of your usage");
    }

    /** The generated Pro history: a $5 limit that strays up to 20% from window to window. */
    static AdvisorInputs generatedPro(String declared) {
        SimulatedUser u = SimulatedUser.simulate(1, 5.0, null, 0.2, 0.012);
        return new AdvisorInputs(SimulatedUser.FROM, SimulatedUser.TO, AdvisorFixtures.UTC, u.activities, u.hits, List.of(),
                AdvisorInputs.UsageStats.none(), AdvisorFixtures.catalog(), declared, false);
    }

    @Test
    void theReplayOfTheCurrentPlanSaysWhatWasMeasuredOnAGeneratedHistory() {
        AdvisorResult r = Advisor.advise(generatedPro("pro"), 100.0);
        // Nine hits in four weeks, 5.95 hours of working time lost: 2.25 hits and 1.49 h a week.
        assertThat(r.replay().blocked()).hasSize(9);
        assertThat(r.replay().observedBlockedHoursPerWeek()).isCloseTo(1.49, within(0.005));
        OptionReplay pro = r.option("pro").replay();
        assertThat(pro.limitHitsPerWeek()).isCloseTo(2.25, within(1e-9));
        assertThat(pro.blockedHoursPerWeek()).isCloseTo(r.replay().observedBlockedHoursPerWeek(), within(1e-9));
        assertThat(r.option("pro").limitTaxUsdMonthly())
                .isCloseTo(r.replay().observedBlockedHoursPerWeek() * 100 * Advisor.WEEKS_PER_MONTH, within(1e-6));
        // A bigger plan is never worse off, and Max 20x has four times Max 5x's room.
        assertThat(r.option("max5").replay().blockedHoursPerWeek()).isLessThan(pro.blockedHoursPerWeek());
        assertThat(r.option("max20").replay().blockedHoursPerWeek())
                .isLessThanOrEqualTo(r.option("max5").replay().blockedHoursPerWeek());
    }

    @Test
    void aLimitHitTheUserDidNotWaitForStillCountsAsAHitOnTheirPlan() {
        AdvisorFixtures f = new AdvisorFixtures();
        LocalDate tue = AdvisorFixtures.START.plusDays(1);
        for (LocalDate d = AdvisorFixtures.START; d.isBefore(AdvisorFixtures.START.plusDays(28)); d = d.plusDays(1)) {
            if (d.equals(tue)) {
                f.work(d, 9, 12, 0.01, ModelFamily.SONNET).work(d, 16, 17, 0.01, ModelFamily.SONNET);
            } else if (AdvisorFixtures.weekday(d)) {
                f.work(d, 9, 17, 0.01, ModelFamily.SONNET);
            }
        }
        f.hit(tue.atTime(12, 0).toInstant(ZoneOffset.UTC), tue.atTime(14, 0).toInstant(ZoneOffset.UTC), LimitWindow.FIVE_HOUR);
        AdvisorResult r = Advisor.advise(f.inputs("pro"), 50.0);
        assertThat(r.replay().blocked()).singleElement().satisfies(b -> assertThat(b.resumed()).isFalse());
        assertThat(String.join("\n", r.sentences())).contains("you hit a limit 1 time(s)");
        // One hit in four weeks: 0.25 a week on Pro, as the sentence says, and no blocked time.
        assertThat(r.option("pro").replay().limitHitsPerWeek()).isCloseTo(0.25, within(1e-9));
        assertThat(r.option("pro").replay().blockedHoursPerWeek()).isZero();
        assertThat(r.option("max5").replay().limitHitsPerWeek()).isZero();
    }

    @Test
    void whenTheVerdictDependsOnTheDeclaredPlanTheExplanationSaysHow() {
        AdvisorResult asPro = Advisor.advise(generatedPro("pro"), 100.0);
        AdvisorResult asMax5 = Advisor.advise(generatedPro("max5"), 100.0);
        assertThat(asPro.recommendation()).isEqualTo("max5");
        assertThat(asMax5.recommendation()).isEqualTo("max20");
        assertThat(String.join("\n", asPro.sentences()))
                .contains("This advice rests on your plan being Pro: your limits were measured on it and the other plans "
                        + "scaled from them by their usage multiples")
                .contains("had the same history been on Max 5x, the advice would be Max 20x");
        assertThat(String.join("\n", asMax5.sentences()))
                .contains("This advice rests on your plan being Max 5x")
                .contains("had the same history been on Pro, the advice would be Max 5x");
        // Both replays of the plan the user is on say the same measured thing.
        assertThat(asMax5.option("max5").replay().blockedHoursPerWeek())
                .isCloseTo(asPro.option("pro").replay().blockedHoursPerWeek(), within(1e-9));
    }

    @Test
    void fewerThanSevenActiveDaysRecommendNothingAndSaySo() {
        AdvisorFixtures f = new AdvisorFixtures();
        for (LocalDate d = AdvisorFixtures.START; d.isBefore(AdvisorFixtures.START.plusDays(6)); d = d.plusDays(1)) {
            f.work(d, 9, 17, 0.05, ModelFamily.SONNET);
        }
        AdvisorResult r = Advisor.advise(f.inputs("pro"), 150.0);
        assertThat(r.recommendation()).isNull();
        assertThat(r.sentences()).contains("Too little history to advise: 6 active day(s) in the 28 days from 2026-11-02 "
                + "to 2026-11-29; the advice needs at least 7.");
    }

    @Test
    void noUsageAtAllRecommendsNothingRatherThanFree() {
        AdvisorResult r = Advisor.advise(new AdvisorFixtures().inputs("pro"), null);
        assertThat(r.recommendation()).isNull();
        assertThat(r.sentences()).contains("Too little history to advise: no usage at all in the 28 days from 2026-11-02 "
                + "to 2026-11-29.");
        assertThat(r.options()).noneMatch(o -> "always".equals(o.breakEven()));
    }

    @Test
    void withNoPlanSetItAsksForOneAndCallsNoOptionCurrent() {
        AdvisorResult r = Advisor.advise(blockedTwoHoursAWeek().inputs(null), 150.0);
        assertThat(r.recommendation()).isNull();
        assertThat(r.currentPlanId()).isNull();
        assertThat(r.options()).noneMatch(o -> "current".equals(o.breakEven()));
        assertThat(r.sentences()).contains("Which plan are you on? Your limits are measured on it and scaled to the "
                + "other plans, so the advice needs it.");
    }

    @Test
    void theSentencesNeverTellAPersonToTypeACommand() {
        for (AdvisorResult r : List.of(Advisor.advise(blockedTwoHoursAWeek().inputs("pro"), null),
                Advisor.advise(blockedTwoHoursAWeek().inputs(null), null), Advisor.advise(generatedPro("max5"), null))) {
            assertThat(r.sentences()).noneMatch(s -> s.contains("--") || s.contains("headroom "));
        }
        assertThat(String.join("\n", Advisor.advise(blockedTwoHoursAWeek().inputs("pro"), null).sentences()))
                .contains("$50/h (assumed: no hourly value is set)");
    }
}
