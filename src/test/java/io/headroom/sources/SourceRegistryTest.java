package io.headroom.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.store.Database;
import io.headroom.store.SourceMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over a real store: intervals hold across processes, a failing source stops nothing else. */
class SourceRegistryTest {

    private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");

    @TempDir
    Path tmp;

    /** Counts its reads; waits its interval; can be told to fail or to ask for a Retry-After. */
    private static final class Counting implements Source {
        final String id;
        final Duration interval;
        final AtomicInteger reads = new AtomicInteger();
        volatile RuntimeException failWith;
        volatile Duration retryAfter;

        Counting(String id, Duration interval) {
            this.id = id;
            this.interval = interval;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return id;
        }

        @Override
        public String description() {
            return "a test source";
        }

        @Override
        public List<String> lookedAt() {
            return List.of("nowhere");
        }

        @Override
        public Duration minInterval() {
            return interval;
        }

        @Override
        public SourceStatus read(ReadRequest request, SourceStatus previous) {
            int n = reads.incrementAndGet();
            if (failWith != null) {
                throw failWith;
            }
            SourceStatus s = SourceStatus.read("read " + n, request.now(), null);
            return retryAfter == null ? s : s.withNotBefore(request.now().plus(retryAfter));
        }
    }

    @Test
    void aSourceWithAnIntervalIsAskedOncePerIntervalAcrossProcesses() {
        try (Database db = Database.open(tmp.resolve("headroom.db"))) {
            Counting inA = new Counting("endpoint", Duration.ofMinutes(5));
            Counting inB = new Counting("endpoint", Duration.ofMinutes(5));
            SourceRegistry a = new SourceRegistry(List.of(inA), () -> new SourceMemory(db));
            SourceRegistry b = new SourceRegistry(List.of(inB), () -> new SourceMemory(db));

            a.readAll(ReadRequest.at(T0, ZoneOffset.UTC));
            List<SourceRegistry.Entry> seenByB = b.readAll(ReadRequest.at(T0.plusSeconds(60), ZoneOffset.UTC));
            a.readAll(ReadRequest.at(T0.plusSeconds(299), ZoneOffset.UTC));
            assertThat(inA.reads.get() + inB.reads.get()).isEqualTo(1);
            assertThat(seenByB.get(0).status().lastRead()).isEqualTo("read 1");
            assertThat(seenByB.get(0).nextReadAt()).isEqualTo(T0.plusSeconds(300));

            b.readAll(ReadRequest.at(T0.plusSeconds(300), ZoneOffset.UTC));
            assertThat(inB.reads.get()).isEqualTo(1);
            a.readAll(ReadRequest.at(T0.plusSeconds(400), ZoneOffset.UTC));
            assertThat(inA.reads.get()).isEqualTo(1);
            assertThat(a.list().get(0).status().lastRead()).isEqualTo("read 1");
            assertThat(a.list().get(0).nextReadAt()).isEqualTo(T0.plusSeconds(600));
        }
    }

    @Test
    void aServersRetryAfterPushesTheNextReadBeyondTheInterval() {
        try (Database db = Database.open(tmp.resolve("headroom.db"))) {
            Counting s = new Counting("endpoint", Duration.ofMinutes(5));
            s.retryAfter = Duration.ofMinutes(30);
            SourceRegistry r = new SourceRegistry(List.of(s), () -> new SourceMemory(db));
            r.readAll(ReadRequest.at(T0, ZoneOffset.UTC));
            r.readAll(ReadRequest.at(T0.plusSeconds(29 * 60), ZoneOffset.UTC));
            assertThat(s.reads.get()).isEqualTo(1);
            assertThat(r.list().get(0).nextReadAt()).isEqualTo(T0.plusSeconds(30 * 60));
            s.retryAfter = null;
            r.readAll(ReadRequest.at(T0.plusSeconds(30 * 60), ZoneOffset.UTC));
            assertThat(s.reads.get()).isEqualTo(2);
        }
    }

    @Test
    void aFailingSourceIsAnErrorWithItsProblemAndTheOthersAreStillRead() {
        try (Database db = Database.open(tmp.resolve("headroom.db"))) {
            Counting broken = new Counting("broken", Duration.ZERO);
            Counting fine = new Counting("fine", Duration.ZERO);
            SourceRegistry r = new SourceRegistry(List.of(broken, fine), () -> new SourceMemory(db));
            r.readAll(ReadRequest.at(T0, ZoneOffset.UTC));
            broken.failWith = new IllegalStateException("disk on fire");
            List<SourceRegistry.Entry> entries = r.readAll(ReadRequest.at(T0.plusSeconds(5), ZoneOffset.UTC));

            assertThat(entries.get(0).status()).isEqualTo(new SourceStatus(SourceState.ERROR, "read 1", T0,
                    T0.plusSeconds(5), null, "Reading failed: disk on fire", null));
            assertThat(entries.get(1).status().lastRead()).isEqualTo("read 2");
            // and another process sees the problem
            SourceRegistry other = new SourceRegistry(List.of(new Counting("broken", Duration.ZERO),
                    new Counting("fine", Duration.ZERO)), () -> new SourceMemory(db));
            assertThat(other.list()).extracting(e -> e.status().state(), e -> e.status().problem()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(SourceState.ERROR, "Reading failed: disk on fire"),
                    org.assertj.core.groups.Tuple.tuple(SourceState.ON, null));
        }
    }

    @Test
    void aStoreThatCannotBeOpenedDoesNotStopReading() {
        Counting s = new Counting("fine", Duration.ZERO);
        SourceRegistry r = new SourceRegistry(List.of(s), () -> {
            throw new io.headroom.store.StoreException("locked", null);
        });
        List<SourceRegistry.Entry> entries = new ArrayList<>(r.readAll(ReadRequest.at(T0, ZoneOffset.UTC)));
        assertThat(entries.get(0).status().lastRead()).isEqualTo("read 1");
        assertThat(r.list().get(0).status().lastRead()).isEqualTo("read 1");
    }

    /** Two stores on one file are two processes to SQLite: two connections, two writers. */
    @Test
    void twoProcessesAskingAtTheSameInstantAskOnceBetweenThem() throws Exception {
        Path file = tmp.resolve("headroom.db");
        try (Database first = Database.open(file); Database second = Database.open(file)) {
            Counting inA = new Counting("endpoint", Duration.ofMinutes(5));
            Counting inB = new Counting("endpoint", Duration.ofMinutes(5));
            SourceRegistry a = new SourceRegistry(List.of(inA), () -> new SourceMemory(first));
            SourceRegistry b = new SourceRegistry(List.of(inB), () -> new SourceMemory(second));
            int rounds = 20;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Runnable[] sides = new Runnable[2];
            SourceRegistry[] both = {a, b};
            for (int side = 0; side < 2; side++) {
                SourceRegistry r = both[side];
                sides[side] = () -> {
                    try {
                        for (int i = 0; i < rounds; i++) {
                            together.await();
                            // both ask at the same instant, and again a second later
                            Instant at = T0.plus(Duration.ofMinutes(5L * i));
                            r.readAll(ReadRequest.at(at, ZoneOffset.UTC));
                            r.readAll(ReadRequest.at(at.plusSeconds(1), ZoneOffset.UTC));
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add(e);
                    }
                };
            }
            Thread ta = new Thread(sides[0], "process-a");
            Thread tb = new Thread(sides[1], "process-b");
            ta.start();
            tb.start();
            ta.join(60_000);
            tb.join(60_000);
            assertThat(failures).isEmpty();
            assertThat(inA.reads.get() + inB.reads.get()).isEqualTo(rounds);
        }
    }
}
