package io.headroom.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.headroom.config.Json;
import io.headroom.domain.ProxyCall;
import io.headroom.domain.UtilizationSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls recorded by the proxy. A call and the events derived from it (usage, error, official
 * samples) are written in one transaction; every statement is keyed, so writing the same calls
 * again (a journal replay) changes nothing.
 */
public final class ProxyCallStore {

    private static final String INSERT = """
            INSERT OR IGNORE INTO proxy_call (call_id, ts, method, path, model, stream, status, error_type, error_code,
              latency_ms, ttfb_ms, request_id, message_id, key_fingerprint, auth_kind, user_agent, x_app, session_id,
              speed, has_usage, input_tokens, output_tokens, cache_write_5m, cache_write_1h, cache_read,
              web_search_requests, web_fetch_requests, ratelimit_headers, incomplete)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """;
    private static final String SELECT = """
            SELECT call_id, ts, method, path, model, stream, status, error_type, error_code, latency_ms, ttfb_ms,
              request_id, message_id, key_fingerprint, auth_kind, user_agent, x_app, session_id, speed, has_usage,
              input_tokens, output_tokens, cache_write_5m, cache_write_1h, cache_read, web_search_requests,
              web_fetch_requests, ratelimit_headers, incomplete
            FROM proxy_call WHERE ts >= ? AND ts < ? ORDER BY ts, id
            """;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };
    private static final ObjectWriter COMPACT = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Database database;

    public ProxyCallStore(Database database) {
        this.database = database;
    }

    /** Writes and waits; throws StoreException if the store cannot take them now. */
    public void writeNow(List<ProxyCall> calls, EventBatch events, List<UtilizationSample> samples) {
        database.writer().execute(c -> {
            insert(c, calls);
            EventStore.apply(c, events);
            if (!samples.isEmpty()) {
                SampleStore.insert(c, samples);
            }
        });
    }

    private static void insert(Connection c, List<ProxyCall> calls) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (ProxyCall p : calls) {
                int i = 1;
                ps.setString(i++, p.callId());
                ps.setLong(i++, p.startedAtMs());
                ps.setString(i++, p.method());
                ps.setString(i++, p.path());
                EventStore.setNullable(ps, i++, p.model());
                ps.setInt(i++, p.stream() ? 1 : 0);
                ps.setInt(i++, p.status());
                EventStore.setNullable(ps, i++, p.errorType());
                EventStore.setNullable(ps, i++, p.errorCode());
                ps.setDouble(i++, p.latencyMs());
                ps.setDouble(i++, p.ttfbMs());
                EventStore.setNullable(ps, i++, p.requestId());
                EventStore.setNullable(ps, i++, p.messageId());
                EventStore.setNullable(ps, i++, p.keyFingerprint());
                EventStore.setNullable(ps, i++, p.authKind());
                EventStore.setNullable(ps, i++, p.userAgent());
                EventStore.setNullable(ps, i++, p.xApp());
                EventStore.setNullable(ps, i++, p.sessionId());
                EventStore.setNullable(ps, i++, p.speed());
                ProxyCall.Usage u = p.usage();
                ps.setInt(i++, u == null ? 0 : 1);
                ps.setLong(i++, u == null ? 0 : u.input());
                ps.setLong(i++, u == null ? 0 : u.output());
                ps.setLong(i++, u == null ? 0 : u.cacheWrite5m());
                ps.setLong(i++, u == null ? 0 : u.cacheWrite1h());
                ps.setLong(i++, u == null ? 0 : u.cacheRead());
                ps.setInt(i++, u == null ? 0 : u.webSearchRequests());
                ps.setInt(i++, u == null ? 0 : u.webFetchRequests());
                try {
                    ps.setString(i++, COMPACT.writeValueAsString(p.rateLimitHeaders()));
                } catch (JsonProcessingException e) {
                    throw new SQLException("cannot encode headers", e);
                }
                ps.setInt(i, p.incomplete() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Calls that started in [from, to), oldest first. */
    public List<ProxyCall> calls(Instant from, Instant to) {
        List<ProxyCall> out = new ArrayList<>();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ProxyCall.Usage usage = rs.getInt(20) == 0 ? null
                            : new ProxyCall.Usage(rs.getLong(21), rs.getLong(22), rs.getLong(23), rs.getLong(24),
                                    rs.getLong(25), rs.getInt(26), rs.getInt(27));
                    String h = rs.getString(28);
                    Map<String, String> headers = h == null ? Map.of() : Json.mapper().readValue(h, HEADERS);
                    out.add(new ProxyCall(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6) == 1, rs.getInt(7), rs.getString(8), rs.getString(9),
                            rs.getDouble(10), rs.getDouble(11), rs.getString(12), rs.getString(13), rs.getString(14),
                            rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                            usage, headers, rs.getInt(29) == 1));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("Cannot read proxy calls: " + e.getMessage(), e);
        }
        return out;
    }
}
