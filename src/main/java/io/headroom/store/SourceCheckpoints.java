package io.headroom.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * What a throttled source last did, shared by every Headroom process on the machine through the
 * database: when it may be asked next, its state and problem, when it last asked and last read,
 * and what it is blocked on. Kept as rows of {@code meta} ({@code source.<id>.<field>}), so a
 * source needs no schema of its own.
 *
 * <p>Each call opens its own connection and takes SQLite's write lock before it reads
 * ({@code BEGIN IMMEDIATE}), so of two processes claiming at once one wins and the other sees the
 * winner's claim: an endpoint shared with Claude Code is never asked twice inside its budget.
 */
public final class SourceCheckpoints {

    /**
     * @param nextAskAt  the earliest instant anyone may ask, or null (never asked)
     * @param state      the source's own state code, or null
     * @param problem    the last problem in words (never a secret), or null
     * @param askedAt    when a process last asked, or null
     * @param readAt     when a reading was last stored, or null
     * @param blockedBy  a fingerprint of what made asking pointless (a rejected login), or null
     */
    public record Checkpoint(Instant nextAskAt, String state, String problem, Instant askedAt, Instant readAt,
            String blockedBy) {
        public static final Checkpoint NONE = new Checkpoint(null, null, null, null, null, null);
    }

    private static final String[] FIELDS = {"next_ask_at", "state", "problem", "asked_at", "read_at", "blocked_by"};

    private final Database database;

    public SourceCheckpoints(Database database) {
        this.database = database;
    }

    public Checkpoint read(String source) {
        try (Connection c = database.openReader()) {
            return read(c, source);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the state of " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the right to ask now when nobody may be waited for ({@code nextAskAt} absent or not after
     * {@code now}), moving {@code nextAskAt} to {@code until} and {@code askedAt} to {@code now} in
     * the same transaction. Returns the checkpoint as claimed, or null when another claim stands or
     * the database stays locked (then nobody asks this time, which is the safe side).
     */
    public Checkpoint claim(String source, Instant now, Instant until) {
        try (Connection c = Database.connect(database.file(), false)) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                Checkpoint current = read(c, source);
                if (current.nextAskAt() != null && current.nextAskAt().isAfter(now)) {
                    rollback(c);
                    return null;
                }
                Checkpoint claimed = new Checkpoint(until, current.state(), current.problem(), now, current.readAt(),
                        current.blockedBy());
                write(c, source, claimed);
                try (Statement s = c.createStatement()) {
                    s.execute("COMMIT");
                }
                return claimed;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                return null;
            }
            throw new StoreException("Cannot claim " + source + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                return null;
            }
            throw e;
        }
    }

    /** Replaces the whole checkpoint (the outcome of an ask, a switch, a changed login). */
    public void record(String source, Checkpoint checkpoint) {
        try (Connection c = Database.connect(database.file(), false)) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                write(c, source, checkpoint);
                try (Statement s = c.createStatement()) {
                    s.execute("COMMIT");
                }
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(StoreWriter.describe(e), e);
        }
    }

    private static Checkpoint read(Connection c, String source) throws SQLException {
        String prefix = "source." + source + ".";
        return new Checkpoint(instant(Meta.get(c, prefix + FIELDS[0])), Meta.get(c, prefix + FIELDS[1]),
                Meta.get(c, prefix + FIELDS[2]), instant(Meta.get(c, prefix + FIELDS[3])),
                instant(Meta.get(c, prefix + FIELDS[4])), Meta.get(c, prefix + FIELDS[5]));
    }

    private static void write(Connection c, String source, Checkpoint k) throws SQLException {
        String prefix = "source." + source + ".";
        String[] values = {millis(k.nextAskAt()), k.state(), k.problem(), millis(k.askedAt()), millis(k.readAt()),
                k.blockedBy()};
        for (int i = 0; i < FIELDS.length; i++) {
            if (values[i] == null) {
                try (var ps = c.prepareStatement("DELETE FROM meta WHERE key = ?")) {
                    ps.setString(1, prefix + FIELDS[i]);
                    ps.executeUpdate();
                }
            } else {
                Meta.put(c, prefix + FIELDS[i], values[i]);
            }
        }
    }

    private static Instant instant(String millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static String millis(Instant at) {
        return at == null ? null : Long.toString(at.toEpochMilli());
    }

    private static void rollback(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // Nothing was written, or the connection is going away with it.
        }
    }
}
