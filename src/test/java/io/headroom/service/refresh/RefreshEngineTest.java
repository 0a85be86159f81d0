package io.headroom.service.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh engine without any UI: a real workspace on the fixture transcripts, its snapshots read as they come. */
class RefreshEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");

    @TempDir
    Path tmp;

    private static final class Collecting implements RefreshEngine.Sink {
        final BlockingQueue<RefreshSnapshot> snapshots = new LinkedBlockingQueue<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void refreshed(RefreshSnapshot snapshot) {
            threads.add(Thread.currentThread().getName());
            snapshots.add(snapshot);
        }

        @Override
        public void failed(String message) {
            failures.add(message);
        }

        @Override
        public void progress(RefreshEngine.Progress progress) {
        }
    }

    private Workspace workspace(Path claude) {
        return new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp);
    }

    @Test
    void theFirstRefreshImportsThenTheAllTimeTotalFollows() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (Workspace ws = workspace(claude)) {
            RefreshEngine engine = new RefreshEngine(ws, () -> NOW);
            Collecting sink = new Collecting();
            List<Instant> heard = new CopyOnWriteArrayList<>();
            engine.addListener((now, snapshot) -> heard.add(now));
            engine.start(Duration.ofMinutes(5), sink);
            try {
                RefreshSnapshot first = sink.snapshots.poll(20, TimeUnit.SECONDS);
                assertThat(first).isNotNull();
                assertThat(first.now()).isEqualTo(NOW);
                assertThat(first.importReport().files().found()).isEqualTo(11);
                assertThat(first.importReport().linesRead()).isEqualTo(96);
                assertThat(first.allTokens()).isEqualTo(-1); // still being counted: the windows come first
                assertThat(first.proxyPort()).isEqualTo(io.headroom.config.Settings.DEFAULT_PROXY_PORT);

                RefreshSnapshot withTotal = sink.snapshots.poll(20, TimeUnit.SECONDS);
                assertThat(withTotal.allTokens()).isEqualTo(220_645);
                assertThat(withTotal.importReport()).isNull();
                assertThat(withTotal.snapshot()).isSameAs(first.snapshot());
                assertThat(heard).containsExactly(NOW);
                assertThat(sink.threads).containsOnly("headroom-refresh");
                assertThat(sink.failures).isEmpty();

                // asked again with nothing new: a refresh that imports nothing and keeps the total
                engine.requestNow();
                RefreshSnapshot again = sink.snapshots.poll(20, TimeUnit.SECONDS);
                assertThat(again.importReport().linesRead()).isZero();
            } finally {
                engine.close();
                assertThat(engine.awaitStopped(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(engine.stopped()).isTrue();
        }
    }

    /**
     * A returning user's store already holds usage: the figures as stored go on screen before the
     * first import (no import report, the all-time total still to come), then the imported ones;
     * the tray and notifications hear only the latter.
     */
    @Test
    void aReturningUserSeesTheStoredFiguresFirstThenTheImportedOnes() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (Workspace ws = workspace(claude)) {
            ws.importClaudeCode(List.of(), java.time.ZoneOffset.UTC, io.headroom.ingest.claudecode.ImportOptions.defaults());
            RefreshEngine engine = new RefreshEngine(ws, () -> NOW);
            Collecting sink = new Collecting();
            List<Instant> heard = new CopyOnWriteArrayList<>();
            engine.addListener((now, snapshot) -> heard.add(now));
            engine.start(Duration.ofMinutes(5), sink);
            try {
                RefreshSnapshot stored = sink.snapshots.poll(20, TimeUnit.SECONDS);
                assertThat(stored.importReport()).isNull();
                assertThat(stored.allTokens()).isEqualTo(-1);
                assertThat(stored.now()).isEqualTo(NOW);
                RefreshSnapshot imported = sink.snapshots.poll(20, TimeUnit.SECONDS);
                assertThat(imported.importReport().files().found()).isEqualTo(11);
                assertThat(imported.importReport().linesRead()).isZero();
                // Nothing new was written meanwhile: the same figures, computed again after the import.
                assertThat(imported.snapshot().result()).isEqualTo(stored.snapshot().result());
                assertThat(imported.todayCostUsd()).isEqualTo(stored.todayCostUsd());
                assertThat(imported.todayTokens()).isEqualTo(stored.todayTokens());
                assertThat(sink.snapshots.poll(20, TimeUnit.SECONDS).allTokens()).isEqualTo(220_645);
                assertThat(heard).containsExactly(NOW);
                assertThat(sink.failures).isEmpty();
            } finally {
                engine.close();
                assertThat(engine.awaitStopped(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    /**
     * Idle, the engine reads nothing: its next refresh of its own is minutes away (a window's end,
     * a source's turn, the quiet period), not seconds; a line appended to a transcript is imported
     * through the folder watcher's event alone, with no timer involved.
     */
    @Test
    void anIdleEngineWaitsForAnEventAndAnAppendedLineIsImportedThroughTheWatcher() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (Workspace ws = workspace(claude)) {
            RefreshEngine engine = new RefreshEngine(ws, () -> NOW);
            Collecting sink = new Collecting();
            engine.start(Duration.ofHours(1), sink);
            try {
                assertThat(sink.snapshots.poll(20, TimeUnit.SECONDS).importReport().linesRead()).isEqualTo(96);
                assertThat(sink.snapshots.poll(20, TimeUnit.SECONDS).allTokens()).isEqualTo(220_645);
                Duration next = engine.nextDueIn();
                for (int i = 0; i < 500 && next == null; i++) { // scheduled just after the sink is told
                    Thread.sleep(10);
                    next = engine.nextDueIn();
                }
                assertThat(next).isNotNull().isGreaterThan(Duration.ofMinutes(1)).isLessThanOrEqualTo(Duration.ofHours(1));

                Path transcript;
                try (var files = java.nio.file.Files.walk(claude.resolve("projects"))) {
                    transcript = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
                }
                List<String> lines = java.nio.file.Files.readAllLines(transcript);
                java.nio.file.Files.writeString(transcript, lines.get(lines.size() - 1) + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
                RefreshSnapshot after = sink.snapshots.poll(20, TimeUnit.SECONDS);
                assertThat(after).as("a refresh caused by the folder watcher").isNotNull();
                assertThat(after.importReport().linesRead()).isEqualTo(1);
                assertThat(sink.failures).isEmpty();
            } finally {
                engine.close();
                assertThat(engine.awaitStopped(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    @Test
    void aFailingRefreshIsReportedToTheSinkAndTheListenersHearNothing() throws Exception {
        Path notADatabase = tmp.resolve("garbage.db");
        java.nio.file.Files.writeString(notADatabase, "this is not SQLite, but long enough to look like a header ....");
        try (Workspace ws = new Workspace(new DataDirectory(tmp.resolve("data")), notADatabase,
                Map.of("CLAUDE_CONFIG_DIR", tmp.resolve("none").toString()), tmp)) {
            RefreshEngine engine = new RefreshEngine(ws, () -> NOW);
            Collecting sink = new Collecting();
            List<Instant> heard = new CopyOnWriteArrayList<>();
            engine.addListener((now, snapshot) -> heard.add(now));
            engine.start(Duration.ofMinutes(5), sink);
            try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (sink.failures.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertThat(sink.failures).isNotEmpty();
                assertThat(sink.snapshots).isEmpty();
                assertThat(heard).isEmpty();
            } finally {
                engine.close();
                assertThat(engine.awaitStopped(Duration.ofSeconds(10))).isTrue();
            }
        }
    }
}
