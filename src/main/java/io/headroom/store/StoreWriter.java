package io.headroom.store;

import io.headroom.work.BackgroundWork;
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

    private final Connection connection;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    StoreWriter(Connection connection) {
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
            inTransaction(batch);
            batch.forEach(t -> t.done.complete(null));
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).done.completeExceptionally(wrap(e));
                return;
            }
            for (Task t : batch) {
                try {
                    inTransaction(List.of(t));
                    t.done.complete(null);
                } catch (SQLException | RuntimeException single) {
                    t.done.completeExceptionally(wrap(single));
                }
            }
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
                LOG.log(Level.WARNING, "rollback failed", rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static StoreException wrap(Throwable e) {
        return e instanceof StoreException se ? se : new StoreException(describe(e), e);
    }

    /** SQLite's busy and read-only errors in words. */
    static String describe(Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
            return "The database is locked by another program; nothing was lost, try again shortly. (" + m + ")";
        }
        if (m.contains("SQLITE_READONLY")) {
            return "The database is read-only; nothing was written. (" + m + ")";
        }
        if (m.contains("SQLITE_FULL")) {
            return "The disk is full; nothing was written. (" + m + ")";
        }
        return "Writing to the database failed: " + m;
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
