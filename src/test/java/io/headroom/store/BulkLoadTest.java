package io.headroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.usage.UsageBucket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkLoadTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void aFirstLoadSetsTheTimeIndexesAndTheBucketTriggerAsideAndBuildsThemAgainAsTheyWere(@TempDir Path dir)
            throws Exception {
        try (Database db = Database.open(dir.resolve("headroom.db"))) {
            Map<String, String> before = schemaObjects(db);
            assertThat(before).containsKeys(BulkLoad.SET_ASIDE.toArray(String[]::new));

            assertThat(BulkLoad.begin(db)).isTrue();
            assertThat(schemaObjects(db)).doesNotContainKeys(BulkLoad.SET_ASIDE.toArray(String[]::new))
                    .containsKeys("usage_bucket_remove", "usage_bucket_change", "usage_event_request_only");
            new EventStore(db).writeNow(batch(0, 40));

            BulkLoad.finish(db);
            assertThat(schemaObjects(db)).isEqualTo(before);
            assertThat(metaKeys(db)).noneMatch(k -> k.startsWith(BulkLoad.OWNER_KEY));
            assertThat(bucketTable(db)).isEqualTo(eventSums(db)).hasSize(10);
        }
    }

    @Test
    void aStoreThatHoldsUsageIsWrittenTheUsualWay(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir.resolve("headroom.db"))) {
            new EventStore(db).writeNow(batch(0, 1));
            Map<String, String> before = schemaObjects(db);
            assertThat(BulkLoad.begin(db)).isFalse();
            assertThat(schemaObjects(db)).isEqualTo(before);
        }
    }

    @Test
    void duringALoadEveryReadSumsTheEventsThemselves(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir.resolve("headroom.db"))) {
            UsageQueries queries = new UsageQueries(db);
            assertThat(BulkLoad.begin(db)).isTrue();
            new EventStore(db).writeNow(batch(0, 12));
            List<UsageBucket> first = queries.buckets(null, null);
            assertThat(first).hasSize(3);
            assertThat(queries.totalTokens()).isEqualTo(12 * 1_111L);
            new EventStore(db).writeNow(batch(12, 12));
            assertThat(queries.buckets(null, null)).hasSize(6);
            assertThat(queries.totalTokens()).isEqualTo(24 * 1_111L);
            // the table itself was not kept during the load
            assertThat(bucketTable(db)).isEmpty();
            BulkLoad.finish(db);
            assertThat(queries.buckets(null, null)).hasSize(6);
            assertThat(queries.totalTokens()).isEqualTo(24 * 1_111L);
        }
    }

    @Test
    void aLoadWhoseProcessHasGoneIsFinishedByTheNextOpen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("headroom.db");
        Map<String, String> before;
        try (Database db = Database.open(file)) {
            before = schemaObjects(db);
            assertThat(BulkLoad.begin(db)).isTrue();
            new EventStore(db).writeNow(batch(0, 8));
            // as if this process had been killed mid-import: another process's id owns the load
            db.writer().execute(c -> Meta.put(c, BulkLoad.OWNER_KEY, "999999999@1"));
        }
        try (Database db = Database.open(file)) {
            assertThat(schemaObjects(db)).isEqualTo(before);
            assertThat(bucketTable(db)).isEqualTo(eventSums(db)).hasSize(2);
            assertThat(metaKeys(db)).noneMatch(k -> k.startsWith(BulkLoad.OWNER_KEY));
        }
    }

    @Test
    void aLoadThisProcessStartedAndNoLongerRunsIsFinishedByItsNextImport(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir.resolve("headroom.db"))) {
            Map<String, String> before = schemaObjects(db);
            assertThat(BulkLoad.begin(db)).isTrue();
            new EventStore(db).writeNow(batch(0, 4));
            // the load's end never ran (its transaction failed): this process's owner mark stays behind
            BulkLoad.forget(db);
            assertThat(BulkLoad.begin(db)).isFalse(); // the store holds usage now: written the usual way
            assertThat(schemaObjects(db)).isEqualTo(before);
            assertThat(bucketTable(db)).isEqualTo(eventSums(db));
        }
    }

    @Test
    void aLoadAnotherLiveProcessRunsIsLeftAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("headroom.db");
        try (Database db = Database.open(file)) {
            assertThat(BulkLoad.begin(db)).isTrue();
            String parent = ProcessHandle.current().parent().map(BulkLoadTest::owner).orElseThrow();
            db.writer().execute(c -> Meta.put(c, BulkLoad.OWNER_KEY, parent));
            BulkLoad.forget(db);
        }
        try (Database db = Database.open(file)) {
            assertThat(schemaObjects(db)).doesNotContainKeys(BulkLoad.SET_ASIDE.toArray(String[]::new));
            assertThat(BulkLoad.begin(db)).isFalse();
            new EventStore(db).writeNow(batch(0, 4));
            assertThat(new UsageQueries(db).totalTokens()).isEqualTo(4 * 1_111L);
            BulkLoad.finish(db); // as the other process does when its import ends
            assertThat(bucketTable(db)).isEqualTo(eventSums(db)).hasSize(1);
        }
    }

    private static String owner(ProcessHandle p) {
        return p.pid() + "@" + p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** {@code n} events from the {@code first}th on, four to a 15-minute bucket, 1,111 tokens each. */
    static EventBatch batch(int first, int n) {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            Instant at = T0.plusSeconds(i / 4 * 900L + i % 4);
            events.add(new UsageEvent("m:msg" + i + "|r:req" + i, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, at,
                    "claude-sonnet-4-6", new TokenCounts(1, 10, 100, 0, 1000), 0, 0, Speed.STANDARD, 0.01 * (i + 1),
                    "claude-sonnet-4-6", false, "p", "s", "msg" + i, "req" + i, false, false));
        }
        return new EventBatch(events, List.of(), List.of(), List.of(), null);
    }

    private static Map<String, String> schemaObjects(Database db) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.openReader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static List<String> metaKeys(Database db) throws SQLException {
        return strings(db, "SELECT key FROM meta");
    }

    private static List<String> bucketTable(Database db) throws SQLException {
        return strings(db, "SELECT bucket || ' ' || model || ' ' || input_tokens || ' ' || output_tokens || ' '"
                + " || cache_read || ' ' || cost_usd || ' ' || events FROM usage_bucket ORDER BY bucket, model");
    }

    private static List<String> eventSums(Database db) throws SQLException {
        return strings(db, "SELECT (ts / 900000) || ' ' || model || ' ' || SUM(input_tokens) || ' ' || SUM(output_tokens)"
                + " || ' ' || SUM(cache_read) || ' ' || SUM(cost_usd) || ' ' || COUNT(*) FROM usage_event"
                + " GROUP BY ts / 900000, model ORDER BY ts / 900000, model");
    }

    private static List<String> strings(Database db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.openReader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
