package io.headroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A first import into a store without usage keeps the time indexes and the trigger that marks
 * buckets aside while it writes, and builds them once at the end: maintained row by row they cost
 * about a tenth of a first import of 510 MB (bench/import.sh), built at the end, a few hundredths.
 *
 * <p>While one runs, usage_bucket is not kept up to date, so {@link BucketSums#read} sends every
 * reader to the events themselves: the figures any view shows stay the events' figures throughout.
 * The set-aside objects' own SQL is kept in meta (so it is always what the migrations made, never
 * a copy that could differ), with the owning process; a load whose process has gone (killed, power
 * lost) is finished by the next open or import, and finishing early is always safe.
 */
public final class BulkLoad {

    /** Below this much to read, dropping and building the indexes again costs more than keeping them. */
    public static final long MIN_BYTES = 32L << 20;

    /** The schema that has what a bulk load sets aside (usage_bucket and its trigger). */
    static final int SINCE_SCHEMA = 7;
    static final String OWNER_KEY = "bulk_load";
    static final String SQL_KEY_PREFIX = "bulk_load:";
    /** The meta keys that hold set-aside SQL, as a LIKE pattern ('_' escaped: unescaped it matches any character). */
    private static final String SQL_KEYS_LIKE = SQL_KEY_PREFIX.replace("_", "\\_") + "%";
    /** Maintained per row and needed by no write of the import itself (the dedup keys' index stays). */
    static final List<String> SET_ASIDE = List.of("usage_event_ts", "prompt_event_ts", "error_event_ts", "usage_bucket_add");

    /** The stores this process runs a bulk load on (by file); a load owned by this process but not here is abandoned. */
    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

    private BulkLoad() {
    }

    /** Starts a bulk load if the store holds no usage and no other process runs one; whether it did. */
    public static boolean begin(Database database) {
        AtomicBoolean begun = new AtomicBoolean();
        String file = database.file().toString();
        database.writer().execute(c -> {
            finishAbandoned(c, file);
            if (Meta.get(c, OWNER_KEY) != null || UsageQueries.scalar(c, "SELECT EXISTS (SELECT 1 FROM usage_event)") == 1) {
                return;
            }
            setAside(c);
            Meta.put(c, OWNER_KEY, thisProcess());
            begun.set(true);
        });
        if (begun.get()) {
            RUNNING.add(file);
        }
        return begun.get();
    }

    /** Builds what {@link #begin} set aside and sums every bucket once. */
    public static void finish(Database database) {
        try {
            database.writer().execute(BulkLoad::restore);
        } finally {
            forget(database);
        }
    }

    /** This process runs no load on the store any more (a load whose end failed is then finished by the next import). */
    static void forget(Database database) {
        RUNNING.remove(database.file().toString());
    }

    /** Finishes a load whose process has gone, or one this process started and no longer runs. */
    static void finishAbandoned(Connection c, String file) throws SQLException {
        String owner = Meta.get(c, OWNER_KEY);
        if (owner != null && !(running(owner) && (!owner.equals(thisProcess()) || RUNNING.contains(file)))) {
            restore(c);
        }
    }

    private static void setAside(Connection c) throws SQLException {
        Map<String, String[]> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT type, sql FROM sqlite_master WHERE name = ?")) {
            for (String name : SET_ASIDE) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(2) != null) {
                        found.put(name, new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
        }
        // dropped once nothing reads the schema any more (SQLite refuses a DROP while a statement reads it)
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String[]> e : found.entrySet()) {
                Meta.put(c, SQL_KEY_PREFIX + e.getKey(), e.getValue()[1]);
                s.executeUpdate("DROP " + ("trigger".equals(e.getValue()[0]) ? "TRIGGER " : "INDEX ") + e.getKey());
            }
        }
    }

    private static void restore(Connection c) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key LIKE ? ESCAPE '\\' ORDER BY key")) {
            ps.setString(1, SQL_KEYS_LIKE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    definitions.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String sql : definitions) {
                s.executeUpdate(sql);
            }
            BucketSums.resumAll(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM meta WHERE key = ? OR key LIKE ? ESCAPE '\\'")) {
                ps.setString(1, OWNER_KEY);
                ps.setString(2, SQL_KEYS_LIKE);
                ps.executeUpdate();
            }
        }
    }

    /** "pid@start" of this process; a pid alone could name a later process that reuses it. */
    static String thisProcess() {
        return owner(ProcessHandle.current());
    }

    private static String owner(ProcessHandle p) {
        return p.pid() + "@" + p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static boolean running(String owner) {
        int at = owner.indexOf('@');
        try {
            long pid = Long.parseLong(at < 0 ? owner : owner.substring(0, at));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> owner(p).equals(owner)).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
