package io.headroom.store;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Official utilization samples: written by the statusLine hook, the proxy and manual logging. */
public final class SampleStore {

    private static final String INSERT = """
            INSERT OR IGNORE INTO utilization_sample (dedup_key, source, provenance, ts, limit_window, used_percent,
              resets_at, status, session_id, model)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """;

    private final Database database;

    public SampleStore(Database database) {
        this.database = database;
    }

    public CompletableFuture<Void> write(List<UtilizationSample> samples) {
        return database.writer().submit(c -> insert(c, samples));
    }

    public void writeNow(List<UtilizationSample> samples) {
        database.writer().execute(c -> insert(c, samples));
    }

    static void insert(Connection c, List<UtilizationSample> samples) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (UtilizationSample s : samples) {
                ps.setString(1, s.dedupKey());
                ps.setString(2, s.source().code());
                ps.setString(3, s.provenance().code());
                ps.setLong(4, s.observedAt().toEpochMilli());
                ps.setString(5, s.window().code());
                ps.setDouble(6, s.usedPercent());
                if (s.resetsAt() == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setLong(7, s.resetsAt().toEpochMilli());
                }
                EventStore.setNullable(ps, 8, s.status());
                EventStore.setNullable(ps, 9, s.sessionId());
                EventStore.setNullable(ps, 10, s.model());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Samples of one window observed in [from, to), oldest first; nulls mean unbounded. */
    public List<UtilizationSample> samples(LimitWindow window, Instant from, Instant to) {
        String sql = "SELECT dedup_key, source, provenance, ts, used_percent, resets_at, status, session_id, model"
                + " FROM utilization_sample WHERE limit_window = ? AND ts >= ? AND ts < ? ORDER BY ts";
        List<UtilizationSample> out = new ArrayList<>();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, window.code());
            ps.setLong(2, from == null ? Long.MIN_VALUE : from.toEpochMilli());
            ps.setLong(3, to == null ? Long.MAX_VALUE : to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long reset = rs.getLong(6);
                    Instant resetsAt = rs.wasNull() ? null : Instant.ofEpochMilli(reset);
                    out.add(new UtilizationSample(rs.getString(1), UsageSource.fromCode(rs.getString(2)),
                            Provenance.fromCode(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)), window,
                            rs.getDouble(5), resetsAt, rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read utilization samples: " + e.getMessage(), e);
        }
        return out;
    }
}
