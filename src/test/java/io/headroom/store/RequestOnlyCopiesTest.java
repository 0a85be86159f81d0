package io.headroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call Claude Code's telemetry knows only by its request id counts once with the transcript's
 * copy, which knows the message id too: whether the two arrive in one batch or in two, in either
 * order. (The writer looks for such copies only while one is stored: a shortcut these cases pin.)
 */
class RequestOnlyCopiesTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path tmp;

    private static UsageEvent telemetry(String request) {
        return event(UsageEvent.dedupKey(null, request, "otel-" + request), UsageSource.OTEL, null, request, 900);
    }

    private static UsageEvent transcript(String message, String request) {
        return event(UsageEvent.dedupKey(message, request, "line"), UsageSource.CLAUDE_CODE_LOG, message, request, 1_000);
    }

    private static UsageEvent event(String key, UsageSource source, String message, String request, long input) {
        return new UsageEvent(key, source, Provenance.MEASURED, AT, "claude-opus-4-8", new TokenCounts(input, 10, 0, 0, 0),
                0, 0, Speed.STANDARD, input / 1000.0, "claude-opus-4-8", false, "p", "s", message, request, false, false);
    }

    private static void write(Database db, UsageEvent... events) {
        new EventStore(db).writeNow(new EventBatch(List.of(events), List.of(), List.of(), List.of(), null));
    }

    private static List<String> keys(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT dedup_key FROM usage_event ORDER BY dedup_key")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void theTelemetrysCopyGivesWayToTheTranscriptsInOneBatch() throws Exception {
        try (Database db = Database.open(tmp.resolve("one.db"))) {
            write(db, transcript("msg_0", "req_0"), telemetry("req_1"), transcript("msg_1", "req_1"));
            assertThat(keys(db)).containsExactly("m:msg_0|r:req_0", "m:msg_1|r:req_1");
        }
    }

    @Test
    void theTelemetrysCopyGivesWayToTheTranscriptsInALaterBatch() throws Exception {
        try (Database db = Database.open(tmp.resolve("two.db"))) {
            write(db, telemetry("req_1"), telemetry("req_2"));
            write(db, transcript("msg_0", "req_0"));
            write(db, transcript("msg_1", "req_1"));
            assertThat(keys(db)).containsExactly("l:otel-req_2", "m:msg_0|r:req_0", "m:msg_1|r:req_1");
        }
    }

    @Test
    void aTelemetryCopyOfACallAlreadyStoredIsNotAdded() throws Exception {
        try (Database db = Database.open(tmp.resolve("late.db"))) {
            write(db, transcript("msg_1", "req_1"));
            write(db, telemetry("req_1"), telemetry("req_3"));
            assertThat(keys(db)).containsExactly("l:otel-req_3", "m:msg_1|r:req_1");
        }
    }
}
