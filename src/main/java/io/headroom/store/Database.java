package io.headroom.store;

import io.headroom.config.DataDirectory;
import io.headroom.config.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite file. WAL, busy timeout, synchronous=NORMAL and foreign keys on every connection;
 * writes go through the single {@link StoreWriter}, readers open connections of their own.
 */
public final class Database implements AutoCloseable {

    static final int BUSY_TIMEOUT_MS = 5000;
    static final int WRITER_CACHE_KIB = 64 * 1024;
    static final int CHECKPOINT_PAGES = 8192;
    static final int JOURNAL_LIMIT_BYTES = 16 << 20;
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final StoreWriter writer;
    private StoreVersion version;

    private Database(Path file, StoreWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Opens (creating if needed) and migrates the database; refuses a file from a newer Headroom. */
    public static Database open(Path file) {
        Path absolute = file.toAbsolutePath();
        int onDisk = headerVersion(absolute);
        if (onDisk > Migrations.latestVersion()) {
            throw new DatabaseTooNewException(absolute, onDisk, Migrations.latestVersion());
        }
        try {
            DataDirectory.ensurePrivateDirectory(absolute.getParent());
            PrivateFiles.createIfMissing(absolute);
            // A database made by an older Headroom or copied in may be 0644; SQLite gives its -wal and -shm the same mode.
            for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
                PrivateFiles.tightenOne(absolute.resolveSibling(absolute.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new StoreException("Cannot create the database " + absolute + ": " + e.getMessage(), e);
        }
        Connection connection = openMigrated(absolute);
        return new Database(absolute, new StoreWriter(absolute, connection));
    }

    /**
     * Connects and migrates while holding {@code <file>.lock}: two Headroom processes started together
     * on a new data folder (the window and a command) would otherwise both create the schema, and the
     * second fail with "table meta already exists". The JVM-wide monitor covers two opens in one
     * process, which a file lock alone refuses.
     */
    private static Connection openMigrated(Path absolute) {
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        synchronized (Database.class) {
            try {
                PrivateFiles.createIfMissing(lockFile);
            } catch (IOException e) {
                throw new StoreException("Cannot create " + lockFile + ": " + e.getMessage(), e);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                Connection connection = connect(absolute, false);
                try {
                    migrate(absolute, connection);
                } catch (RuntimeException e) {
                    closeQuietly(connection);
                    throw e;
                }
                return connection;
            } catch (IOException e) {
                throw new StoreException("Cannot lock " + lockFile + " to open the database: " + e.getMessage(), e);
            }
        }
    }

    public Path file() {
        return file;
    }

    public StoreWriter writer() {
        return writer;
    }

    /**
     * Frees the writer's page cache (up to {@value #WRITER_CACHE_KIB} KiB after a big import): SQLite
     * keeps the pages until told, and a resident app rarely writes more than a few pages again.
     */
    public void releaseMemory() {
        writer.execute(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA shrink_memory");
            }
        });
    }

    /** A new connection for reading; the caller closes it. */
    public Connection openReader() {
        return connect(file, true);
    }

    public int schemaVersion() {
        try (Connection c = openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("Cannot read the schema version of " + file, e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (version != null) {
                version.close();
            }
        }
        writer.close();
    }

    /** The store's version, to tell whether anything was committed since a figure was computed. */
    public synchronized StoreVersion version() {
        if (version == null) {
            version = new StoreVersion(this);
        }
        return version;
    }

    static Connection connect(Path file, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        if (!readOnly) {
            // WAL is a property of the file; setting it again from a reader would be a write.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // The writer keeps the hot index pages of large imports in memory (grows only as used).
            config.setCacheSize(-WRITER_CACHE_KIB);
            // A checkpoint copies the journal into the file and syncs both: at SQLite's default of every
            // 1,000 pages the first import of 510 MB ran 42 of them (85 fsyncs, 255 MB written for a 27 MB
            // file); at 8,192 pages, 9 (19 fsyncs, 181 MB). The journal is cut back to 16 MB after each.
            config.setJournalSizeLimit(JOURNAL_LIMIT_BYTES);
        }
        if (!readOnly) {
            // BEGIN IMMEDIATE takes the write lock up front (waiting the busy timeout for it): a deferred
            // transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT when another
            // process committed in between, which is how two first imports failed.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // sqlite-jdbc would otherwise run "select last_insert_rowid()" after every insert.
        config.setGetGeneratedKeys(false);
        if (readOnly) {
            config.setReadOnly(true);
        }
        try {
            Connection c = config.createConnection("jdbc:sqlite:" + file);
            if (!readOnly) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA wal_autocheckpoint = " + CHECKPOINT_PAGES);
                } catch (SQLException e) {
                    closeQuietly(c);
                    throw e;
                }
            }
            return c;
        } catch (SQLException e) {
            throw new StoreException("Cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads user_version from the file header (offset 60) without opening the file through SQLite,
     * so a file from a newer version is refused before anything could touch it.
     */
    static int headerVersion(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        byte[] header = new byte[100];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(header, 0, header.length);
            if (n < 64) {
                return 0;
            }
        } catch (IOException e) {
            throw new StoreException("Cannot read the database " + file + ": " + e.getMessage(), e);
        }
        if (!new String(header, 0, 15, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3")) {
            throw new StoreException("The file " + file + " is not a SQLite database. Nothing was changed.");
        }
        return ((header[60] & 0xff) << 24) | ((header[61] & 0xff) << 16) | ((header[62] & 0xff) << 8)
                | (header[63] & 0xff);
    }

    private static void migrate(Path file, Connection c) {
        try {
            int version;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            int latest = Migrations.latestVersion();
            if (version > latest) {
                throw new DatabaseTooNewException(file, version, latest);
            }
            if (version > 0 && version < latest) {
                backup(file, c, version);
            }
            c.setAutoCommit(false);
            if (version >= BulkLoad.SINCE_SCHEMA) {
                // before any later migration, which may expect the set-aside indexes in place
                BulkLoad.finishAbandoned(c, file.toString());
                c.commit();
            }
            for (int v = version + 1; v <= latest; v++) {
                try (Statement s = c.createStatement()) {
                    for (String sql : Migrations.statements(v)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + v);
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw new StoreException("Migration to schema " + v + " failed; the database is still at schema "
                            + (v - 1) + ": " + e.getMessage(), e);
                }
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StoreException("Cannot migrate " + file + ": " + e.getMessage(), e);
        }
    }

    /** A consistent copy beside the file, made before any migration touches it. */
    private static void backup(Path file, Connection c, int version) throws SQLException {
        Path copy = file.resolveSibling(file.getFileName() + ".v" + version + "-" + BACKUP_STAMP.format(Instant.now())
                + ".bak");
        try {
            PrivateFiles.createIfMissing(copy);
            Files.delete(copy);
        } catch (IOException e) {
            throw new StoreException("Cannot write the backup " + copy + " before migrating: " + e.getMessage(), e);
        }
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
        }
        try {
            PrivateFiles.restrict(copy);
        } catch (IOException e) {
            throw new StoreException("Cannot restrict the backup " + copy + ": " + e.getMessage(), e);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing after a failure: the first error is the one worth reporting.
        }
    }
}
