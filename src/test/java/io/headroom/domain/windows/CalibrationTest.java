package io.headroom.domain.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Synthetic history with a hidden limit and noisy official percentages. */
class CalibrationTest {

    static final double HIDDEN_LIMIT = 47.3;

    @RepeatedTest(20)
    void learnedLimitIsWithinFivePercentAfterTenSamples(org.junit.jupiter.api.RepetitionInfo info) {
        Random rnd = new Random(1000 + info.getCurrentRepetition());
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        List<Activity> activities = new ArrayList<>();
        List<UtilizationSample> samples = new ArrayList<>();
        int samplesWritten = 0;
        for (int w = 0; w < 10; w++) {
            Instant ws = start.plus(Duration.ofHours(6L * w));
            Instant reset = ws.plus(Duration.ofHours(5));
            double used = 0;
            for (int m = 5; m < 240; m += 5) {
                double cost = rnd.nextDouble() * 0.8;
                used += cost;
                activities.add(new Activity(ws.plus(Duration.ofMinutes(m)), ModelFamily.OPUS, 1000, 50_000_000, cost, 0));
            }
            Instant obs = ws.plus(Duration.ofMinutes(241));
            // Official figure: true percent with +-1.5 points of noise, two decimals.
            double pct = Math.round((used / HIDDEN_LIMIT * 100 + (rnd.nextDouble() - 0.5) * 3) * 100) / 100.0;
            samples.add(sample(obs, pct, reset));
            samplesWritten++;
            if (w == 3) {
                samples.add(sample(obs.plusSeconds(1), reset.getEpochSecond(), reset)); // epoch leaked into percent
            }
            if (w == 6) {
                samples.add(sample(obs.plusSeconds(2), pct * 3, reset)); // usage elsewhere: an outlier
            }
        }
        assertThat(samplesWritten).isEqualTo(10);
        Instant now = start.plus(Duration.ofDays(3));
        WindowEngine.Result r = WindowEngine.evaluate(new WindowEngine.Inputs(now, activities, samples, List.of(), null,
                WindowEngine.PlanDefaults.none()));
        LimitEstimate limit = r.fiveHour().limit();
        assertThat(limit.method()).isEqualTo(LimitEstimate.Method.OFFICIAL_CALIBRATION);
        assertThat(limit.value()).isCloseTo(HIDDEN_LIMIT, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(limit.samples()).isBetween(9, 11);
    }

    @Test
    void p90AndCatalogAreFallbacks() {
        assertThat(LimitLearner.p90(List.of(1.0, 2.0), List.of())).isEmpty();
        LimitEstimate p = LimitLearner.p90(List.of(10.0, 34.0, 36.0, 5.0, 35.5), List.of(35.0)).orElseThrow();
        assertThat(p.samples()).isEqualTo(3);
        assertThat(p.value()).isBetween(35.5, 36.0);
        List<LimitEstimate> all = LimitLearner.all(List.of(), List.of(), List.of(), List.of(), 18.0, "catalog");
        assertThat(all).singleElement().extracting(LimitEstimate::method).isEqualTo(LimitEstimate.Method.PLAN_CATALOG);
    }

    static UtilizationSample sample(Instant at, double pct, Instant reset) {
        return new UtilizationSample("k" + at, UsageSource.STATUSLINE, Provenance.OFFICIAL, at, LimitWindow.FIVE_HOUR, pct,
                reset, null, null, null);
    }
}
