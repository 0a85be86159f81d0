package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.PromptEvent;
import io.headroom.domain.UsageSource;
import io.headroom.store.EventBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What may wait for the store is counted in events, so many small batches share a transaction and big ones stay few. */
class OrderedHandoffTest {

    private final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
    private final OrderedHandoff handoff = new OrderedHandoff(1, 48, 32, b -> {
        CompletableFuture<Void> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    });

    private static EventBatch ofEvents(int n) {
        List<PromptEvent> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts.add(new PromptEvent("k" + i, UsageSource.CLAUDE_CODE_LOG, Instant.EPOCH, null, null, 1));
        }
        return new EventBatch(List.of(), List.of(), prompts, List.of(), null);
    }

    @Test
    void thirtyTwoSmallBatchesWaitForTheStoreTogether() throws Exception {
        for (int i = 0; i < 32; i++) {
            handoff.accept(0, ofEvents(10));
        }
        assertThat(pending).hasSize(32);
        Thread next = new Thread(() -> accept(ofEvents(10)));
        next.start();
        next.join(300);
        assertThat(next.isAlive()).as("the 33rd waits for a commit").isTrue();
        pending.get(0).complete(null);
        next.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(next.isAlive()).isFalse();
        assertThat(pending).hasSize(33);
    }

    @Test
    void aBigFilesFullBatchesWaitFourAtATime() throws Exception {
        // 4,096 events weigh 8 permits of 32
        for (int i = 0; i < 4; i++) {
            handoff.accept(0, ofEvents(TranscriptReader.EVENTS_PER_BATCH));
        }
        Thread next = new Thread(() -> accept(ofEvents(TranscriptReader.EVENTS_PER_BATCH)));
        next.start();
        next.join(300);
        assertThat(next.isAlive()).as("a fifth full batch waits").isTrue();
        assertThat(pending).hasSize(4);
        pending.get(0).complete(null);
        next.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(next.isAlive()).isFalse();
        assertThat(pending).hasSize(5);
        IntStream.range(1, 5).forEach(i -> pending.get(i).complete(null));
    }

    private void accept(EventBatch b) {
        try {
            handoff.accept(0, b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
