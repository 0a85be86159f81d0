package io.headroom.ingest.claudecode;

import io.headroom.store.EventBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Hands the batches of parallel readers to the store in plan order: every batch of file 0, then
 * every batch of file 1, and so on, whatever order the threads finish in. The store then sees the
 * same sequence as a single reader would give it, so which copy a tie in the dedup keeps never
 * depends on scheduling.
 *
 * <p>Memory stays bounded: the file at the head of the order passes its batches straight on, at
 * most {@code maxInFlight} permits of them waiting to be committed; the readers ahead of the head
 * keep at most {@code maxHeld} permits of batches between them, then wait (a batch weighs one
 * permit per 512 events). Files are started in plan order, so the head is always being read or
 * done, and a waiting reader never waits for itself.
 */
final class OrderedHandoff {

    private final Function<EventBatch, CompletableFuture<Void>> store;
    private final int maxHeld;
    private final List<ArrayDeque<EventBatch>> held;
    private final boolean[] done;
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private int head;
    private int heldCount;
    private final Semaphore inFlight;
    private boolean dropping;

    /**
     * A batch takes one permit per {@value #EVENTS_PER_PERMIT} events: many small files' batches
     * can wait for the store together (fewer, larger transactions), while a big file's full batches
     * are held only a few at a time, so memory stays flat with file size.
     */
    static final int EVENTS_PER_PERMIT = 512;
    private final int maxInFlight;

    OrderedHandoff(int files, int maxHeld, int maxInFlight, Function<EventBatch, CompletableFuture<Void>> store) {
        this.store = store;
        this.maxHeld = maxHeld;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.held = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            held.add(null);
        }
        this.done = new boolean[files];
    }

    /** A batch of file {@code index}; waits while too much is held or waiting for the store. */
    synchronized void accept(int index, EventBatch batch) throws InterruptedException {
        while (!dropping && index != head && heldCount >= maxHeld) {
            wait();
        }
        if (dropping) {
            return;
        }
        if (index != head) {
            ArrayDeque<EventBatch> q = held.get(index);
            if (q == null) {
                q = new ArrayDeque<>();
                held.set(index, q);
            }
            q.add(batch);
            heldCount += permits(batch);
            return;
        }
        pass(batch);
    }

    /** File {@code index} has no more batches (read to its end, failed or stopped). */
    synchronized void fileDone(int index) throws InterruptedException {
        done[index] = true;
        if (index != head) {
            return;
        }
        while (head < done.length && done[head]) {
            head++;
            if (head < done.length && held.get(head) != null) {
                // The next file was read ahead: what it kept goes on first, in its order.
                ArrayDeque<EventBatch> q = held.get(head);
                held.set(head, null);
                for (EventBatch b : q) {
                    heldCount -= permits(b);
                    pass(b);
                }
            }
        }
        notifyAll();
    }

    /**
     * From now on batches are dropped instead of stored (cancel, or a simulated crash): what was
     * not handed on is read again next time, as its files' positions were not saved either.
     */
    synchronized void drop() {
        dropping = true;
        notifyAll();
    }

    /** Every write handed to the store, to wait for and collect failures from. */
    synchronized List<CompletableFuture<Void>> writes() {
        return List.copyOf(writes);
    }

    /**
     * Waits for room among the writes in flight while holding this object's lock: the store's thread
     * completes writes without taking it (a semaphore, not this monitor), so the wait always ends.
     */
    private void pass(EventBatch batch) throws InterruptedException {
        if (dropping) {
            return;
        }
        int permits = permits(batch);
        inFlight.acquire(permits);
        CompletableFuture<Void> w = store.apply(batch);
        writes.add(w);
        w.whenComplete((ok, failure) -> inFlight.release(permits));
    }

    private int permits(EventBatch b) {
        int events = b.usage().size() + b.errors().size() + b.prompts().size();
        return Math.min(maxInFlight, Math.max(1, (events + EVENTS_PER_PERMIT - 1) / EVENTS_PER_PERMIT));
    }
}
