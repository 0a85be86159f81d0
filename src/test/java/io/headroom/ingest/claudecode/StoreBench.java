package io.headroom.ingest.claudecode;

import io.headroom.store.Database;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.store.FileState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The store's share of a first import, without parsing: reads every transcript under a folder into
 * memory, then writes the batches into a new database as the importer does, and prints the time.
 * Run by hand: {@code java -cp target/test-classes:target/classes:target/lib/* io.headroom.ingest.claudecode.StoreBench DIR TMPDIR [PASSES]}.
 */
public final class StoreBench {

    private StoreBench() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path tmp = Path.of(args[1]);
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Path> files = ParseBench.transcripts(root);
        TranscriptReader reader = ParseBench.reader();
        List<EventBatch> batches = new ArrayList<>();
        long[] events = new long[1];
        TranscriptReader.Sink sink = new TranscriptReader.Sink() {
            @Override
            public void accept(EventBatch batch) {
                batches.add(batch);
                events[0] += batch.usage().size();
            }

            @Override
            public boolean stopRequested() {
                return false;
            }
        };
        for (Path f : files) {
            TranscriptFile tf = TranscriptFile.of(root, f, Files.size(f), null, 0);
            reader.read(tf, 0, new FileState(f.toString(), null, tf.size(), 0, 0, null, 0, 0), sink);
        }
        System.out.printf("%d batches, %d usage events%n", batches.size(), events[0]);
        for (int pass = 0; pass < passes; pass++) {
            Path db = tmp.resolve("store-bench-" + pass + ".db");
            long t0 = System.nanoTime();
            try (Database database = Database.open(db)) {
                EventStore store = new EventStore(database);
                long t1 = System.nanoTime();
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (EventBatch b : batches) {
                    writes.add(store.write(b));
                }
                writes.forEach(CompletableFuture::join);
                long t2 = System.nanoTime();
                System.out.printf("pass %d: open %d ms, write %d ms%n", pass, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            }
            for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
            }
        }
    }
}
