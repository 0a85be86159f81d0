package io.headroom.service.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.domain.UsageSource;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh engine reads every registered source, and a paused transcript import pauses only that one. */
class RefreshEngineSourcesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");

    @TempDir
    Path tmp;

    private static final class Collecting implements RefreshEngine.Sink {
        final BlockingQueue<RefreshSnapshot> snapshots = new LinkedBlockingQueue<>();

        @Override
        public void refreshed(RefreshSnapshot snapshot) {
            snapshots.add(snapshot);
        }

        @Override
        public void failed(String message) {
        }

        @Override
        public void progress(RefreshEngine.Progress progress) {
        }
    }

    @Test
    void claudeCodesCacheIsReadOnARefreshEvenWhileTheTranscriptImportIsPaused() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (Workspace ws = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", claude.toString()), tmp)) {
            RefreshEngine engine = new RefreshEngine(ws, () -> NOW);
            Collecting sink = new Collecting();
            engine.start(Duration.ofMinutes(5), sink);
            try {
                assertThat(sink.snapshots.poll(20, TimeUnit.SECONDS)).isNotNull();
                engine.cancelImport();
                Files.writeString(claude.resolve(".claude.json"), "{\"cachedUsageUtilization\": {\"fetchedAtMs\": "
                        + NOW.minusSeconds(120).toEpochMilli() + ", \"utilization\": {\"five_hour\": {\"utilization\":"
                        + " 37.5, \"resets_at\": \"2026-11-27T20:00:00.000001+00:00\"}}}}");
                engine.requestNow();
                RefreshSnapshot withCache = null;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < until) {
                    RefreshSnapshot s = sink.snapshots.poll(1, TimeUnit.SECONDS);
                    if (s != null && s.snapshot().result().fiveHour().official() != null) {
                        withCache = s;
                        break;
                    }
                }
                assertThat(withCache).as("a snapshot with the cached reading").isNotNull();
                assertThat(withCache.importReport()).isNull(); // the transcripts stayed paused
                var five = withCache.snapshot().result().fiveHour();
                assertThat(five.official().source()).isEqualTo(UsageSource.CLAUDE_CODE_CACHE);
                assertThat(five.official().observedAt()).isEqualTo(NOW.minusSeconds(120));
                // (the fixtures' limit message in this window keeps the card at the limit; the reading is stored as read)
                assertThat(five.official().usedPercent()).isEqualTo(37.5);
            } finally {
                engine.close();
                assertThat(engine.awaitStopped(Duration.ofSeconds(10))).isTrue();
            }
        }
    }
}
