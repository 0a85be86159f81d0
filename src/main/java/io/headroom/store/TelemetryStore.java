package io.headroom.store;

import io.headroom.domain.telemetry.TelemetryEvents;
import io.headroom.domain.telemetry.TokenPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What Claude Code's telemetry brings: its events (through {@link EventStore}'s dedup rules) and
 * its token-usage metric points, written together in one transaction, so an export is either
 * stored whole or, when the store refuses, answered with a retryable status and sent again.
 */
public final class TelemetryStore {

    private static final String DELTA = """
            INSERT OR IGNORE INTO telemetry_token_point (session_id, model, type, start_ms, end_ms, tokens)
            VALUES (?,?,?,?,?,?)
            """;
    private static final String CUMULATIVE = """
            INSERT INTO telemetry_token_point (session_id, model, type, start_ms, end_ms, tokens)
            VALUES (?,?,?,?,?,?)
            ON CONFLICT (session_id, model, type, start_ms) DO UPDATE SET end_ms = excluded.end_ms,
              tokens = excluded.tokens
            WHERE excluded.tokens > telemetry_token_point.tokens
            """;
    private static final String REQUEST = """
            INSERT OR IGNORE INTO telemetry_request (dedup_key, ts, model, status, request_id) VALUES (?,?,?,?,?)
            """;
    private static final String CHECK = """
            SELECT p.session_id, p.tokens,
              (SELECT COALESCE(SUM(u.total_tokens), 0) FROM usage_event u
                WHERE u.ts >= p.first_ms - 3600000 AND u.ts <= p.last_ms + 3600000 AND u.session_id = p.session_id)
            FROM (SELECT session_id, SUM(tokens) AS tokens, MIN(start_ms) AS first_ms, MAX(end_ms) AS last_ms
                  FROM telemetry_token_point GROUP BY session_id HAVING MAX(end_ms) >= ? AND MAX(end_ms) < ?) p
            """;

    /**
     * The metric against the events over sessions whose last point is settled (older than the
     * metric's export interval, so both had time to arrive) and recent.
     *
     * @param sessions       how many sessions were compared
     * @param differing      how many of them disagree
     * @param metricTokens   the metric's tokens over the compared sessions
     * @param eventTokens    the stored events' tokens over the same sessions (any source)
     */
    public record CrossCheck(int sessions, int differing, long metricTokens, long eventTokens) {
    }

    private final Database database;

    public TelemetryStore(Database database) {
        this.database = database;
    }

    public void writeNow(EventBatch events, List<TelemetryEvents.Call> calls, List<TokenPoint> points) {
        database.writer().execute(c -> {
            EventStore.apply(c, events);
            calls(c, calls);
            insert(c, points);
        });
    }

    private static void calls(Connection c, List<TelemetryEvents.Call> calls) throws SQLException {
        if (calls.isEmpty()) {
            return;
        }
        PreparedStatement ps = Statements.prepare(c, REQUEST);
        for (TelemetryEvents.Call call : calls) {
            ps.setString(1, call.key());
            ps.setLong(2, call.at().toEpochMilli());
            ps.setString(3, call.model());
            ps.setInt(4, call.status());
            EventStore.setNullable(ps, 5, call.requestId());
            ps.executeUpdate();
        }
    }

    private static void insert(Connection c, List<TokenPoint> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        PreparedStatement delta = Statements.prepare(c, DELTA);
        PreparedStatement cumulative = Statements.prepare(c, CUMULATIVE);
        for (TokenPoint p : points) {
            PreparedStatement ps = p.cumulative() ? cumulative : delta;
            ps.setString(1, p.sessionId());
            ps.setString(2, p.model());
            ps.setString(3, p.type());
            ps.setLong(4, p.start().toEpochMilli());
            ps.setLong(5, p.end().toEpochMilli());
            ps.setLong(6, p.tokens());
            ps.executeUpdate();
        }
    }

    /** Sessions whose last metric point ended in [settledAfter, settledBefore). */
    public CrossCheck crossCheck(Instant settledAfter, Instant settledBefore) {
        int sessions = 0;
        int differing = 0;
        long metric = 0;
        long events = 0;
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(CHECK)) {
            ps.setLong(1, settledAfter.toEpochMilli());
            ps.setLong(2, settledBefore.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions++;
                    long m = rs.getLong(2);
                    long e = rs.getLong(3);
                    metric += m;
                    events += e;
                    if (m != e) {
                        differing++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot compare the telemetry's metrics with its events: " + e.getMessage(), e);
        }
        return new CrossCheck(sessions, differing, metric, events);
    }
}
