package io.headroom.domain.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WindowBuilderPropertiesTest {

    static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

    record Case(List<Instant> activity, List<ResetAnchor> anchors) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Instant>> activity = Arbitraries.longs().between(0, 14L * 24 * 3600)
                .map(BASE::plusSeconds).list().ofMaxSize(80);
        return Combinators.combine(activity, anchors(14L * 24 * 60).list().ofMaxSize(8)).as(Case::new);
    }

    /** Resets seen up to 5 hours before them, or never observed (a setting); over {@code spanMinutes}. */
    static Arbitrary<ResetAnchor> anchors(long spanMinutes) {
        return Combinators.combine(
                Arbitraries.longs().between(0, spanMinutes).map(m -> BASE.plusSeconds(m * 60)),
                Arbitraries.of(Provenance.OFFICIAL, Provenance.LIMIT_EVENT, Provenance.MANUAL),
                Arbitraries.longs().between(0, 5 * 60).injectNull(0.2))
                .as((reset, p, before) -> new ResetAnchor(reset, p,
                        before == null ? Instant.MIN : reset.minusSeconds(before * 60)));
    }

    /** Many claims about few windows: overlaps, stale claims and past windows a newer claim must not cut into. */
    @Provide
    Arbitrary<Case> crowded() {
        Arbitrary<List<Instant>> activity = Arbitraries.longs().between(0, 2L * 24 * 3600)
                .map(BASE::plusSeconds).list().ofMaxSize(40);
        return Combinators.combine(activity, anchors(2L * 24 * 60).list().ofMaxSize(10)).as(Case::new);
    }

    @Property
    void crowdedClaimsStillCutTimeIntoDisjointWindowsThatHoldEveryEvent(@ForAll("crowded") Case c) {
        windowsNeverOverlap(c);
        everyEventFallsInExactlyOneWindow(c);
        List<Window> ws = WindowBuilder.fiveHour(c.activity(), c.anchors());
        // The newest claim always stands, with its own reset (it may start later, where a past window ended).
        c.anchors().stream().filter(a -> !a.observedAt().equals(Instant.MIN)).min(ResetAnchor.NEWEST_FIRST)
                .ifPresent(n -> assertThat(ws).anyMatch(w -> w.end().equals(n.resetAt())
                        && w.provenance() == n.provenance()));
    }

    @Property
    void windowsNeverOverlap(@ForAll("cases") Case c) {
        List<Window> ws = WindowBuilder.fiveHour(c.activity(), c.anchors());
        for (int i = 1; i < ws.size(); i++) {
            assertThat(ws.get(i - 1).end()).isBeforeOrEqualTo(ws.get(i).start());
        }
        ws.forEach(w -> assertThat(w.start()).isBefore(w.end()));
        ws.forEach(w -> assertThat(Duration.between(w.start(), w.end())).isLessThanOrEqualTo(Duration.ofHours(5)));
    }

    @Property
    void everyEventFallsInExactlyOneWindow(@ForAll("cases") Case c) {
        List<Window> ws = WindowBuilder.fiveHour(c.activity(), c.anchors());
        for (Instant t : c.activity()) {
            assertThat(ws.stream().filter(w -> w.contains(t)).count()).as("windows containing %s", t).isEqualTo(1);
        }
    }

    @Property
    void anchoringToAnOfficialResetIsExact(@ForAll("cases") Case c) {
        // Claims nobody observed: an official reset then outranks them all.
        List<ResetAnchor> anchors = new ArrayList<>(c.anchors().stream()
                .filter(a -> a.provenance() != Provenance.OFFICIAL)
                .map(a -> new ResetAnchor(a.resetAt(), a.provenance())).toList());
        Instant reset = BASE.plus(Duration.ofDays(7)).plusSeconds(17 * 60);
        anchors.add(new ResetAnchor(reset, Provenance.OFFICIAL));
        List<Window> ws = WindowBuilder.fiveHour(c.activity(), anchors);
        assertThat(ws).contains(new Window(reset.minus(Duration.ofHours(5)), reset, Provenance.OFFICIAL));
    }

    @Property
    void resultDoesNotDependOnImportOrder(@ForAll("cases") Case c, @ForAll long seed) {
        List<Instant> shuffled = new ArrayList<>(c.activity());
        List<ResetAnchor> anchors = new ArrayList<>(c.anchors());
        Collections.shuffle(shuffled, new Random(seed));
        Collections.shuffle(anchors, new Random(seed + 1));
        assertThat(WindowBuilder.fiveHour(shuffled, anchors)).isEqualTo(WindowBuilder.fiveHour(c.activity(), c.anchors()));
    }

    @Property
    void estimatedWindowsStartOnTheHourOrWhereThePreviousEnded(@ForAll("cases") Case c) {
        List<Window> ws = WindowBuilder.fiveHour(c.activity(), List.of());
        for (int i = 0; i < ws.size(); i++) {
            Window w = ws.get(i);
            assertThat(w.estimated()).isTrue();
            assertThat(w.start().getEpochSecond() % 3600 == 0 || (i > 0 && ws.get(i - 1).end().equals(w.start())))
                    .isTrue();
        }
    }
}
