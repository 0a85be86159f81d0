package io.headroom.ingest.claudecode;

import io.headroom.config.PriceTableLoader;
import io.headroom.store.EventBatch;
import io.headroom.store.FileState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parsing alone, without the store: reads every transcript under a folder with one reader and
 * prints the time per pass. Run by hand (bench/), not a test:
 * {@code java -cp target/test-classes:target/classes:target/lib/* io.headroom.ingest.claudecode.ParseBench DIR [PASSES]}.
 */
public final class ParseBench {

    private ParseBench() {
    }

    /** Every transcript below {@code root}, in path order. */
    static List<Path> transcripts(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /** A reader with the shipped prices, in UTC. */
    static TranscriptReader reader() {
        return new TranscriptReader(new LineInterpreter(PriceTableLoader.load(null).table(), ZoneOffset.UTC));
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> files = transcripts(root);
        TranscriptReader reader = reader();
        long[] events = new long[1];
        TranscriptReader.Sink sink = new TranscriptReader.Sink() {
            @Override
            public void accept(EventBatch batch) {
                events[0] += batch.usage().size() + batch.errors().size() + batch.prompts().size();
            }

            @Override
            public boolean stopRequested() {
                return false;
            }
        };
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long bytes = 0;
            long lines = 0;
            events[0] = 0;
            for (Path f : files) {
                TranscriptFile tf = TranscriptFile.of(root, f, Files.size(f), null, 0);
                FileState base = new FileState(f.toString(), null, tf.size(), 0, 0, null, 0, 0);
                LineCounts c = reader.read(tf, 0, base, sink);
                bytes += c.bytes;
                lines += c.lines;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0)
                    / 1_000_000;
            // Thread CPU time as well as wall time: on a shared machine the wall time includes waiting for a core.
            System.out.printf("pass %d: %d ms wall, %d ms cpu, %d MB, %d lines, %d events%n", pass, ms, cpuMs,
                    bytes >> 20, lines, events[0]);
        }
    }
}
