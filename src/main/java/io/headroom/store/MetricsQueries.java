package io.headroom.store;

import io.headroom.domain.metrics.TeamMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The store's cumulative totals for team metrics: every figure from the first row, so a scrape can be repeated. */
public final class MetricsQueries {

    private final Database database;

    public MetricsQueries(Database database) {
        this.database = database;
    }

    /** One row of a result, read into whatever the query collects. */
    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void each(String sql, String what, Row row) {
        try (Connection c = database.openReader()) {
            each(c, sql, row);
        } catch (SQLException e) {
            throw new StoreException("Cannot read " + what + " from " + database.file() + ": " + e.getMessage(), e);
        }
    }

    private static boolean each(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        }
        return true;
    }

    /**
     * As {@link #each}, for a sum over usage that the 15-minute buckets answer as well ({@code %s}
     * is the table): usage_bucket (V007) when it can answer now, else the events.
     */
    private void eachUsage(String sql, String what, Row row) {
        Boolean read = BucketSums.read(database, c -> each(c, String.format(sql, "usage_bucket"), row));
        if (read == null) {
            each(String.format(sql, "usage_event"), what, row);
        }
    }

    /**
     * Sums the 15-minute buckets that writes since the last read left stale, so that reading the
     * totals after this commits nothing (a caller that keeps them until the store's next commit,
     * {@link StoreVersion}, would otherwise read them twice after every write).
     */
    public void settle() {
        BucketSums.read(database, c -> Boolean.TRUE);
    }

    /** Tokens per model and type (input, output, cacheRead, cacheCreation); types with no tokens are left out. */
    public List<TeamMetrics.Tokens> tokens() {
        String[] types = {"input", "output", "cacheRead", "cacheCreation"};
        List<TeamMetrics.Tokens> out = new ArrayList<>();
        // a scrape every 15 s summed every event (0.58 s for a million), from the buckets 0.05 s
        eachUsage("SELECT model, sum(input_tokens), sum(output_tokens), sum(cache_read), "
                + "sum(cache_write_5m + cache_write_1h) FROM %s GROUP BY model ORDER BY model", "token totals", rs -> {
                    for (int i = 0; i < types.length; i++) {
                        long n = rs.getLong(2 + i);
                        if (n > 0) {
                            out.add(new TeamMetrics.Tokens(rs.getString(1), types[i], n));
                        }
                    }
                });
        return out;
    }

    /** API-equivalent cost per model, in USD. */
    public Map<String, Double> costByModel() {
        Map<String, Double> out = new LinkedHashMap<>();
        // the buckets' sums, as the reports add them up: 0.04 s instead of 0.7 s for a million events
        eachUsage("SELECT model, sum(cost_usd) FROM %s GROUP BY model ORDER BY model", "costs",
                rs -> out.put(rs.getString(1), rs.getDouble(2)));
        return out;
    }

    /** API-equivalent cost per project as stored (Claude Code's folder name); calls with no project are left out. */
    public Map<String, Double> costByProject() {
        Map<String, Double> out = new LinkedHashMap<>();
        each("SELECT project, sum(cost_usd) FROM usage_event WHERE project IS NOT NULL GROUP BY project ORDER BY project",
                "costs by project", rs -> out.put(rs.getString(1), rs.getDouble(2)));
        return out;
    }

    /**
     * Calls the recording proxy saw or Claude Code's telemetry reported, per model ("unknown" when
     * the call named none) and HTTP status; a call both saw (the same request id) counts once.
     */
    public List<TeamMetrics.Requests> requests() {
        List<TeamMetrics.Requests> out = new ArrayList<>();
        each("SELECT model, status, count(*) FROM (SELECT coalesce(model, 'unknown') AS model, status FROM proxy_call"
                + " UNION ALL SELECT t.model, t.status FROM telemetry_request t WHERE t.request_id IS NULL OR NOT EXISTS"
                + " (SELECT 1 FROM proxy_call p WHERE p.request_id = t.request_id)) GROUP BY 1, 2 ORDER BY 1, 2",
                "API calls", rs -> out.add(new TeamMetrics.Requests(rs.getString(1), rs.getInt(2), rs.getLong(3))));
        return out;
    }

    /** Usage-limit hits per window ("unknown" when the hit did not say which). */
    public Map<String, Long> limitHits() {
        Map<String, Long> out = new LinkedHashMap<>();
        each("SELECT coalesce(limit_window, 'unknown'), count(*) FROM error_event WHERE category = 'usage_limit' "
                + "GROUP BY 1 ORDER BY 1", "limit hits", rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Each usage-limit hit with its reset, for the blocked time. */
    public List<Instant[]> limitHitIntervals() {
        List<Instant[]> out = new ArrayList<>();
        each("SELECT ts, reset_at FROM error_event WHERE category = 'usage_limit' AND reset_at IS NOT NULL", "limit hits",
                rs -> out.add(new Instant[] {Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2))}));
        return out;
    }

    /** The oldest event in the store, where cumulative totals start; null when there is none. */
    public Instant firstEvent() {
        Instant[] first = {null};
        // Each table's own min(ts) reads one end of its time index; a min over the union scanned both tables.
        each("SELECT min(m) FROM (SELECT min(ts) AS m FROM usage_event UNION ALL SELECT min(ts) FROM error_event)",
                "the first event",
                rs -> {
                    long ts = rs.getLong(1);
                    first[0] = rs.wasNull() ? null : Instant.ofEpochMilli(ts);
                });
        return first[0];
    }

    /** The newest event each source brought (usage, errors, official readings). */
    public Map<String, Instant> lastIngest() {
        Map<String, Instant> out = new LinkedHashMap<>();
        each("SELECT source, max(ts) FROM (SELECT source, ts FROM usage_event UNION ALL SELECT source, ts FROM "
                + "error_event UNION ALL SELECT source, ts FROM utilization_sample) GROUP BY source ORDER BY source",
                "ingest times", rs -> out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
        return out;
    }
}
