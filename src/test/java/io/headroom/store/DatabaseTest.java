package io.headroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void aNewDatabaseHasEveryPragmaAndIsPrivate() throws Exception {
        Path file = tmp.resolve("data").resolve("headroom.db");
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion());
            db.writer().execute(c -> {
                try (Statement s = c.createStatement()) {
                    assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(s, "synchronous")).isEqualTo("1");
                    assertThat(pragma(s, "busy_timeout")).isEqualTo("5000");
                    assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(s, "wal_autocheckpoint")).isEqualTo("8192");
                    assertThat(pragma(s, "journal_size_limit")).isEqualTo(String.valueOf(16 << 20));
                }
            });
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedAndLeftByteForByte() throws Exception {
        Path file = tmp.resolve("future.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE future (x)");
            s.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(DatabaseTooNewException.class)
                .hasMessageContaining("newer version of Headroom")
                .hasMessageContaining("schema 99")
                .hasMessageContaining("Nothing was changed");
        assertThat(Arrays.equals(before, Files.readAllBytes(file))).isTrue();
        assertThat(Files.exists(tmp.resolve("future.db-wal"))).isFalse();
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedUntouched() throws Exception {
        Path file = tmp.resolve("notes.db");
        Files.writeString(file, "these are my notes, not a database, and they are long enough to have a header");
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not a SQLite database");
        assertThat(Files.readString(file)).startsWith("these are my notes");
    }

    @Test
    void anOlderSchemaIsBackedUpThenMigratedInPlace() throws Exception {
        Path file = tmp.resolve("old.db");
        // A schema-1 database: the first script only, as version 0.1 of Headroom left it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : Migrations.statements(1)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO meta (key, value) VALUES ('marker', 'kept')");
            s.execute("PRAGMA user_version = 1");
        }
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion());
        }
        Path backup;
        try (var files = Files.list(tmp)) {
            backup = files.filter(p -> p.getFileName().toString().matches("old\\.db\\.v1-\\d{8}-\\d{6}\\.bak"))
                    .findFirst().orElseThrow();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup); Statement s = c.createStatement()) {
            assertThat(pragma(s, "user_version")).isEqualTo("1");
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'marker'")) {
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
        }
    }

    @Test
    void aLockedDatabaseGivesAClearMessageAndTheWriterCarriesOn() throws Exception {
        Path file = tmp.resolve("locked.db");
        try (Database db = Database.open(file);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file + "?busy_timeout=0");
                Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            assertThatThrownBy(() -> db.writer().execute(c -> {
                try (Statement w = c.createStatement()) {
                    w.execute("INSERT INTO meta (key, value) VALUES ('a', 'b')");
                }
            })).isInstanceOf(StoreException.class).hasMessageContaining("locked by another program");
            s.execute("ROLLBACK");
            db.writer().execute(c -> {
                try (Statement w = c.createStatement()) {
                    w.execute("INSERT INTO meta (key, value) VALUES ('a', 'b')");
                }
            });
        }
    }

    @Test
    void migrationScriptsSplitOnLineEndSemicolons() {
        assertThat(Migrations.split("-- c\nCREATE TABLE a (x);\n\nCREATE INDEX i\n  ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x);", "CREATE INDEX i\n  ON a (x);");
    }

    @Test
    void aTriggersBodyIsOneStatement() {
        assertThat(Migrations.split("CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n"
                + "  DELETE FROM a;\nEND;\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x);", "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n"
                        + "  DELETE FROM a;\nEND;", "CREATE INDEX i ON a (x);");
    }

    @Test
    void theBucketTableIsFilledFromTheEventsOfAnOlderSchema() throws Exception {
        Path file = tmp.resolve("v6.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (int v = 1; v <= 6; v++) {
                for (String sql : Migrations.statements(v)) {
                    s.execute(sql);
                }
            }
            String insert = "INSERT INTO usage_event (dedup_key, source, provenance, ts, model, input_tokens, output_tokens,"
                    + " cache_write_5m, cache_write_1h, cache_read, total_tokens, cost_usd, priced_as) VALUES ";
            s.execute(insert + "('a', 'claude_code_log', 'measured', 1795000000000, 'opus', 10, 20, 30, 40, 50, 150, 1.5, 'opus'),"
                    + " ('b', 'claude_code_log', 'measured', 1795000100000, 'opus', 1, 2, 3, 4, 5, 15, 0.25, 'opus'),"
                    + " ('c', 'claude_code_log', 'measured', 1795000100000, 'haiku', 7, 0, 0, 0, 0, 7, 0.5, 'haiku'),"
                    + " ('d', 'claude_code_log', 'measured', 1795000900000, 'opus', 100, 0, 0, 0, 0, 100, 2, 'opus')");
            s.execute("PRAGMA user_version = 6");
        }
        try (Database db = Database.open(file); Connection c = db.openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT bucket, model, input_tokens, output_tokens, cache_write_5m, cache_write_1h,"
                        + " cache_read, cost_usd, events FROM usage_bucket ORDER BY bucket, model")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4) + " " + rs.getLong(5)
                        + " " + rs.getLong(6) + " " + rs.getLong(7) + " " + rs.getDouble(8) + " " + rs.getLong(9));
            }
            // 1795000000000 and 1795000100000 ms share bucket 1994444 (15-minute steps); 1795000900000 is the next one
            assertThat(rows).containsExactly("1994444 haiku 7 0 0 0 0 0.5 1", "1994444 opus 11 22 33 44 55 1.75 2",
                    "1994445 opus 100 0 0 0 0 2.0 1");
        }
    }

    static String pragma(Statement s, String name) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.getString(1);
        }
    }
}
