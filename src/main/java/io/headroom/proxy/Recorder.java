package io.headroom.proxy;

import io.headroom.domain.ProxyCall;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes finished calls off the request threads. Each call is first written ahead to the
 * journal on its request thread ({@link #writeAhead}, before the client gets the last byte), so a
 * crash loses nothing a client saw. One thread then tells listeners and writes the calls to the
 * store in batches, and checkpoints the journal once the store holds them. While the store fails
 * (or the in-memory queue is full) calls stay in the journal, which is replayed into the store
 * once it takes writes again. A call is lost only if neither the journal nor the store can be
 * written, and then it is counted.
 */
final class Recorder implements AutoCloseable {

    /** Where calls end up; throws (any RuntimeException) when the store cannot take them now. */
    @FunctionalInterface
    interface Store {
        void write(List<ProxyCall> calls);
    }

    private static final Logger LOG = Logger.getLogger(Recorder.class.getName());
    private static final int BATCH = 512;
    private static final long RETRY_NANOS = 1_000_000_000L;
    /** How often queued calls are drained: batches writes, and listeners still hear within 1 s. */
    private static final long DRAIN_NANOS = 20_000_000L;

    /** Filled by request threads without waking anyone; the recorder drains it every few ms. */
    private final Queue<PendingCall> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    /** Bytes the queued calls hold (request prefixes, JSON bodies): bounded as well as their count. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    private final Store store;
    private final Journal journal;
    private final List<Consumer<ProxyCall>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile boolean stopping;
    private volatile String storeProblem;
    private volatile String journalProblem;
    private long nextReplay;

    Recorder(int capacity, Store store, Journal journal) {
        this.capacity = capacity;
        this.store = store;
        this.journal = journal;
        this.thread = BackgroundWork.start("headroom-proxy-recorder", this::run);
    }

    void addListener(Consumer<ProxyCall> l) {
        listeners.add(l);
    }

    void removeListener(Consumer<ProxyCall> l) {
        listeners.remove(l);
    }

    /**
     * Called on a request thread just before the response's last byte goes to the client: decodes
     * the call and appends it to the journal. Idempotent; never blocks on the store.
     */
    void writeAhead(PendingCall call) {
        if (call.record != null) {
            return;
        }
        call.record = call.toRecord();
        try {
            call.segment = journal.append(call.record);
            if (journalProblem != null) {
                journalProblem = null;
            }
        } catch (IOException | RuntimeException e) {
            call.segment = null; // the store may still take it; if not, it is counted as lost
            journalProblem = "The journal " + journal.file() + " cannot be written (" + e.getMessage() + ").";
        }
    }

    /** Called on request threads once the call is over; never blocks on the store. */
    void submit(PendingCall call) {
        received.incrementAndGet();
        if (call.stale) {
            // Journaled as finished, then cut: this newer record replaces the first, whose copy is settled.
            if (call.segment != null) {
                journal.stored(call.segment, 1);
            }
            call.record = null;
            call.segment = null;
            call.stale = false;
        }
        writeAhead(call);
        long bytes = call.retained();
        call.retainedBytes = bytes;
        boolean roomForOne = size.incrementAndGet() <= capacity;
        boolean roomForBytes = queuedBytes.addAndGet(bytes) <= MAX_QUEUED_BYTES;
        if (roomForOne && roomForBytes) {
            queue.add(call);
            return;
        }
        size.decrementAndGet(); // over either bound: it waits in the journal for a replay
        queuedBytes.addAndGet(-bytes);
        notifyListeners(List.of(call.record));
        leaveInJournal(List.of(call));
    }

    long received() {
        return received.get();
    }

    long stored() {
        return stored.get();
    }

    long journaled() {
        return journaled.get();
    }

    long lost() {
        return lost.get();
    }

    int queued() {
        return size.get();
    }

    boolean journalPending() {
        return journal.pending();
    }

    /** What keeps calls from the store, or from the journal, now; null when all is well. */
    String storeProblem() {
        String store = storeProblem;
        return store != null ? store : journalProblem;
    }

    private void run() {
        while (true) {
            boolean last = stopping;
            try {
                List<PendingCall> pending = new ArrayList<>();
                PendingCall p;
                while ((p = queue.poll()) != null) {
                    size.decrementAndGet();
                    queuedBytes.addAndGet(-p.retainedBytes);
                    pending.add(p);
                    if (pending.size() == BATCH) {
                        record(pending);
                        pending = new ArrayList<>();
                    }
                }
                if (!pending.isEmpty()) {
                    record(pending);
                }
                checkpoint();
                if (journal.pending() && System.nanoTime() - nextReplay >= 0) {
                    replay();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "proxy recorder", e);
            }
            if (last) {
                return; // stopping was set before this final drain
            }
            LockSupport.parkNanos(this, DRAIN_NANOS);
        }
    }

    private void record(List<PendingCall> pending) {
        List<ProxyCall> batch = new ArrayList<>(pending.size());
        for (PendingCall p : pending) {
            batch.add(p.record); // decoded and journaled by submit() before it was queued
        }
        notifyListeners(batch);
        write(pending, batch);
    }

    /**
     * Writes to the store even while older calls wait in the journal: every row is keyed and the
     * usage upsert keeps the larger copy, so the order of writes does not matter.
     */
    private void write(List<PendingCall> pending, List<ProxyCall> batch) {
        if (storeProblem != null && System.nanoTime() - nextReplay < 0) {
            leaveInJournal(pending); // the store failed moments ago: do not wait on it again yet
            return;
        }
        try {
            store.write(batch);
            stored.addAndGet(batch.size());
            storeProblem = null;
            for (PendingCall p : pending) {
                if (p.segment != null) {
                    journal.stored(p.segment, 1);
                }
            }
        } catch (RuntimeException e) {
            storeProblem = e.getMessage();
            nextReplay = System.nanoTime() + RETRY_NANOS;
            leaveInJournal(pending);
        }
    }

    /** The store did not take these calls: their journal copies are kept for a replay. */
    private void leaveInJournal(List<PendingCall> pending) {
        List<ProxyCall> notJournaled = new ArrayList<>();
        for (PendingCall p : pending) {
            if (p.segment != null) {
                journal.unstored(p.segment, 1);
                journaled.incrementAndGet();
            } else {
                notJournaled.add(p.record);
            }
        }
        if (notJournaled.isEmpty()) {
            return;
        }
        try {
            journal.appendForReplay(notJournaled);
            journaled.addAndGet(notJournaled.size());
        } catch (IOException | RuntimeException e) {
            lost.addAndGet(notJournaled.size());
            storeProblem = "The journal " + journal.file() + " cannot be written (" + e.getMessage() + "); "
                    + lost.get() + " call records lost.";
        }
    }

    private void checkpoint() {
        try {
            journal.checkpoint();
        } catch (IOException | RuntimeException e) {
            journalProblem = "The journal " + journal.file() + " cannot be tidied (" + e.getMessage() + ").";
        }
    }

    private void replay() {
        try {
            long n = journal.replay(chunk -> {
                store.write(chunk);
                stored.addAndGet(chunk.size());
            });
            if (n > 0) {
                storeProblem = null;
            }
        } catch (IOException | RuntimeException e) {
            storeProblem = e.getMessage();
            nextReplay = System.nanoTime() + RETRY_NANOS;
        }
    }

    private void notifyListeners(List<ProxyCall> batch) {
        for (Consumer<ProxyCall> l : listeners) {
            for (ProxyCall c : batch) {
                try {
                    l.accept(c);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "proxy listener", e);
                }
            }
        }
    }

    /** Writes what is queued (or journals it), then stops. */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint();
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the journal", e);
        }
    }
}
