package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headroom.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --out} refuses what is not a writable file path, in one sentence, and leaves nothing behind. */
class ReportOutTest {

    @TempDir
    Path tmp;

    private Path claude;

    private CliHarness.Run report(String format, Path out) {
        if (claude == null) {
            claude = Fixtures.claudeDir(tmp.resolve("claude"));
        }
        CliHarness cli = new CliHarness(tmp);
        return cli.run("report", "--format", format, "--out", out.toString(), "--plan", "max5",
                "--claude-dir", claude.toString(), "--now", "2026-11-28T12:00:00Z");
    }

    @Test
    void anExistingEmptyFolderIsRefusedNotReplaced() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("reports"));

        CliHarness.Run r = report("html", folder);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("headroom: " + folder + " is a folder; give the report a file name in it, for example "
                + folder.resolve("headroom-report.html") + ".\n");
        assertThat(folder).isDirectory();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFolderIsCreatedAndAFileInThePathIsNamed() throws Exception {
        Path out = tmp.resolve("new").resolve("r.json");
        assertThat(report("json", out).exit()).isZero();
        assertThat(out).isRegularFile();

        Path file = Files.writeString(tmp.resolve("plain"), "x");
        CliHarness.Run r = report("json", file.resolve("r.json"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("headroom: Cannot write " + file.resolve("r.json") + ": " + file
                + " is a file, not a folder.\n");
    }

    @Test
    void anUnwritableFolderGetsOneSentenceAndNoStackTrace() {
        // Read-only even for root, which is who CI runs as.
        Path readOnly = Path.of("/sys");
        assumeTrue(refusesNewFiles(readOnly), "needs a folder that refuses new files");
        Path out = readOnly.resolve("headroom-report.csv");

        CliHarness.Run r = report("csv", out);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("headroom: Cannot write " + out + ": the folder /sys does not allow it "
                + "(permission denied). Choose another place for the report.\n");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void aFailedCsvReportLeavesNeitherTheFirstFileNorTemporaryFiles() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("out"));
        Path out = folder.resolve("advice.csv");
        // The companion daily file's name is taken by a folder: the second write fails after the first was staged.
        Files.createDirectory(folder.resolve("advice-daily.csv"));

        CliHarness.Run r = report("csv", out);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("headroom: " + folder.resolve("advice-daily.csv") + " is a folder;");
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("advice-daily.csv");
        }
    }

    @Test
    void aGoodPathStillWritesBothCsvFiles() throws Exception {
        Path out = tmp.resolve("advice.csv");

        CliHarness.Run r = report("csv", out);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + out + "\nwrote " + tmp.resolve("advice-daily.csv") + "\n");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    private static boolean refusesNewFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return false;
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
