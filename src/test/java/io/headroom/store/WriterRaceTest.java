package io.headroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers on one database (two Headroom processes each have one). A transaction that reads
 * and then writes, while the other commits in between, failed at once with SQLITE_BUSY_SNAPSHOT
 * (the first-import race: the repricer reads a meta row, then updates it). Both must commit.
 */
class WriterRaceTest {

    @TempDir
    Path dir;

    @Test
    void aReadThenWriteTransactionSurvivesAnotherWriterCommittingInBetween() throws Exception {
        Path file = dir.resolve("headroom.db");
        try (Database a = Database.open(file); Database b = Database.open(file)) {
            a.writer().execute(c -> put(c, "counter", "0"));
            CompletableFuture<Void>[] other = new CompletableFuture[1];

            a.writer().execute(c -> {
                String seen = get(c, "counter");
                // The other process writes while this transaction has read but not yet written.
                other[0] = b.writer().submit(o -> put(o, "other", "written"));
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                put(c, "counter", Integer.toString(Integer.parseInt(seen) + 1));
            });
            other[0].get(30, TimeUnit.SECONDS);

            try (var c = a.openReader()) {
                assertThat(get(c, "counter")).isEqualTo("1");
                assertThat(get(c, "other")).isEqualTo("written");
            }
        }
    }

    @Test
    void aTableLockedByTheWritersOwnStatementIsAFailureAtOnceNotAnotherProgramsLock() {
        Path file = dir.resolve("own.db");
        try (Database db = Database.open(file)) {
            db.writer().execute(c -> put(c, "a", "1"));
            long started = System.nanoTime();
            // SQLITE_LOCKED ("A table in the database is locked"): a DROP while this connection still reads
            StoreException failure = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                    () -> db.writer().execute(c -> {
                        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT key FROM meta")) {
                            rs.next();
                            s.getConnection().createStatement().execute("DROP INDEX usage_event_ts");
                        }
                    }));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(failure.getMessage()).contains("SQLITE_LOCKED").doesNotContain("another program");
        }
    }

    @Test
    void aDatabaseHeldLongerThanTheRetryBoundNamesTheFileAndTheHolder() throws Exception {
        Path file = dir.resolve("held.db");
        try (Database db = Database.open(file); var holder = Database.connect(file, false)) {
            try (Statement s = holder.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO meta(key, value) VALUES ('held', 'yes')");
            }
            String message = null;
            long started = System.nanoTime();
            try {
                db.writer().execute(c -> put(c, "k", "v"));
            } catch (StoreException e) {
                message = e.getMessage();
            }
            long waitedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            try (Statement s = holder.createStatement()) {
                s.execute("ROLLBACK");
            }

            assertThat(message).startsWith("The database " + file.toAbsolutePath() + " is locked by another program")
                    .endsWith("; nothing was lost, try again shortly.");
            assertThat(waitedSeconds).isBetween(StoreWriter.BUSY_RETRY_NANOS / 1_000_000_000L - 1,
                    StoreWriter.BUSY_RETRY_NANOS / 1_000_000_000L + Database.BUSY_TIMEOUT_MS / 1000 + 2);
        }
    }

    @Test
    void theHolderIsReadFromProcLocks() {
        java.util.List<String> locks = java.util.List.of(
                "1: POSIX  ADVISORY  READ 4242 08:01:5555 128 128",
                "1: -> POSIX  ADVISORY  WRITE 777 08:01:5555 0 EOF",
                "2: OFDLCK ADVISORY  WRITE -1 08:01:5555 0 EOF",
                "3: POSIX  ADVISORY  WRITE 99 08:01:6666 0 EOF",
                "4: POSIX  ADVISORY  WRITE 12 08:01:5555 0 EOF");

        String described = LockHolders.describe(locks, java.util.Set.of(5555L), 12);

        assertThat(described).startsWith("process 4242");
        assertThat(described).doesNotContain("777").doesNotContain("99").doesNotContain("process 12");
    }

    private static void put(java.sql.Connection c, String key, String value) throws java.sql.SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    private static String get(java.sql.Connection c, String key) throws java.sql.SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
