package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder watcher: a write is reported through the watch service; the safety re-scan (run
 * here by hand on a watcher not started, so no watch service reports anything) reports only a
 * changed transcript size, time or file, so an idle app imports nothing.
 */
class ClaudeFolderWatcherTest {

    @TempDir
    Path tmp;

    private Path projects;
    private Path session;
    private Path spool;
    private final AtomicInteger changes = new AtomicInteger();
    private ClaudeFolderWatcher watcher;

    @BeforeEach
    void start() throws Exception {
        projects = Files.createDirectories(tmp.resolve("projects/-home-me-app"));
        session = Files.writeString(projects.resolve("s1.jsonl"), "{\"type\":\"user\"}\n");
        Files.writeString(projects.resolve("notes.txt"), "not a transcript");
        spool = tmp.resolve("statusline-spool.jsonl");
        watcher = new ClaudeFolderWatcher(() -> List.of(tmp.resolve("projects")), () -> List.of(spool),
                changes::incrementAndGet, Duration.ofMillis(50), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        watcher.close();
    }

    /** The first re-scan has nothing to compare with (start() takes it before the first refresh). */
    private void baseline() {
        watcher.rescan();
        changes.set(0);
    }

    @Test
    void aRescanWithNothingChangedReportsNothing() {
        baseline();
        watcher.rescan();
        watcher.rescan();
        assertThat(changes).hasValue(0);
    }

    @Test
    void aRescanReportsAGrownFileOnce() throws Exception {
        baseline();
        Files.writeString(session, "{\"type\":\"assistant\"}\n", java.nio.file.StandardOpenOption.APPEND);
        watcher.rescan();
        assertThat(changes).hasValue(1);
        watcher.rescan();
        assertThat(changes).hasValue(1);
    }

    @Test
    void aRescanReportsATouchedTranscriptANewOneAndTheSpoolButNotOtherFiles() throws Exception {
        baseline();
        Files.setLastModifiedTime(session, FileTime.fromMillis(Files.getLastModifiedTime(session).toMillis() - 60_000));
        watcher.rescan();
        assertThat(changes).as("same size, older time").hasValue(1);

        Files.writeString(projects.resolve("notes.txt"), "still not a transcript, and longer now");
        watcher.rescan();
        assertThat(changes).as("a file that is no transcript").hasValue(1);

        Files.writeString(Files.createDirectories(projects.resolve("s1/subagents")).resolve("agent-1.jsonl"), "{}\n");
        watcher.rescan();
        assertThat(changes).as("a new transcript in a new folder").hasValue(2);

        Files.writeString(spool, "{\"pct\":42}\n");
        watcher.rescan();
        assertThat(changes).as("the spool appeared").hasValue(3);

        Files.delete(session);
        watcher.rescan();
        assertThat(changes).as("a transcript deleted").hasValue(4);
    }

    @Test
    void aWriteIsReportedByTheWatchServiceWithoutARescan() throws Exception {
        watcher.start();
        watcher.onTimer(() -> { }).get(10, TimeUnit.SECONDS); // folders registered, baseline taken
        org.junit.jupiter.api.Assumptions.assumeTrue(watcher.watching());
        Files.writeString(session, "{\"type\":\"assistant\"}\n", java.nio.file.StandardOpenOption.APPEND);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (changes.get() == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(changes.get()).isPositive();
    }
}
