package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.testing.TranscriptLines;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the data folder: one sentence and exit code 75, no flood of "rollback failed"
 * and no stack trace; once space is freed the next import brings in everything, counted once. The
 * disk is a real 8 MB tmpfs (the machine must allow mounting, as CI's root does).
 */
class DiskFullTest {

    private static final int LINES = 20_000;

    @TempDir
    Path tmp;

    @Test
    void aFullDiskIsOneSentenceAnExitCodeAndLosesNothing() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("small"));
        assumeTrue(mountTmpfs(mount), "needs permission to mount a tmpfs");
        try {
            Path claude = tmp.resolve("claude");
            StringBuilder lines = new StringBuilder();
            Instant t = Instant.parse("2026-11-20T08:00:00Z");
            for (int i = 0; i < LINES; i++) {
                lines.append(TranscriptLines.assistant("msg_" + i, t.plusSeconds(i * 20L).toString(), 100 + i % 7, 10));
            }
            TranscriptLines.append(claude.resolve("projects").resolve("-p").resolve("s.jsonl"), lines.toString());
            CliHarness cli = new CliHarness(mount);
            assertThat(cli.run("daily", "--json", "--no-import").exit()).isZero();
            Path filler = fillLeaving(mount, 256 * 1024);

            List<LogRecord> logged = new ArrayList<>();
            Handler capture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.add(record);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger.getLogger("").addHandler(capture);
            CliHarness.Run full;
            try {
                full = cli.run("import", "--claude-dir", claude.toString());
            } finally {
                Logger.getLogger("").removeHandler(capture);
            }

            assertThat(full.exit()).as(full.err() + full.out()).isEqualTo(75);
            assertThat(full.err()).isEqualTo("headroom: The disk holding " + mount.resolve("data")
                    + " is full; nothing was lost. Free some space and run again.\n");
            assertThat(logged).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("rollback"));
            assertThat(logged).hasSizeLessThan(3);

            // A report still runs from what is stored; each source that could not write says the same sentence.
            CliHarness.Run report = cli.run("daily", "--json", "-z", "UTC", "--claude-dir", claude.toString());
            assertThat(report.exit()).isZero();
            assertThat(report.err()).contains("The disk holding " + mount.resolve("data") + " is full; nothing was lost.")
                    .doesNotContain("Cannot read").doesNotContain("Exception");

            Files.delete(filler);
            CliHarness.Run again = cli.run("daily", "--json", "-z", "UTC", "--claude-dir", claude.toString());
            assertThat(again.exit()).as(again.err()).isZero();
            JsonNode totals = Json.mapper().readTree(again.out()).get("totals");
            long input = 0;
            for (int i = 0; i < LINES; i++) {
                input += 100 + i % 7;
            }
            assertThat(totals.get("inputTokens").asLong()).isEqualTo(input);
            assertThat(totals.get("outputTokens").asLong()).isEqualTo(10L * LINES);
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
        }
    }

    private static boolean mountTmpfs(Path at) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fills the file system with one file until only about {@code leave} bytes are free. */
    private static Path fillLeaving(Path folder, long leave) throws IOException {
        FileStore store = Files.getFileStore(folder);
        Path filler = folder.resolve("filler");
        long size = store.getUsableSpace() - leave;
        try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] block = new byte[64 * 1024];
            for (long written = 0; written < size; written += block.length) {
                f.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return filler;
    }
}
