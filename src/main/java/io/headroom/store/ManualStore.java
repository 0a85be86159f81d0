package io.headroom.store;

import io.headroom.domain.manual.ManualEntry;
import io.headroom.domain.ErrorCategory;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the user logs by hand (claude.ai chats leave no local record): messages in prompt_event,
 * limit hits in error_event, percentages in utilization_sample, all with source "manual". Each
 * row is shown with an id that says its table: m12 (message), h3 (limit hit), u7 (utilization).
 */
public final class ManualStore {

    private final Database database;

    public ManualStore(Database database) {
        this.database = database;
    }

    public String addMessages(Instant at, int count, String model) {
        return "m" + insert("INSERT INTO prompt_event (dedup_key, source, ts, count, project, session_id, model)"
                + " VALUES (?,?,?,?,?,NULL,?)", ps -> {
                    ps.setString(1, key());
                    ps.setString(2, UsageSource.MANUAL.code());
                    ps.setLong(3, at.toEpochMilli());
                    ps.setInt(4, count);
                    ps.setString(5, "claude.ai");
                    EventStore.setNullable(ps, 6, model);
                });
    }

    public String addLimitHit(Instant at, LimitWindow window, Instant resetAt) {
        return "h" + insert("INSERT INTO error_event (dedup_key, source, ts, category, error_type, limit_window, reset_at,"
                + " summary) VALUES (?,?,?,?,?,?,?,?)", ps -> {
                    ps.setString(1, key());
                    ps.setString(2, UsageSource.MANUAL.code());
                    ps.setLong(3, at.toEpochMilli());
                    ps.setString(4, ErrorCategory.USAGE_LIMIT.code());
                    ps.setString(5, "manual");
                    ps.setString(6, window.code());
                    ps.setLong(7, resetAt.toEpochMilli());
                    ps.setString(8, "limit hit logged by hand");
                });
    }

    /** Writes the samples (their dedup keys are replaced by fresh ones) in one transaction; returns their ids. */
    public List<String> addUtilization(List<UtilizationSample> samples) {
        List<String> ids = new ArrayList<>();
        database.writer().execute(c -> {
            for (UtilizationSample s : samples) {
                UtilizationSample keyed = new UtilizationSample(key(), s.source(), s.provenance(), s.observedAt(), s.window(),
                        s.usedPercent(), s.resetsAt(), s.status(), s.sessionId(), s.model());
                SampleStore.insert(c, List.of(keyed));
                ids.add("u" + lastId(c));
            }
        });
        return ids;
    }

    public List<ManualEntry> list(Instant from) {
        List<ManualEntry> out = new ArrayList<>();
        try (Connection c = database.openReader()) {
            query(c, "SELECT id, ts, count, project, model FROM prompt_event WHERE source = 'manual' AND ts >= ?", from, rs ->
                    out.add(new ManualEntry("m" + rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), "message",
                            rs.getInt(3) + " message(s)" + (rs.getString(4) == null ? "" : " on " + rs.getString(4))
                                    + (rs.getString(5) == null ? "" : " (" + rs.getString(5) + ")"),
                            (double) rs.getInt(3), null, null, rs.getString(5))));
            query(c, "SELECT id, ts, limit_window, reset_at FROM error_event WHERE source = 'manual' AND ts >= ?", from, rs ->
                    out.add(new ManualEntry("h" + rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), "limit-hit",
                            rs.getString(3) + " limit, resets " + Instant.ofEpochMilli(rs.getLong(4)), null,
                            rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), null)));
            query(c, "SELECT id, ts, limit_window, used_percent, resets_at FROM utilization_sample WHERE source = 'manual'"
                    + " AND ts >= ?", from, rs -> {
                        long reset = rs.getLong(5);
                        boolean noReset = rs.wasNull();
                        out.add(new ManualEntry("u" + rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), "utilization",
                                String.format(Locale.ROOT, "%s %.1f%%", rs.getString(3), rs.getDouble(4))
                                        + (noReset ? "" : ", resets " + Instant.ofEpochMilli(reset)),
                                rs.getDouble(4), rs.getString(3), noReset ? null : Instant.ofEpochMilli(reset), null));
                    });
        } catch (SQLException e) {
            throw new StoreException("Cannot read the manual log: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ManualEntry::at).thenComparing(ManualEntry::id));
        return out;
    }

    /** Deletes one manual row by its shown id; false when there is none (rows from other sources are never deleted). */
    public boolean delete(String id) {
        Target target = Target.of(id);
        if (target == null) {
            return false;
        }
        return change("DELETE FROM " + target.table + " WHERE id = ? AND source = 'manual'", ps -> ps.setLong(1, target.rowId));
    }

    /**
     * Changes one manual row in place: its time, and its count (message), reset (limit hit) or
     * percentage (utilization). False when there is no such row.
     *
     * @param value the new count or percentage; ignored for a limit hit
     * @param resetAt the new reset of a limit hit; ignored otherwise
     */
    public boolean update(String id, Instant at, Double value, Instant resetAt) {
        Target target = Target.of(id);
        if (target == null) {
            return false;
        }
        String set = switch (target.table) {
            case "prompt_event" -> "count = ?";
            case "error_event" -> "reset_at = ?";
            default -> "used_percent = ?";
        };
        return change("UPDATE " + target.table + " SET ts = ?, " + set + " WHERE id = ? AND source = 'manual'", ps -> {
            ps.setLong(1, at.toEpochMilli());
            switch (target.table) {
                case "prompt_event" -> ps.setInt(2, (int) Math.round(value));
                case "error_event" -> ps.setLong(2, resetAt.toEpochMilli());
                default -> ps.setDouble(2, value);
            }
            ps.setLong(3, target.rowId);
        });
    }

    /** The table and row an id like m12, h3 or u7 names; null when it names none. */
    private record Target(String table, long rowId) {
        static Target of(String id) {
            if (id == null || id.length() < 2) {
                return null;
            }
            String table = switch (Character.toLowerCase(id.charAt(0))) {
                case 'm' -> "prompt_event";
                case 'h' -> "error_event";
                case 'u' -> "utilization_sample";
                default -> null;
            };
            try {
                return table == null ? null : new Target(table, Long.parseLong(id.substring(1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private boolean change(String sql, Binder binder) {
        AtomicLong changed = new AtomicLong();
        database.writer().execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                changed.set(ps.executeUpdate());
            }
        });
        return changed.get() > 0;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private long insert(String sql, Binder binder) {
        AtomicLong id = new AtomicLong();
        database.writer().execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
            }
            id.set(lastId(c));
        });
        return id.get();
    }

    private static long lastId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            return rs.getLong(1);
        }
    }

    private static void query(Connection c, String sql, Instant from, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private static String key() {
        return "manual:" + UUID.randomUUID();
    }
}
