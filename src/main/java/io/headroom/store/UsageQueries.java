package io.headroom.store;

import io.headroom.domain.pricing.EstimatedModel;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.SessionUsage;
import io.headroom.domain.usage.UsageBucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-side queries over usage. Sums happen in SQL; the domain rolls them up by local period. */
public final class UsageQueries {

    /** 15 minutes: the finest step of any UTC offset in use. */
    public static final long BUCKET_MILLIS = 15 * 60 * 1000L;

    private final Database database;

    public UsageQueries(Database database) {
        this.database = database;
    }

    /** Per model and 15-minute bucket, for usage in [from, to); nulls mean unbounded. */
    public List<UsageBucket> buckets(Instant from, Instant to) {
        if (wholeBuckets(from) && wholeBuckets(to)) {
            List<UsageBucket> sums = fromBucketTable(from, to);
            if (sums != null) {
                return sums;
            }
        }
        String sql = "SELECT ts / " + BUCKET_MILLIS + " AS b, model, " + BucketSums.SUMS
                + " FROM usage_event WHERE ts >= ? AND ts < ? GROUP BY b, model ORDER BY b";
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindRange(ps, from, to);
            return readBuckets(ps);
        } catch (SQLException e) {
            throw new StoreException("Cannot read usage: " + e.getMessage(), e);
        }
    }

    /** The same sums from usage_bucket (V007); null when it cannot answer now (see {@link BucketSums#read}). */
    private List<UsageBucket> fromBucketTable(Instant from, Instant to) {
        return BucketSums.read(database, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bucket, model, input_tokens, output_tokens,"
                    + " cache_write_5m, cache_write_1h, cache_read, cost_usd, events FROM usage_bucket"
                    + " WHERE bucket >= ? AND bucket < ? ORDER BY bucket")) {
                ps.setLong(1, from == null ? Long.MIN_VALUE : from.toEpochMilli() / BUCKET_MILLIS);
                ps.setLong(2, to == null ? Long.MAX_VALUE : to.toEpochMilli() / BUCKET_MILLIS);
                return readBuckets(ps);
            }
        });
    }

    private static List<UsageBucket> readBuckets(PreparedStatement ps) throws SQLException {
        List<UsageBucket> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new UsageBucket(Instant.ofEpochMilli(rs.getLong(1) * BUCKET_MILLIS), rs.getString(2),
                        tokens(rs, 3), rs.getDouble(8), rs.getLong(9)));
            }
        }
        return out;
    }

    /**
     * Whether a bound falls between buckets, so the bucket table answers exactly: unbounded, or on
     * a bucket's start after 1970 (SQL's integer division truncates, so a bucket number means the
     * same span of time only for times after the epoch; nothing older is recorded in practice).
     */
    private static boolean wholeBuckets(Instant bound) {
        return bound == null || bound.toEpochMilli() > 0 && bound.toEpochMilli() % BUCKET_MILLIS == 0;
    }

    /** Per session, for sessions with usage in [from, to), most recent first. */
    public List<SessionUsage> sessions(Instant from, Instant to) {
        String sql = "SELECT COALESCE(session_id, '(none)'), MAX(project), model, SUM(input_tokens), SUM(output_tokens),"
                + " SUM(cache_write_5m), SUM(cache_write_1h), SUM(cache_read), SUM(cost_usd), MIN(ts), MAX(ts)"
                + " FROM usage_event WHERE ts >= ? AND ts < ? GROUP BY session_id, model";
        Map<String, SessionAcc> sessions = new LinkedHashMap<>();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindRange(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SessionAcc acc = sessions.computeIfAbsent(rs.getString(1), SessionAcc::new);
                    acc.add(rs.getString(2), new ModelUsage(rs.getString(3), tokens(rs, 4), rs.getDouble(9)),
                            rs.getLong(10), rs.getLong(11));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read sessions: " + e.getMessage(), e);
        }
        return sessions.values().stream().map(SessionAcc::toUsage)
                .sorted(Comparator.comparing(SessionUsage::lastActivity).reversed()).toList();
    }

    /** Models priced by a guess (no exact price row), with the row used and how many calls. */
    public List<EstimatedModel> estimatedModels() {
        String sql = "SELECT model, priced_as, COUNT(*) FROM usage_event WHERE price_estimated = 1"
                + " GROUP BY model, priced_as ORDER BY model";
        List<EstimatedModel> out = new ArrayList<>();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new EstimatedModel(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read models: " + e.getMessage(), e);
        }
        return out;
    }

    /** Every token ever recorded, cache reads included: one pass over the table, no rows to Java. */
    public long totalTokens() {
        String sum = "SELECT COALESCE(SUM(input_tokens + output_tokens + cache_write_5m + cache_write_1h + cache_read), 0) FROM ";
        // from the buckets: 12 ms instead of 220 for a million events (the window asks after each import)
        Long fromBuckets = BucketSums.read(database, c -> scalar(c, sum + "usage_bucket"));
        return fromBuckets != null ? fromBuckets : scalar(sum + "usage_event");
    }

    /** Whether anything was recorded at all (one index probe). */
    public boolean anyUsage() {
        return scalar("SELECT EXISTS (SELECT 1 FROM usage_event)") != 0;
    }

    /**
     * Whether Claude Code recorded anything in [from, to): a response or a prompt in its
     * transcripts, or a reading of its status line.
     */
    public boolean claudeCodeUsed(Instant from, Instant to) {
        String sql = "SELECT EXISTS (SELECT 1 FROM usage_event WHERE ts >= ? AND ts < ? AND source IN (?, ?))"
                + " OR EXISTS (SELECT 1 FROM prompt_event WHERE ts >= ? AND ts < ? AND source = ?)"
                + " OR EXISTS (SELECT 1 FROM utilization_sample WHERE ts >= ? AND ts < ? AND source = ?)";
        String log = io.headroom.domain.UsageSource.CLAUDE_CODE_LOG.code();
        String status = io.headroom.domain.UsageSource.STATUSLINE.code();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            ps.setString(3, log);
            ps.setString(4, status);
            ps.setLong(5, from.toEpochMilli());
            ps.setLong(6, to.toEpochMilli());
            ps.setString(7, log);
            ps.setLong(8, from.toEpochMilli());
            ps.setLong(9, to.toEpochMilli());
            ps.setString(10, status);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) != 0;
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read usage: " + e.getMessage(), e);
        }
    }

    private long scalar(String sql) {
        try (Connection c = database.openReader()) {
            return scalar(c, sql);
        } catch (SQLException e) {
            throw new StoreException("Cannot read usage: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of {@code sql} on {@code c}, 0 without a row. */
    static long scalar(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The remembered import position of every transcript ever read. */
    public Map<String, FileState> fileStates() {
        Map<String, FileState> out = new HashMap<>();
        try (Connection c = database.openReader(); PreparedStatement ps = c.prepareStatement(
                "SELECT path, file_key, size, offset, mtime, head_hash, lines, skipped FROM import_file");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new FileState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getLong(8)));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the import state: " + e.getMessage(), e);
        }
        return out;
    }

    static void bindRange(PreparedStatement ps, Instant from, Instant to) throws SQLException {
        ps.setLong(1, from == null ? Long.MIN_VALUE : from.toEpochMilli());
        ps.setLong(2, to == null ? Long.MAX_VALUE : to.toEpochMilli());
    }

    static TokenCounts tokens(ResultSet rs, int first) throws SQLException {
        return new TokenCounts(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4));
    }

    private static final class SessionAcc {
        final String sessionId;
        String project;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<ModelUsage> models = new ArrayList<>();

        SessionAcc(String sessionId) {
            this.sessionId = sessionId;
        }

        void add(String project, ModelUsage usage, long min, long max) {
            if (project != null) {
                this.project = project;
            }
            models.add(usage);
            first = Math.min(first, min);
            last = Math.max(last, max);
        }

        SessionUsage toUsage() {
            TokenCounts t = TokenCounts.ZERO;
            double cost = 0;
            for (ModelUsage m : models) {
                t = t.plus(m.tokens());
                cost += m.cost();
            }
            List<ModelUsage> sorted = models.stream()
                    .sorted(Comparator.comparingDouble(ModelUsage::cost).reversed().thenComparing(ModelUsage::model))
                    .toList();
            return new SessionUsage(sessionId, project, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), t,
                    cost, sorted);
        }
    }
}
