package io.headroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.usage.UsageBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * usage_bucket, once read, equals the sums over usage_event it stands for, whatever wrote the
 * events: the store's upserts (a bigger copy of a message replaces a smaller one), its deletes of
 * sidechain and request-only copies, repricing's updates, and any other update or delete (the
 * triggers mark the buckets they touch), also when a first import set the marking aside for a
 * while (BulkLoad). And the reports read the same figures from it as from the events themselves.
 */
class UsageBucketPropertiesTest {

    private static final long DAY0 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    private static final String[] MODELS = {"claude-opus-4-8", "claude-sonnet-4-6", "claude-haiku-4-5"};

    @Property(tries = 25)
    void theBucketTableEqualsTheEventsAfterAnyWrites(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int batches)
            throws Exception {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("buckets");
        try {
            check(random, batches, dir);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void check(Random random, int batches, Path dir) throws Exception {
        try (Database db = Database.open(dir.resolve("headroom.db"))) {
            EventStore store = new EventStore(db);
            // sometimes as a first import that sets the bucket trigger aside (BulkLoad), ended after any batch
            boolean bulk = random.nextInt(3) == 0 && BulkLoad.begin(db);
            int bulkEnds = random.nextInt(batches + 1);
            for (int b = 0; b < batches; b++) {
                if (bulk && b == bulkEnds) {
                    BulkLoad.finish(db);
                    bulk = false;
                }
                List<UsageEvent> events = new ArrayList<>();
                int n = 1 + random.nextInt(40);
                for (int i = 0; i < n; i++) {
                    events.add(event(random));
                }
                store.writeNow(new EventBatch(events, List.of(), List.of(), List.of(), null));
                if (random.nextInt(3) == 0) {
                    db.writer().execute(c -> edit(c, random));
                }
                if (random.nextBoolean()) {
                    // a read in between: the next one sums only the buckets written since
                    new UsageQueries(db).buckets(null, null);
                }
                if (bulk) {
                    // during a bulk load the figures are the events' own
                    assertThat(new UsageQueries(db).totalTokens()).isEqualTo(eventTokens(db));
                }
            }
            if (bulk) {
                BulkLoad.finish(db);
            }
            // a read sums the buckets the writes marked stale again
            UsageQueries queries = new UsageQueries(db);
            queries.buckets(null, null);
            sumStale(db);
            try (Connection c = db.openReader(); Statement s = c.createStatement()) {
                List<Object[]> table = rows(s, "SELECT bucket, model, input_tokens, output_tokens, cache_write_5m,"
                        + " cache_write_1h, cache_read, cost_usd, events FROM usage_bucket ORDER BY bucket, model");
                List<Object[]> events = rows(s, "SELECT ts / 900000, model, SUM(input_tokens), SUM(output_tokens),"
                        + " SUM(cache_write_5m), SUM(cache_write_1h), SUM(cache_read), SUM(cost_usd), COUNT(*)"
                        + " FROM usage_event GROUP BY 1, 2 ORDER BY 1, 2");
                assertSame(table, events);
            }
            // The reports' query: whole buckets from the table, an unaligned range from the events.
            Instant from = Instant.ofEpochMilli(DAY0 + 3_600_000L);
            Instant to = Instant.ofEpochMilli(DAY0 + 3 * 86_400_000L);
            List<UsageBucket> fromTable = queries.buckets(from, to);
            List<UsageBucket> fromEvents = queries.buckets(from.minusMillis(1), to.minusMillis(1));
            assertThat(fromTable).hasSameSizeAs(fromEvents);
            for (int i = 0; i < fromTable.size(); i++) {
                UsageBucket t = fromTable.get(i);
                UsageBucket e = fromEvents.stream().filter(x -> x.start().equals(t.start()) && x.model().equals(t.model()))
                        .findFirst().orElseThrow();
                assertThat(t.tokens()).isEqualTo(e.tokens());
                assertThat(t.cost()).isEqualTo(e.cost());
            }
            // The all-time total and the team metrics' token totals, read from the buckets after more writes.
            db.writer().execute(c -> edit(c, random));
            long total;
            List<String> perModel = new ArrayList<>();
            try (Connection c = db.openReader(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(input_tokens + output_tokens + cache_write_5m"
                        + " + cache_write_1h + cache_read), 0) FROM usage_event")) {
                    total = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT model, SUM(input_tokens), SUM(output_tokens), SUM(cache_read),"
                        + " SUM(cache_write_5m + cache_write_1h) FROM usage_event GROUP BY model ORDER BY model")) {
                    String[] types = {"input", "output", "cacheRead", "cacheCreation"};
                    while (rs.next()) {
                        for (int i = 0; i < types.length; i++) {
                            if (rs.getLong(2 + i) > 0) {
                                perModel.add(rs.getString(1) + " " + types[i] + " " + rs.getLong(2 + i));
                            }
                        }
                    }
                }
            }
            assertThat(queries.totalTokens()).isEqualTo(total);
            // costs per model: the buckets' sums added up, as the reports add them; equal to the events' within rounding
            java.util.Map<String, Double> costs = new MetricsQueries(db).costByModel();
            try (Connection c = db.openReader(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT model, SUM(cost_usd) FROM usage_event GROUP BY model ORDER BY model")) {
                List<String> models = new ArrayList<>();
                while (rs.next()) {
                    models.add(rs.getString(1));
                    assertThat(costs.get(rs.getString(1))).isCloseTo(rs.getDouble(2), org.assertj.core.api.Assertions.within(1e-9));
                }
                assertThat(costs.keySet()).containsExactlyElementsOf(models);
            }
            assertThat(new MetricsQueries(db).tokens()).map(t -> t.model() + " " + t.type() + " " + t.count())
                    .containsExactlyElementsOf(perModel);
        }
    }

    @org.junit.jupiter.api.Test
    void whileTheWriterIsBusyAReadSumsTheEventsItself(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir.resolve("headroom.db"))) {
            List<UsageEvent> events = new ArrayList<>();
            Random random = new Random(7);
            for (int i = 0; i < 20; i++) {
                events.add(event(random));
            }
            new EventStore(db).writeNow(new EventBatch(events, List.of(), List.of(), List.of(), null));
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            var busy = db.writer().submit(c -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // and its queue full, as a big import keeps it: the read must not wait for a place in it
            UsageQueries queries = new UsageQueries(db);
            List<UsageBucket> whileBusy;
            List<java.util.concurrent.CompletableFuture<Void>> queued = new ArrayList<>();
            try {
                while (true) {
                    var f = db.writer().trySubmit(c -> { });
                    if (f.isCompletedExceptionally()) {
                        break;
                    }
                    queued.add(f);
                }
                assertThat(queued).isNotEmpty();
                whileBusy = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(10), () -> queries.buckets(null, null));
            } finally {
                release.countDown();
            }
            busy.join();
            queued.forEach(java.util.concurrent.CompletableFuture::join);
            List<UsageBucket> after = queries.buckets(null, null);
            assertThat(whileBusy).isNotEmpty().isEqualTo(after);
            // the writer is idle again: its turn empties the stale list
            sumStale(db);
            try (Connection c = db.openReader(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM usage_bucket_stale")) {
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void summingStaleBucketsReadsOnlyTheirEvents(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir.resolve("headroom.db")); Connection c = db.openReader();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + BucketSums.RESUM.substring(BucketSums.RESUM.indexOf("SELECT")))) {
            List<String> plan = new ArrayList<>();
            while (rs.next()) {
                plan.add(rs.getString("detail"));
            }
            assertThat(plan).contains("SCAN s").anyMatch(step -> step.startsWith("SEARCH e USING INDEX usage_event_ts"));
        }
    }

    /** As a read does, but insisting: a loaded machine may keep the writer longer than a read waits. */
    private static void sumStale(Database db) {
        boolean summed = false;
        for (int i = 0; i < 20 && !summed; i++) {
            summed = BucketSums.refresh(db);
        }
        assertThat(summed).isTrue();
    }

    private static long eventTokens(Database db) throws SQLException {
        try (Connection c = db.openReader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COALESCE(SUM(input_tokens + output_tokens + cache_write_5m + cache_write_1h + cache_read), 0)"
                        + " FROM usage_event")) {
            return rs.getLong(1);
        }
    }

    /** Keys from a small pool, so copies of one message meet: bigger ones win, sidechain copies give way. */
    private static UsageEvent event(Random random) {
        int message = random.nextInt(30);
        boolean sidechain = random.nextInt(4) == 0;
        String key = "m:msg" + message + "|" + (sidechain ? "side" : "main");
        long ts = DAY0 + random.nextInt(4 * 96) * 900_000L + random.nextInt(900_000);
        TokenCounts tokens = new TokenCounts(random.nextInt(5000), random.nextInt(5000), random.nextInt(3000),
                random.nextInt(3000), random.nextInt(200_000));
        double cost = random.nextInt(1_000_000) / 1e5;
        String model = MODELS[random.nextInt(MODELS.length)];
        return new UsageEvent(key, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, Instant.ofEpochMilli(ts), model,
                tokens, 0, 0, Speed.STANDARD, cost, model, false, "p", "s", "msg" + message, "req" + message, sidechain,
                false);
    }

    /** A write from outside the store: repricing, a moved time, a deleted event. */
    private static void edit(Connection c, Random random) throws SQLException {
        try (Statement s = c.createStatement()) {
            switch (random.nextInt(4)) {
                case 0 -> s.execute("UPDATE usage_event SET cost_usd = cost_usd * 1.25 WHERE id % 2 = 0");
                case 1 -> s.execute("UPDATE usage_event SET ts = ts + 1800000, model = 'claude-opus-4-8' WHERE id % 3 = 0");
                case 2 -> s.execute("DELETE FROM usage_event WHERE id % 5 = " + random.nextInt(5));
                default -> s.execute("UPDATE usage_event SET incomplete = 1, input_tokens = input_tokens + 7 WHERE id % 4 = 1");
            }
        }
    }

    private static List<Object[]> rows(Statement s, String sql) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object[] row = new Object[9];
                for (int i = 0; i < 9; i++) {
                    row[i] = i == 1 ? rs.getString(i + 1) : i == 7 ? (Object) rs.getDouble(i + 1) : (Object) rs.getLong(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static void assertSame(List<Object[]> table, List<Object[]> events) {
        assertThat(table).hasSameSizeAs(events);
        for (int r = 0; r < table.size(); r++) {
            Object[] t = table.get(r);
            Object[] e = events.get(r);
            for (int i = 0; i < 9; i++) {
                // costs too: summed from the events in the same order, to the last bit
                assertThat(t[i]).as("column %d of row %d", i, r).isEqualTo(e[i]);
            }
        }
    }
}
