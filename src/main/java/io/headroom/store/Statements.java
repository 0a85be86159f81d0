package io.headroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Prepared statements kept per connection. Preparing costs more than running a small insert, and
 * the writer runs the same few statements thousands of times in an import.
 */
public final class Statements {

    private static final Map<Connection, Map<String, PreparedStatement>> CACHE = new WeakHashMap<>();

    private Statements() {
    }

    /** A prepared statement for {@code sql} on {@code c}; do not close it, the connection owns it. */
    public static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> forConnection;
        synchronized (CACHE) {
            forConnection = CACHE.computeIfAbsent(c, k -> new HashMap<>());
        }
        synchronized (forConnection) {
            PreparedStatement ps = forConnection.get(sql);
            if (ps == null || ps.isClosed()) {
                ps = c.prepareStatement(sql);
                forConnection.put(sql, ps);
            }
            return ps;
        }
    }
}
