package io.headroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each data source last did (state, problem, what it read, when it was last asked), kept in
 * the store so every Headroom process on the machine sees it: a {@code headroom sources} run
 * shows the window's last problem, and a rate-limited source is asked once per interval in all.
 * Values are opaque text the sources layer writes; nothing secret is ever given here.
 */
public final class SourceMemory {

    private static final String PREFIX = "source.";
    private static final String CLAIM_PREFIX = "claim.";

    private final Database database;

    public SourceMemory(Database database) {
        this.database = database;
    }

    public String get(String sourceId) {
        try (Connection c = database.openReader()) {
            return Meta.get(c, PREFIX + sourceId);
        } catch (SQLException e) {
            throw new StoreException("Cannot read what the source " + sourceId + " last did: " + e.getMessage(), e);
        }
    }

    /** Every source's last record, by source id. */
    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = database.openReader();
                PreparedStatement ps = c.prepareStatement("SELECT key, value FROM meta WHERE key LIKE 'source.%'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1).substring(PREFIX.length()), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read what the sources last did: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Claims the right to ask {@code sourceId} now: true for exactly one caller per {@code interval}
     * across every process on this store. One conditional write, so two processes asking at the
     * same instant cannot both win (SQLite takes the write lock before it checks the condition).
     */
    public boolean claim(String sourceId, java.time.Instant now, java.time.Duration interval) {
        boolean[] won = {false};
        database.writer().execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)"
                    + " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    + " WHERE CAST(meta.value AS INTEGER) + ? <= CAST(excluded.value AS INTEGER)")) {
                ps.setString(1, CLAIM_PREFIX + sourceId);
                ps.setString(2, Long.toString(now.toEpochMilli()));
                ps.setLong(3, interval.toMillis());
                won[0] = ps.executeUpdate() > 0;
            }
        });
        return won[0];
    }

    public void put(String sourceId, String value) {
        database.writer().execute(c -> Meta.put(c, PREFIX + sourceId, value));
    }
}
