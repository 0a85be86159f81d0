package io.headroom.domain.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The four rules of README's "What the figures mean", over generated histories that mix Claude
 * Code usage, messages logged by hand, official readings, percentages seen on claude.ai and limit
 * hits with and without a reset.
 */
class WindowRulesPropertiesTest {

    static final Instant BASE = Instant.parse("2026-03-02T00:00:00Z");
    /** A day and a half: several 5-hour windows, each with enough evidence in it, inside one or two weeks. */
    static final int SPAN_MINUTES = 36 * 60;

    record History(List<Activity> activities, List<UtilizationSample> samples, List<ErrorEvent> hits) {
    }

    static Instant minute(int m) {
        return BASE.plusSeconds(60L * m);
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, SPAN_MINUTES);
        Arbitrary<Activity> activity = Combinators.combine(at, Arbitraries.of(ModelFamily.values()),
                Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 4))
                .as((m, family, cents, kind) -> kind == 0 ? Activity.prompt(minute(m), 1)
                        : new Activity(minute(m), family, 1000L * cents + 1, 50_000, cents / 100.0, 1));
        Arbitrary<UtilizationSample> sample = Combinators.combine(at,
                Arbitraries.of(LimitWindow.FIVE_HOUR, LimitWindow.WEEKLY, LimitWindow.WEEKLY_OPUS),
                Arbitraries.integers().between(0, 1100), Arbitraries.of(Provenance.OFFICIAL, Provenance.MANUAL),
                Arbitraries.integers().between(0, 7 * 24 * 60).injectNull(0.3))
                .as((m, w, tenths, p, resetIn) -> new UtilizationSample("s" + m + w + tenths,
                        p == Provenance.OFFICIAL ? UsageSource.STATUSLINE : UsageSource.MANUAL, p, minute(m), w,
                        tenths / 10.0, resetIn == null ? null : minute(m).plusSeconds(60L * reset(w, resetIn)), null,
                        null, null));
        Arbitrary<ErrorEvent> hit = Combinators.combine(at,
                Arbitraries.of(LimitWindow.FIVE_HOUR, LimitWindow.WEEKLY, LimitWindow.UNSPECIFIED),
                Arbitraries.of(UsageSource.CLAUDE_CODE_LOG, UsageSource.MANUAL, UsageSource.PROXY),
                Arbitraries.integers().between(0, 7 * 24 * 60).injectNull(0.3))
                .as((m, w, source, resetIn) -> new ErrorEvent("h" + m + w + source, source, minute(m),
                        ErrorCategory.USAGE_LIMIT, "rate_limit_error", 429, w,
                        resetIn == null ? null : minute(m).plusSeconds(60L * reset(w, resetIn)), "limit", null, null,
                        null));
        return Combinators.combine(activity.list().ofMaxSize(60), sample.list().ofMaxSize(12), hit.list().ofMaxSize(4))
                .as(History::new);
    }

    /** A 5-hour reset lies within 5 hours of its observation, a weekly one within a week. */
    private static int reset(LimitWindow w, int minutes) {
        return w == LimitWindow.FIVE_HOUR ? minutes % (5 * 60 + 1) : minutes;
    }

    static WindowEngine.Result evaluate(History h, Instant now) {
        return WindowEngine.evaluate(new WindowEngine.Inputs(now, h.activities(), h.samples(), h.hits(), null,
                new WindowEngine.PlanDefaults("max5", 35.0, 250.0, List.of(18.0, 35.0, 140.0), "test catalog")));
    }

    private static List<WindowStatus> all(WindowEngine.Result r) {
        List<WindowStatus> out = new ArrayList<>(List.of(r.fiveHour(), r.weekly()));
        out.addAll(r.weeklyByModel());
        return out;
    }

    private static Predicate<ErrorEvent> hitsOf(LimitWindow kind) {
        return kind == LimitWindow.FIVE_HOUR ? WindowEngine::isFiveHour
                : e -> e.limitWindow() == LimitWindow.WEEKLY
                        || (e.limitWindow() == LimitWindow.UNSPECIFIED && !WindowEngine.isFiveHour(e));
    }

    private static Duration length(LimitWindow kind) {
        return kind == LimitWindow.FIVE_HOUR ? WindowBuilder.FIVE_HOURS : WindowBuilder.WEEK;
    }

    private static List<UtilizationSample> readings(History h, WindowStatus st, Instant now) {
        return h.samples().stream().filter(s -> s.window() == st.kind() && !s.observedAt().isAfter(now)
                && ShownPercent.belongs(s, st.window(), length(st.kind()))).toList();
    }

    private static List<ErrorEvent> hits(History h, WindowStatus st, Instant now) {
        return h.hits().stream().filter(hitsOf(st.kind()))
                .filter(e -> !e.timestamp().isAfter(now) && st.window().contains(e.timestamp())).toList();
    }

    private static double usedBetween(History h, Instant from, Instant to) {
        return h.activities().stream().filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to))
                .mapToDouble(Activity::costUsd).sum();
    }

    /** Rule 1: one percent, and the used and limit figures beside it say the same in dollars. */
    @Property(tries = 600)
    void percentUsedAndLimitAgree(@ForAll("histories") History h, @ForAll("minutes") int at) {
        Instant now = minute(at);
        WindowEngine.Result r = evaluate(h, now);
        for (WindowStatus st : all(r)) {
            if (st.usedPercent() == null) {
                // No percent to agree with; a running window without one has no limit either.
                if (st.window() != null) {
                    assertThat(st.limit()).isNull();
                }
                continue;
            }
            double used = st.used().costUsd();
            if (used > 0 && st.usedPercent() > 0) {
                assertThat(st.limit()).as("%s: a limit beside %s used", st.kind(), used).isNotNull();
                assertThat(used / st.limit().value() * 100).as("%s used / limit", st.kind())
                        .isCloseTo(st.usedPercent(), offset(0.5));
            } else if (st.usedPercent() > 0) {
                assertThat(st.limit()).as("%s: no dollar limit beside nothing measured", st.kind()).isNull();
            }
            Forecast f = st.forecast();
            if (f.state() == Forecast.State.WILL_HIT) {
                // The forecast divides by the limit shown: the dollars left at the burn rate.
                double hours = (100 - st.usedPercent()) / 100 * st.limit().value() / f.costPerHour();
                assertThat(Duration.between(now, f.limitAt()).toMillis() / 3_600_000.0).isCloseTo(hours, offset(1e-3));
            }
        }
    }

    /**
     * Rule 1, second half: when an official reading is the newest evidence and nothing in the
     * window holds more, the limit shown is the one it implies and the percent moves on from it.
     */
    @Property(tries = 600)
    void theNewestOfficialReadingGivesTheLimitAndThePercentMovesOnFromIt(@ForAll("histories") History h,
            @ForAll("minutes") int at) {
        Instant now = minute(at);
        WindowEngine.Result r = evaluate(h, now);
        for (WindowStatus st : List.of(r.fiveHour(), r.weekly())) {
            UtilizationSample newest = st.official();
            if (newest == null || newest.provenance() != Provenance.OFFICIAL || !hits(h, st, now).isEmpty()
                    || readings(h, st, now).stream().anyMatch(s -> s.usedPercent() > newest.usedPercent())) {
                continue;
            }
            double atReading = usedBetween(h, st.window().start(), newest.observedAt());
            if (newest.usedPercent() < 1 || atReading <= 0.01) {
                continue;
            }
            Statistics.label("official reading checked").collect(st.kind());
            double implied = atReading / (newest.usedPercent() / 100);
            assertThat(st.usedPercent()).isCloseTo(newest.usedPercent() * st.used().costUsd() / atReading, offset(1e-6));
            assertThat(st.limit().value()).isCloseTo(implied, offset(1e-6 * implied));
        }
        Statistics.label("official reading checked").coverage(c -> {
            c.check(LimitWindow.FIVE_HOUR).count(n -> n >= 3);
            c.check(LimitWindow.WEEKLY).count(n -> n >= 3);
        });
    }

    /**
     * Rule 2: within one window every reading and limit hit is a floor, and between readings the
     * percent never goes down. (A newer reading may correct an extrapolation down, never below a
     * reading or hit already seen.)
     */
    @Property(tries = 600)
    void whatIsShownNeverGoesDownWithinAWindow(@ForAll("histories") History h, @ForAll("minutes") int a,
            @ForAll("later") int later) {
        Instant t1 = minute(a);
        Instant t2 = minute(Math.min(SPAN_MINUTES, a + later));
        WindowEngine.Result r1 = evaluate(h, t1);
        WindowEngine.Result r2 = evaluate(h, t2);
        for (int i = 0; i < 2; i++) {
            WindowStatus s1 = i == 0 ? r1.fiveHour() : r1.weekly();
            WindowStatus s2 = i == 0 ? r2.fiveHour() : r2.weekly();
            if (s2.window() == null) {
                continue;
            }
            for (UtilizationSample s : readings(h, s2, t2)) {
                assertThat(s2.usedPercent()).as("%s floor from %s", s2.kind(), s).isGreaterThanOrEqualTo(s.usedPercent());
            }
            if (!hits(h, s2, t2).isEmpty()) {
                assertThat(s2.usedPercent()).as("%s after a limit hit", s2.kind()).isGreaterThanOrEqualTo(100.0);
            }
            if (s1.window() == null || !s1.window().equals(s2.window()) || s1.usedPercent() == null) {
                continue;
            }
            boolean readBetween = readings(h, s2, t2).stream().anyMatch(s -> s.observedAt().isAfter(t1));

            Statistics.label("same window").collect(s2.kind(), readBetween ? "read between" : "compared",
                    s2.official() == null ? "no reading" : "reading");
            if (!readBetween) {
                assertThat(s2.usedPercent()).as("%s at %s then %s", s2.kind(), t1, t2)
                        .isGreaterThanOrEqualTo(s1.usedPercent() - 1e-9);
            }
        }
        Statistics.label("same window").coverage(c -> {
            c.check(LimitWindow.FIVE_HOUR, "compared", "reading").count(n -> n >= 20);
            c.check(LimitWindow.WEEKLY, "compared", "reading").count(n -> n >= 20);
        });
    }

    /** Rule 3: a limit hit marks the limit reached with its evidence; with nothing measured, no dollar limit. */
    @Property(tries = 600)
    void aLimitHitSaysLimitReachedWithItsEvidence(@ForAll("histories") History h, @ForAll("minutes") int at) {
        Instant now = minute(at);
        WindowEngine.Result r = evaluate(h, now);
        for (WindowStatus st : List.of(r.fiveHour(), r.weekly())) {
            if (st.window() == null) {
                assertThat(st.limitReached()).isNull();
                continue;
            }
            List<LimitReached> evidence = new ArrayList<>();
            hits(h, st, now).forEach(e -> evidence.add(new LimitReached(e.timestamp(),
                    e.source() == UsageSource.MANUAL ? Provenance.MANUAL : Provenance.LIMIT_EVENT)));
            readings(h, st, now).stream().filter(s -> s.usedPercent() >= 100).forEach(s -> evidence.add(
                    new LimitReached(s.observedAt(), s.provenance())));
            if (evidence.isEmpty()) {
                assertThat(st.limitReached()).isNull();
                continue;
            }
            Statistics.label("limit reached").collect(st.kind(), st.used().costUsd() <= 0 ? "nothing measured" : "measured");
            Instant newest = evidence.stream().map(LimitReached::at).max(Comparator.naturalOrder()).orElseThrow();
            assertThat(st.limitReached()).isNotNull();
            assertThat(st.limitReached().at()).isEqualTo(newest);
            assertThat(evidence).contains(st.limitReached());
            assertThat(st.usedPercent()).isGreaterThanOrEqualTo(100.0);
            assertThat(st.forecast().state()).isEqualTo(Forecast.State.LIMIT_REACHED);
            if (st.used().costUsd() <= 0) {
                assertThat(st.reachedWithoutUsage()).isTrue();
                assertThat(st.limit()).isNull();
            }
        }
        Statistics.label("limit reached").coverage(c -> {
            c.check(LimitWindow.FIVE_HOUR, "nothing measured").count(n -> n >= 1);
            c.check(LimitWindow.FIVE_HOUR, "measured").count(n -> n >= 10);
        });
    }

    /** Rule 4: the reset shown is the one the newest evidence gave, whatever its source. */
    @Property(tries = 600)
    void theNewestEvidenceGivesTheReset(@ForAll("histories") History h, @ForAll("minutes") int at) {
        Instant now = minute(at);
        WindowEngine.Result r = evaluate(h, now);
        List<ErrorEvent> seenHits = h.hits().stream().filter(e -> !e.timestamp().isAfter(now)).toList();
        List<UtilizationSample> seen = h.samples().stream().filter(s -> !s.observedAt().isAfter(now)).toList();

        List<ResetAnchor> five = WindowEngine.anchors(seen.stream().filter(s -> s.window() == LimitWindow.FIVE_HOUR)
                .toList(), seenHits.stream().filter(WindowEngine::isFiveHour).toList(), WindowBuilder.FIVE_HOURS);
        five.stream().min(ResetAnchor.NEWEST_FIRST).ifPresent(n -> {
            if (!n.resetAt().minus(WindowBuilder.FIVE_HOURS).isAfter(now) && n.resetAt().isAfter(now)) {
                Statistics.label("reset").collect("5-hour", n.provenance());
                assertThat(r.fiveHour().window().end()).as("5-hour reset from %s", n).isEqualTo(n.resetAt());
                assertThat(r.fiveHour().window().provenance()).isEqualTo(n.provenance());
            }
        });
        List<ResetAnchor> weekly = WindowEngine.anchors(seen.stream().filter(s -> s.window() == LimitWindow.WEEKLY)
                .toList(), seenHits.stream().filter(hitsOf(LimitWindow.WEEKLY)).toList(), WindowBuilder.WEEK);
        weekly.stream().min(ResetAnchor.NEWEST_FIRST).ifPresent(n -> {
            if (n.resetAt().isAfter(now)) {
                Statistics.label("reset").collect("weekly", n.provenance());
                assertThat(r.weekly().window().end()).as("weekly reset from %s", n).isEqualTo(n.resetAt());
            }
        });
        Statistics.label("reset").coverage(c -> {
            for (Provenance p : List.of(Provenance.OFFICIAL, Provenance.LIMIT_EVENT, Provenance.MANUAL)) {
                c.check("5-hour", p).count(n -> n >= 3);
                c.check("weekly", p).count(n -> n >= 3);
            }
        });
    }

    @Provide
    Arbitrary<Integer> minutes() {
        return Arbitraries.integers().between(0, SPAN_MINUTES);
    }

    /** How much later the second look is: mostly inside one 5-hour window. */
    @Provide
    Arbitrary<Integer> later() {
        return Arbitraries.integers().between(0, 6 * 60);
    }
}
