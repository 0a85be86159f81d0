package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder is 0700 and its files 0600, whoever created them and in whatever mode. */
class DataFolderPermissionsTest {

    @TempDir
    Path tmp;

    @Test
    void theStatusLineHookRunningFirstCreatesAPrivateFolderAndSpool() throws Exception {
        Path data = tmp.resolve("data");
        String input = "{\"session_id\":\"s1\",\"model\":{\"id\":\"claude-opus-4-8\"},"
                + "\"rate_limits\":{\"five_hour\":{\"used_percentage\":42,\"resets_at\":1795000000}}}";
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            CliHarness.Run r = new CliHarness(tmp).run("statusline");
            assertThat(r.exit()).isZero();
        } finally {
            System.setIn(stdin);
        }

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(Files.list(data).map(p -> p.getFileName() + " " + mode(p)).toList())
                .isNotEmpty()
                .allMatch(s -> s.endsWith(" rw-------"));
    }

    @Test
    void anOpenFixesAFolderAndFilesOthersCanRead() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("daily", "--json", "--no-import").exit()).isZero();
        Path data = tmp.resolve("data");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = data.resolve("headroom.db");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Path notes = Files.writeString(data.resolve("settings.json"), "{}");
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path sub = Files.createDirectory(data.resolve("backups"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(cli.run("daily", "--json", "--no-import").exit()).isZero();

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(mode(notes)).isEqualTo("rw-------");
        assertThat(mode(sub)).isEqualTo("rwx------");
    }

    @Test
    void aDatabaseNamedWithDbElsewhereIsMadePrivateButItsFolderIsLeftAlone() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path db = shared.resolve("team.db");
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("--db", db.toString(), "daily", "--json", "--no-import").exit()).isZero();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(cli.run("--db", db.toString(), "daily", "--json", "--no-import").exit()).isZero();

        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
