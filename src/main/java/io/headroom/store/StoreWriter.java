package io.headroom.store;

import io.headroom.config.DiskFull;
import io.headroom.work.BackgroundWork;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer: one connection, one thread, fed by a bounded queue. Work queued meanwhile is
 * applied in one transaction; if that transaction fails, each piece is retried alone so one bad
 * piece cannot take the others down with it.
 */
public final class StoreWriter implements AutoCloseable {

    /** A piece of work run inside the writer's transaction. */
    @FunctionalInterface
    public interface Work {
        void apply(Connection connection) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(StoreWriter.class.getName());
    private static final int QUEUE_CAPACITY = 64;
    private static final int MAX_PER_TRANSACTION = 256;

    private record Task(Work work, CompletableFuture<Void> done) {
    }

    private static final Task STOP = new Task(c -> { }, new CompletableFuture<>());

    /** How long a write keeps retrying a busy database before it gives up and names the holder. */
    static final long BUSY_RETRY_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Path file;
    private final Connection connection;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    StoreWriter(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.thread = BackgroundWork.start("headroom-store-writer", this::run);
    }

    /** Queues work; waits while the queue is full (back-pressure on fast producers). */
    public CompletableFuture<Void> submit(Work work) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreException("The store is closed."));
        }
        Task task = new Task(work, new CompletableFuture<>());
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.done.completeExceptionally(e);
        }
        return task.done;
    }

    /** As {@link #submit}, but fails at once instead of waiting when the queue is full (a big import fills it). */
    CompletableFuture<Void> trySubmit(Work work) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreException("The store is closed."));
        }
        Task task = new Task(work, new CompletableFuture<>());
        return queue.offer(task) ? task.done : CompletableFuture.failedFuture(new StoreException("The writer is busy."));
    }

    /** Whether the caller is the writer itself (work that waited for other work here would wait forever). */
    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs work and waits for it to be committed. */
    public void execute(Work work) {
        try {
            submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while writing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(describe(cause), cause);
        }
    }

    private void run() {
        List<Task> batch = new ArrayList<>(MAX_PER_TRANSACTION);
        while (true) {
            try {
                Task first = queue.take();
                if (first == STOP) {
                    break;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_PER_TRANSACTION - 1);
                boolean stop = batch.remove(STOP);
                apply(batch);
                batch.clear();
                if (stop) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failPending();
        Database.closeQuietly(connection);
    }

    private void apply(List<Task> batch) {
        try {
            inTransactionRetryingBusy(batch);
            batch.forEach(t -> t.done.complete(null));
        } catch (SQLException | RuntimeException e) {
            // A full disk or a database another process keeps locked fails every piece alike: retrying
            // each alone would only repeat the same failure once per row.
            if (batch.size() == 1 || DiskFull.is(e) || isBusy(e)) {
                StoreException failure = wrap(e);
                batch.forEach(t -> t.done.completeExceptionally(failure));
                return;
            }
            for (Task t : batch) {
                try {
                    inTransactionRetryingBusy(List.of(t));
                    t.done.complete(null);
                } catch (SQLException | RuntimeException single) {
                    t.done.completeExceptionally(wrap(single));
                }
            }
        }
    }

    /**
     * Another Headroom process (the window, a command, the proxy) may hold the write lock longer
     * than SQLite's busy timeout, or have committed since this connection's snapshot
     * (SQLITE_BUSY_SNAPSHOT, which SQLite never waits on): retried with a growing pause, bounded.
     */
    private void inTransactionRetryingBusy(List<Task> tasks) throws SQLException {
        long deadline = System.nanoTime() + BUSY_RETRY_NANOS;
        long pauseMillis = 25;
        while (true) {
            try {
                inTransaction(tasks);
                return;
            } catch (SQLException | RuntimeException e) {
                if (!isBusy(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("Interrupted while waiting for the database " + file);
            }
            pauseMillis = Math.min(1000, pauseMillis * 2);
        }
    }

    private void inTransaction(List<Task> tasks) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (Task t : tasks) {
                t.work.apply(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                // SQLite has already rolled back after SQLITE_FULL and some I/O errors; the cause is e.
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.log(Level.FINE, "could not leave the transaction on " + file, e);
            }
        }
    }

    /**
     * SQLITE_BUSY: another connection holds the lock, which waiting can outlast. Not SQLITE_LOCKED
     * ("A table in the database is locked"), a conflict within this connection that no wait resolves.
     */
    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_BUSY") || m.contains("database is locked") && !m.contains("SQLITE_LOCKED")) {
                return true;
            }
        }
        return false;
    }

    private StoreException wrap(Throwable e) {
        return e instanceof StoreException se && !DiskFull.is(e) ? se : new StoreException(describe(e), e);
    }

    /** SQLite's busy, read-only and full-disk errors in words that name the file. */
    private String describe(Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (DiskFull.is(e)) {
            return DiskFull.message(file.getParent());
        }
        if (isBusy(e)) {
            String holder = LockHolders.describe(file);
            return "The database " + file + " is locked by another program" + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + "; nothing was lost, try again shortly.";
        }
        if (m.contains("SQLITE_READONLY")) {
            return "The database " + file + " is read-only; nothing was written. (" + m + ")";
        }
        return "Writing to the database " + file + " failed: " + m;
    }

    private void failPending() {
        List<Task> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Task t : rest) {
            t.done.completeExceptionally(new StoreException("The store was closed before this was written."));
        }
    }

    /** Finishes the queued work, then closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
