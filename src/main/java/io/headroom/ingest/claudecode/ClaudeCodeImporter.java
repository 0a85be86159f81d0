package io.headroom.ingest.claudecode;

import io.headroom.domain.pricing.PriceTable;
import io.headroom.store.BulkLoad;
import io.headroom.store.Database;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.store.FileState;
import io.headroom.store.Repricer;
import io.headroom.store.StoreException;
import io.headroom.store.UsageQueries;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports Claude Code transcripts into the store, incrementally: each file is read from where
 * the last run stopped; a file that shrank or was replaced is read again (its responses keep
 * their dedup keys, so nothing counts twice); a deleted file keeps its imported events.
 */
public final class ClaudeCodeImporter {

    static final int HEAD_BYTES = 1024;

    private final Database database;
    private final EventStore events;
    private final PriceTable prices;
    private final String priceFingerprint;
    private final ZoneId userZone;
    private long bulkLoadFrom = BulkLoad.MIN_BYTES;

    public ClaudeCodeImporter(Database database, PriceTable prices, String priceFingerprint, ZoneId userZone) {
        this.database = database;
        this.events = new EventStore(database);
        this.prices = prices;
        this.priceFingerprint = priceFingerprint;
        this.userZone = userZone;
    }

    private record Planned(TranscriptFile file, long start, FileState base) {
    }

    /** Batches parsed ahead of the file being stored, between all readers (bounds memory). */
    static final int MAX_HELD_BATCHES = 48;
    /**
     * Batches handed to the store and not yet committed, counted in permits of 512 events
     * (OrderedHandoff), so at most 64k events (about 20 MB) wait for the store. Each commit writes
     * every page it dirtied to the journal, and the dedup keys' index pages are dirtied at random:
     * the first import of 2,484 files (510 MB) committed 175 times and wrote 362 MB for a 27 MB
     * database with 32 permits; with 128 it commits about 55 times, 0.5 s sooner. A big file's
     * batches of 4,096 events are held at most 16 at a time.
     */
    static final int MAX_BATCHES_IN_FLIGHT = 128;

    /**
     * Lists the transcripts below {@code roots} now, on the calling thread, for an import this
     * process is about to run: a one-shot command does it while its command line is parsed, and
     * its import takes the listing (once, and only within two seconds)
     * instead of walking the folders again. Nothing uses a listing of another folder.
     */
    public static void listAhead(List<Path> roots) {
        FolderListing.ahead(roots);
    }

    public ImportReport run(ClaudeDirectories.Discovery discovery, ImportOptions options) {
        long started = System.nanoTime();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        long repriced = priceFingerprint == null ? 0
                : Repricer.repriceIfChanged(database, prices, priceFingerprint);

        int unreadableFolders = 0;
        int unreadableLinks = 0;
        List<TranscriptFile> found = new ArrayList<>();
        for (Path root : discovery.projectRoots()) {
            FolderListing listing = FolderListing.take(root);
            found.addAll(listing.files());
            problems.addAll(listing.problems());
            unreadableFolders += listing.unreadableFolders();
            unreadableLinks += listing.unreadableLinks();
        }
        Map<String, FileState> states = new UsageQueries(database).fileStates();
        int added = 0;
        int appended = 0;
        int unchanged = 0;
        int reread = 0;
        int unreadable = unreadableLinks;
        List<Planned> plan = new ArrayList<>();
        for (TranscriptFile f : found) {
            try {
                FileState prior = states.get(f.path().toString());
                Decision d = decide(f, prior);
                switch (d) {
                    case NEW -> added++;
                    case APPEND -> appended++;
                    case UNCHANGED -> unchanged++;
                    case REREAD -> reread++;
                }
                if (d == Decision.UNCHANGED) {
                    continue;
                }
                boolean fromStart = d != Decision.APPEND;
                // Read from the start, the reader hashes the head from its first buffer (one open per file, not two).
                String head = fromStart ? null : prior.headHash();
                FileState base = new FileState(f.path().toString(), f.fileKey(), f.size(), fromStart ? 0 : prior.offset(),
                        f.mtimeMillis(), head, fromStart ? 0 : prior.lines(), fromStart ? 0 : prior.skipped());
                plan.add(new Planned(f, base.offset(), base));
            } catch (IOException e) {
                unreadable++;
                problems.add("Cannot read " + f.path() + ": " + e.getMessage());
            }
        }
        // Largest first, so one big file does not start last and hold up the end; ties by path, so the
        // order (which the store applies batches in) is the same whatever order the folder walk gave.
        plan.sort(Comparator.comparingLong((Planned p) -> p.file.size() - p.start).reversed()
                .thenComparing(p -> p.file.path().toString()));

        LineCounts total = new LineCounts();
        Run run = new Run(options, plan);
        // A first import of much builds the time indexes and the bucket sums once, at the end (BulkLoad).
        boolean bulk = run.bytesTotal >= bulkLoadFrom && beginBulkLoad();
        try {
            readAndStore(plan, run, total, problems, options);
        } finally {
            if (bulk) {
                try {
                    BulkLoad.finish(database);
                } catch (StoreException e) {
                    problems.add(e.getMessage()); // finished by the next import or open; nothing is lost
                }
            }
        }
        List<String> distinctProblems = List.copyOf(new java.util.LinkedHashSet<>(problems));
        Map<String, Long> skipped = new LinkedHashMap<>();
        total.skipped.forEach((reason, n) -> skipped.put(reason.code(), n));
        return new ImportReport(discovery.rule(), discovery.candidates(),
                new ImportReport.Files(found.size(), added, appended, unchanged, reread,
                        unreadable + run.unreadable.get(), unreadableFolders),
                total.bytes, total.lines, total.usage, total.errors, total.limitHits, total.prompts, skipped,
                new UsageQueries(database).estimatedModels(), distinctProblems, repriced,
                (System.nanoTime() - started) / 1_000_000, !run.stopRequested());
    }

    /** Reads the planned files on the import's threads and waits until the store has every batch. */
    private void readAndStore(List<Planned> plan, Run run, LineCounts total, List<String> problems, ImportOptions options) {
        int threads = Math.max(1, Math.min(options.threads(), plan.size()));
        ExecutorService pool = BackgroundWork.pool("headroom-import", threads);
        ThreadLocal<TranscriptReader> readers = ThreadLocal.withInitial(
                () -> new TranscriptReader(new LineInterpreter(prices, userZone)));
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            int index = i;
            // Submitted in plan order to a FIFO pool: files start in the order the handoff stores them.
            work.add(pool.submit(() -> {
                try {
                    if (!run.stopRequested()) {
                        LineCounts c = readers.get().read(p.file, p.start, p.base, run.sinkFor(index));
                        total.addAll(c);
                    }
                } catch (IOException e) {
                    problems.add("Cannot read " + p.file.path() + ": " + e.getMessage());
                    run.unreadable.incrementAndGet();
                } finally {
                    run.fileDone(index, p);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (InterruptedException e) {
                run.abandon();
            } catch (ExecutionException e) {
                problems.add("Import failed: " + e.getCause());
            }
        }
        pool.shutdown();
        for (CompletableFuture<Void> w : run.handoff.writes()) {
            try {
                w.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problems.add(cause instanceof StoreException ? cause.getMessage() : "Saving failed: " + cause);
            }
        }
    }

    /** Whether a bulk load began; a store that cannot start one is written the usual way. */
    private boolean beginBulkLoad() {
        try {
            return BulkLoad.begin(database);
        } catch (StoreException e) {
            return false;
        }
    }

    /** Imports reading at least this many bytes into a store without usage run as a {@link BulkLoad} (tests lower it). */
    ClaudeCodeImporter bulkLoadFrom(long bytes) {
        this.bulkLoadFrom = bytes;
        return this;
    }

    enum Decision { NEW, APPEND, UNCHANGED, REREAD }

    /** Identity (inode, else creation time), size and mtime come from the folder walk. */
    private Decision decide(TranscriptFile f, FileState prior) throws IOException {
        if (prior == null) {
            return Decision.NEW;
        }
        if (prior.fileKey() != null && f.fileKey() != null && !prior.fileKey().equals(f.fileKey())) {
            return Decision.REREAD;
        }
        if (f.size() < prior.offset()) {
            return Decision.REREAD;
        }
        boolean touched = f.size() != prior.offset() || f.mtimeMillis() != prior.mtimeMillis();
        if (!touched) {
            return Decision.UNCHANGED;
        }
        if (prior.headHash() != null && !prior.headHash().equals(headHash(f.path(), headLength(prior.headHash())))) {
            return Decision.REREAD;
        }
        return f.size() == prior.offset() ? Decision.UNCHANGED : Decision.APPEND;
    }

    private static int headLength(String headHash) {
        int colon = headHash.indexOf(':');
        return colon < 0 ? HEAD_BYTES : Integer.parseInt(headHash.substring(0, colon));
    }

    /** "length:sha-256 prefix" of the first bytes, to notice a file replaced under the same name. */
    static String headHash(Path path, long length) throws IOException {
        byte[] head = new byte[(int) Math.min(length, HEAD_BYTES)];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return headHash(head, n);
    }

    /** The head hash of the file whose first {@code available} bytes start {@code bytes}. */
    static String headHash(byte[] bytes, int available) {
        int n = Math.min(available, HEAD_BYTES);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, n);
            return n + ":" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shared state of one import run across reader threads. */
    private final class Run {
        final ImportOptions options;
        final OrderedHandoff handoff;
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger filesDone = new AtomicInteger();
        final AtomicInteger unreadable = new AtomicInteger();
        final AtomicLong bytesDone = new AtomicLong();
        final int filesTotal;
        final long bytesTotal;

        Run(ImportOptions options, List<Planned> plan) {
            this.options = options;
            this.filesTotal = plan.size();
            this.bytesTotal = plan.stream().mapToLong(p -> p.file.size() - p.start).sum();
            this.handoff = new OrderedHandoff(plan.size(), MAX_HELD_BATCHES, MAX_BATCHES_IN_FLIGHT, this::store);
        }

        boolean stopRequested() {
            return options.cancel().get()
                    || (options.stopAfterBatches() >= 0 && batches.get() >= options.stopAfterBatches());
        }

        /** Called by the handoff in plan order; a batch is counted as it reaches the store. */
        private CompletableFuture<Void> store(EventBatch batch) {
            if (stopRequested()) {
                return CompletableFuture.completedFuture(null);
            }
            batches.incrementAndGet();
            return events.write(batch);
        }

        TranscriptReader.Sink sinkFor(int index) {
            return new TranscriptReader.Sink() {
                @Override
                public void accept(EventBatch batch) {
                    if (stopRequested()) {
                        return;
                    }
                    try {
                        handoff.accept(index, batch);
                    } catch (InterruptedException e) {
                        abandon();
                    }
                }

                @Override
                public boolean stopRequested() {
                    if (Run.this.stopRequested()) {
                        // Readers waiting to hand on batches stop waiting; what they held is read again next time.
                        handoff.drop();
                        return true;
                    }
                    return false;
                }
            };
        }

        /** This thread was interrupted: the import stops, and what was not handed on is read again next time. */
        void abandon() {
            Thread.currentThread().interrupt();
            options.cancel().set(true);
            handoff.drop();
        }

        void fileDone(int index, Planned p) {
            try {
                handoff.fileDone(index);
            } catch (InterruptedException e) {
                abandon();
            }
            long bytes = bytesDone.addAndGet(p.file.size() - p.start);
            options.progress().update(filesDone.incrementAndGet(), filesTotal, bytes, bytesTotal);
        }
    }
}
