package io.headroom.domain.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ActivityIndexPropertiesTest {

    static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

    @Provide
    Arbitrary<List<Activity>> activities() {
        Arbitrary<Activity> a = Combinators.combine(Arbitraries.longs().between(0, 6 * 3600), Arbitraries.of(ModelFamily.values()),
                Arbitraries.longs().between(0, 5000), Arbitraries.integers().between(0, 3))
                .as((s, f, t, p) -> new Activity(BASE.plusSeconds(s), f, t, t * 10, t / 1000.0, p));
        return a.list().ofMaxSize(60);
    }

    @Property
    void indexedMeasuresEqualAPlainPass(@ForAll("activities") List<Activity> acts,
            @ForAll("offsets") long from, @ForAll("offsets") long to) {
        Instant f = BASE.plusSeconds(Math.min(from, to));
        Instant t = BASE.plusSeconds(Math.max(from, to));
        Measures expected = plainPass(acts, f, t);
        Measures actual = ActivityIndex.of(acts).measures(f, t);
        assertThat(actual.tokens()).isEqualTo(expected.tokens());
        assertThat(actual.tokensWithCacheReads()).isEqualTo(expected.tokensWithCacheReads());
        assertThat(actual.prompts()).isEqualTo(expected.prompts());
        assertThat(actual.activeMinutes()).isEqualTo(expected.activeMinutes());
        assertThat(actual.costUsd()).isCloseTo(expected.costUsd(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ActivityIndex.of(acts).between(f, t)).hasSize((int) acts.stream().filter(a -> !a.at().isBefore(f)
                && a.at().isBefore(t)).count());
    }

    /** The obvious computation the index must agree with. */
    static Measures plainPass(List<Activity> acts, Instant from, Instant to) {
        long tokens = 0;
        long reads = 0;
        double cost = 0;
        long prompts = 0;
        java.util.Set<Long> minutes = new java.util.HashSet<>();
        for (Activity a : acts) {
            if (!a.at().isBefore(from) && a.at().isBefore(to)) {
                tokens += a.tokens();
                reads += a.cacheReadTokens();
                cost += a.costUsd();
                prompts += a.prompts();
                minutes.add(Math.floorDiv(a.at().getEpochSecond(), 60));
            }
        }
        return new Measures(tokens, tokens + reads, cost, prompts, minutes.size());
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs().between(-60, 6 * 3600 + 60);
    }
}
