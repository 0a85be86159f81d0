package io.headroom.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether anything was committed to the store since a caller last looked: SQLite's
 * {@code PRAGMA data_version}, which changes with every commit by another connection, read on a
 * connection of its own that never writes, so a commit by this process's writer or by any other
 * process counts. Lets a figure that a full scan computes be kept until the data behind it changes.
 */
public final class StoreVersion implements AutoCloseable {

    /** A moment's version: equal tokens mean nothing was committed between them. */
    public record Token(long connection, long dataVersion) {
    }

    private final Database database;
    private Connection connection;
    private long connections;
    private long failures;

    StoreVersion(Database database) {
        this.database = database;
    }

    /**
     * The store's version now. When it cannot be read the token equals no other (the connection is
     * opened again next time, and a new connection's versions are not comparable with the old one's).
     */
    public synchronized Token now() {
        try {
            if (connection == null) {
                connection = database.openReader();
                connections++;
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
                return new Token(connections, rs.getLong(1));
            }
        } catch (SQLException | StoreException e) {
            close();
            return new Token(-1, --failures);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a reader: nothing was written, nothing to lose
            }
            connection = null;
        }
    }
}
