package io.headroom.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes the sums of the buckets usage_bucket_stale marks again from their events (V007): SQL sums
 * them as the GROUP BY over the events does, so the table holds the same figures, not a running
 * total that drifts with every repricing (UsageBucketPropertiesTest compares them exactly).
 */
final class BucketSums {

    /**
     * A read waits this long behind the writer (a long import queues batches) before it sums the
     * events itself; with the writer's queue full it does not queue at all.
     */
    static final long WAIT_MILLIS = 250;

    /**
     * What a bucket holds per model, in usage_bucket's column order after (bucket, model): one
     * definition for the table's sums and for the GROUP BY over the events they stand for
     * (UsageQueries#buckets), so the two cannot differ.
     */
    static final String SUMS = "SUM(input_tokens), SUM(output_tokens), SUM(cache_write_5m), SUM(cache_write_1h),"
            + " SUM(cache_read), SUM(cost_usd), COUNT(*)";

    /** CROSS JOIN keeps the few stale buckets outside and reads each one's events by time (else SQLite scans every event). */
    static final String RESUM = """
            INSERT INTO usage_bucket
              SELECT s.bucket, e.model, %s
              FROM usage_bucket_stale s CROSS JOIN usage_event e
                ON e.ts > s.bucket * 900000 - 900000 AND e.ts < s.bucket * 900000 + 900000 AND e.ts / 900000 = s.bucket
              GROUP BY s.bucket, e.model
            """.formatted(SUMS);

    private static final String RESUM_ALL = """
            INSERT INTO usage_bucket
              SELECT ts / 900000, model, %s
              FROM usage_event GROUP BY ts / 900000, model
            """.formatted(SUMS);

    private BucketSums() {
    }

    /** A question to usage_bucket. */
    interface Query<T> {
        T ask(Connection c) throws SQLException;
    }

    /**
     * Asks usage_bucket once no bucket is stale, summing the stale ones again first; null when that
     * cannot be done now (the writer is busy with a long import, or cannot write, or a
     * {@link BulkLoad} is under way), and the caller asks the events instead. The check and the
     * question share one snapshot, so a write committed in between cannot slip past the check.
     */
    static <T> T read(Database database, Query<T> query) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Connection c = database.openReader()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM usage_bucket_stale),"
                                + " EXISTS (SELECT 1 FROM meta WHERE key = '" + BulkLoad.OWNER_KEY + "')")) {
                    if (rs.getInt(2) == 1) {
                        return null; // a bulk load marks no buckets until it ends: only the events are current
                    }
                    if (rs.getInt(1) == 0) {
                        return query.ask(c);
                    }
                } finally {
                    c.rollback();
                }
            } catch (SQLException e) {
                throw new StoreException("Cannot read usage: " + e.getMessage(), e);
            }
            if (!refresh(database)) {
                return null;
            }
        }
        return null;
    }

    /** Whether the stale buckets were summed again (false: the writer is busy or failed; nothing is lost). */
    static boolean refresh(Database database) {
        StoreWriter writer = database.writer();
        if (writer.isWriterThread()) {
            return false;
        }
        CompletableFuture<Void> done = writer.trySubmit(BucketSums::resum);
        try {
            done.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Every bucket summed again from the events (after a bulk load, which marked none). */
    static void resumAll(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM usage_bucket");
            s.executeUpdate(RESUM_ALL);
            s.executeUpdate("DELETE FROM usage_bucket_stale");
        }
    }

    static void resum(Connection c) throws SQLException {
        if (UsageQueries.scalar(c, "SELECT NOT EXISTS (SELECT 1 FROM usage_bucket)") == 1) {
            // after a first import every bucket is stale: one pass over the events, not one per bucket
            resumAll(c);
            return;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM usage_bucket WHERE bucket IN (SELECT bucket FROM usage_bucket_stale)");
            s.executeUpdate(RESUM);
            s.executeUpdate("DELETE FROM usage_bucket_stale");
        }
    }
}
