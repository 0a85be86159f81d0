package io.headroom.ingest.claudecode;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How to run an import. {@code stopAfterBatches} stops every reader once that many batches were
 * handed to the store, as a crash between batches would (tests use it; -1 means never).
 */
public record ImportOptions(int threads, AtomicBoolean cancel, int stopAfterBatches, ImportProgress progress) {

    public static ImportOptions defaults() {
        return new ImportOptions(Runtime.getRuntime().availableProcessors(), new AtomicBoolean(), -1,
                ImportProgress.NONE);
    }
}
