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
 * Takes finished calls off the request threads. One thread decodes them, tells listeners, and
 * writes them to the store in batches. While the store fails, calls go to the journal (and so
 * does anything that finds the in-memory queue full); the journal is replayed into the store
 * once it takes writes again. A call is lost only if the journal cannot be written either, and
 * then it is counted.
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

    /** Called on request threads; never blocks on the store. */
    void submit(PendingCall call) {
        received.incrementAndGet();
        long bytes = call.retained();
        call.retainedBytes = bytes;
        boolean roomForOne = size.incrementAndGet() <= capacity;
        boolean roomForBytes = queuedBytes.addAndGet(bytes) <= MAX_QUEUED_BYTES;
        if (roomForOne && roomForBytes) {
            queue.add(call);
            return;
        }
        size.decrementAndGet(); // over either bound: decoded here and journaled
        queuedBytes.addAndGet(-bytes);
        ProxyCall record = call.toRecord();
        notifyListeners(List.of(record));
        spill(List.of(record), false);
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

    String storeProblem() {
        return storeProblem;
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
            batch.add(p.toRecord());
        }
        notifyListeners(batch);
        write(batch);
    }

    /**
     * Writes to the store even while older calls wait in the journal: every row is keyed and the
     * usage upsert keeps the larger copy, so the order of writes does not matter.
     */
    private void write(List<ProxyCall> batch) {
        if (storeProblem != null && System.nanoTime() - nextReplay < 0) {
            spill(batch, true); // the store failed moments ago: do not wait on it again yet
            return;
        }
        try {
            store.write(batch);
            stored.addAndGet(batch.size());
            storeProblem = null;
        } catch (RuntimeException e) {
            storeProblem = e.getMessage();
            nextReplay = System.nanoTime() + RETRY_NANOS;
            spill(batch, true);
        }
    }

    /** @param sync force the journal to disk (the recorder thread); request threads do not wait for that */
    private void spill(List<ProxyCall> batch, boolean sync) {
        try {
            journal.append(batch, sync);
            journaled.addAndGet(batch.size());
        } catch (IOException | RuntimeException e) {
            lost.addAndGet(batch.size());
            storeProblem = "The journal " + journal.file() + " cannot be written (" + e.getMessage() + "); "
                    + lost.get() + " call records lost.";
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
    }
}
