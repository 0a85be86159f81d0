package io.headroom.store;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.windows.Activity;
import io.headroom.domain.windows.ModelFamily;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the windows engine reads: usage and prompts summed per minute and model (so millions of
 * events become at most a few thousand rows), official samples and limit hits.
 */
public final class WindowQueries {

    static final long MINUTE = 60_000L;

    private final Database database;

    public WindowQueries(Database database) {
        this.database = database;
    }

    /**
     * Activity in [from, to) as one {@link Activity} per minute and model family (prompts per
     * minute). Rows are read in index order and summed here: a GROUP BY on the minute would make
     * SQLite sort through a temporary B-tree, five times slower on a busy history.
     */
    public List<Activity> activities(Instant from, Instant to) {
        String usage = "SELECT ts, model, input_tokens + output_tokens + cache_write_5m + cache_write_1h, cache_read,"
                + " cost_usd FROM usage_event WHERE ts >= ? AND ts < ? ORDER BY ts";
        String prompts = "SELECT ts / " + MINUTE + " AS m, SUM(count) FROM prompt_event WHERE ts >= ? AND ts < ?"
                + " GROUP BY m";
        List<Activity> out = new ArrayList<>();
        Map<String, ModelFamily> families = new HashMap<>();
        try (Connection c = database.openReader()) {
            try (PreparedStatement ps = c.prepareStatement(usage)) {
                UsageQueries.bindRange(ps, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    long minute = Long.MIN_VALUE;
                    long[] tokens = new long[ModelFamily.values().length];
                    long[] reads = new long[tokens.length];
                    double[] cost = new double[tokens.length];
                    boolean[] seen = new boolean[tokens.length];
                    while (rs.next()) {
                        long m = Math.floorDiv(rs.getLong(1), MINUTE);
                        if (m != minute) {
                            flush(out, minute, tokens, reads, cost, seen);
                            minute = m;
                        }
                        int f = families.computeIfAbsent(rs.getString(2), ModelFamily::of).ordinal();
                        tokens[f] += rs.getLong(3);
                        reads[f] += rs.getLong(4);
                        cost[f] += rs.getDouble(5);
                        seen[f] = true;
                    }
                    flush(out, minute, tokens, reads, cost, seen);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(prompts)) {
                UsageQueries.bindRange(ps, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Activity.prompt(Instant.ofEpochMilli(rs.getLong(1) * MINUTE), rs.getLong(2)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read usage: " + e.getMessage(), e);
        }
        return out;
    }

    private static void flush(List<Activity> out, long minute, long[] tokens, long[] reads, double[] cost, boolean[] seen) {
        for (int f = 0; f < seen.length; f++) {
            if (seen[f]) {
                out.add(new Activity(Instant.ofEpochMilli(minute * MINUTE), ModelFamily.values()[f], tokens[f], reads[f],
                        cost[f], 0));
                tokens[f] = 0;
                reads[f] = 0;
                cost[f] = 0;
                seen[f] = false;
            }
        }
    }

    /** API-equivalent cost of usage since {@code from}. */
    public double costSince(Instant from) {
        try (Connection c = database.openReader();
                PreparedStatement ps = c.prepareStatement("SELECT TOTAL(cost_usd) FROM usage_event WHERE ts >= ?")) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.getDouble(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read usage: " + e.getMessage(), e);
        }
    }

    /** Utilization samples of every window observed in [from, to). */
    public List<UtilizationSample> samples(Instant from, Instant to) {
        String sql = "SELECT dedup_key, source, provenance, ts, limit_window, used_percent, resets_at, status,"
                + " session_id, model FROM utilization_sample WHERE ts >= ? AND ts < ? ORDER BY ts";
        List<UtilizationSample> out = new ArrayList<>();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(sql)) {
            UsageQueries.bindRange(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long reset = rs.getLong(7);
                    Instant resetsAt = rs.wasNull() ? null : Instant.ofEpochMilli(reset);
                    out.add(new UtilizationSample(rs.getString(1), UsageSource.fromCode(rs.getString(2)),
                            Provenance.fromCode(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)),
                            LimitWindow.fromCode(rs.getString(5)), rs.getDouble(6), resetsAt, rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read utilization samples: " + e.getMessage(), e);
        }
        return out;
    }

    /** Usage-limit hits in [from, to). */
    public List<ErrorEvent> limitHits(Instant from, Instant to) {
        String sql = "SELECT dedup_key, source, ts, error_type, http_status, limit_window, reset_at, summary, project,"
                + " session_id, request_id FROM error_event WHERE category = ? AND ts >= ? AND ts < ? ORDER BY ts";
        List<ErrorEvent> out = new ArrayList<>();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ErrorCategory.USAGE_LIMIT.code());
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long reset = rs.getLong(7);
                    Instant resetAt = rs.wasNull() ? null : Instant.ofEpochMilli(reset);
                    int status = rs.getInt(5);
                    Integer http = rs.wasNull() ? null : status;
                    String window = rs.getString(6);
                    out.add(new ErrorEvent(rs.getString(1), UsageSource.fromCode(rs.getString(2)),
                            Instant.ofEpochMilli(rs.getLong(3)), ErrorCategory.USAGE_LIMIT, rs.getString(4), http,
                            window == null ? LimitWindow.UNSPECIFIED : LimitWindow.fromCode(window), resetAt,
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read limit hits: " + e.getMessage(), e);
        }
        return out;
    }
}
