package io.headroom.store;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.PromptEvent;
import io.headroom.domain.UsageEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.concurrent.CompletableFuture;

/**
 * Writes events with the dedup rules of the reference: one row per (message id, request id),
 * keeping the copy with the largest token total (on a tie, the one that records a speed); a
 * sidechain copy of a response is dropped when a main-chain copy with the same message id exists.
 * A call known only by its request id (Claude Code's telemetry) counts once with any copy that
 * also knows the message id: that copy wins, whichever arrives first.
 */
public final class EventStore {

    private static final String UPSERT_USAGE = """
            INSERT INTO usage_event (dedup_key, source, provenance, ts, model, input_tokens, output_tokens,
              cache_write_5m, cache_write_1h, cache_read, total_tokens, web_search_requests, web_fetch_requests,
              speed, cost_usd, priced_as, price_estimated, project, session_id, message_id, request_id,
              is_sidechain, incomplete)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (dedup_key) DO UPDATE SET
              source = excluded.source, provenance = excluded.provenance, ts = excluded.ts, model = excluded.model,
              input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
              cache_write_5m = excluded.cache_write_5m, cache_write_1h = excluded.cache_write_1h,
              cache_read = excluded.cache_read, total_tokens = excluded.total_tokens,
              web_search_requests = excluded.web_search_requests, web_fetch_requests = excluded.web_fetch_requests,
              speed = excluded.speed, cost_usd = excluded.cost_usd, priced_as = excluded.priced_as,
              price_estimated = excluded.price_estimated,
              project = COALESCE(excluded.project, usage_event.project),
              session_id = COALESCE(excluded.session_id, usage_event.session_id),
              is_sidechain = excluded.is_sidechain, incomplete = excluded.incomplete
            WHERE excluded.total_tokens > usage_event.total_tokens
               OR (excluded.total_tokens = usage_event.total_tokens AND usage_event.speed IS NULL
                   AND excluded.speed IS NOT NULL)
            """;
    // All copies of one message: keys in ['m:<id>|', 'm:<id>}') ('}' follows '|').
    private static final String SIDECHAIN_PEERS = "SELECT dedup_key, is_sidechain, total_tokens FROM usage_event"
            + " WHERE dedup_key >= ? AND dedup_key < ? AND dedup_key <> ?";
    private static final String DELETE_SIDECHAIN_PEERS = "DELETE FROM usage_event"
            + " WHERE dedup_key >= ? AND dedup_key < ? AND dedup_key <> ? AND is_sidechain = 1";
    /** A call known by its message id already stored (a transcript's or the proxy's copy); found near its time. */
    private static final String SAME_REQUEST_WITH_MESSAGE = "SELECT 1 FROM usage_event WHERE ts >= ? AND ts <= ?"
            + " AND request_id = ? AND message_id IS NOT NULL LIMIT 1";
    /** Copies known only by request id (telemetry), replaced by a copy that has the message id. */
    private static final String DELETE_REQUEST_ONLY = "DELETE FROM usage_event WHERE request_id = ? AND message_id IS NULL"
            + " AND dedup_key <> ?";
    /** Whether any copy known only by request id is stored (the partial index on request_id answers it). */
    private static final String REQUEST_ONLY_STORED = "SELECT EXISTS (SELECT 1 FROM usage_event INDEXED BY "
            + "usage_event_request_only WHERE message_id IS NULL)";
    /** How far apart the telemetry's and the transcript's times of one call may be (a long stream, a late flush). */
    private static final long SAME_CALL_WINDOW_MS = 6 * 3_600_000L;
    private static final String INSERT_ERROR = """
            INSERT OR IGNORE INTO error_event (dedup_key, source, ts, category, error_type, http_status,
              limit_window, reset_at, summary, project, session_id, request_id)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """;
    private static final String INSERT_PROMPT = """
            INSERT OR IGNORE INTO prompt_event (dedup_key, source, ts, count, project, session_id)
            VALUES (?,?,?,?,?,?)
            """;
    private static final String MARK_INCOMPLETE = "UPDATE usage_event SET incomplete = 1 WHERE dedup_key = ?";
    private static final String UPSERT_FILE = """
            INSERT INTO import_file (path, file_key, size, offset, mtime, head_hash, lines, skipped, first_seen,
              last_import)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            ON CONFLICT (path) DO UPDATE SET file_key = excluded.file_key, size = excluded.size,
              offset = excluded.offset, mtime = excluded.mtime, head_hash = excluded.head_hash,
              lines = excluded.lines, skipped = excluded.skipped, last_import = excluded.last_import
            """;

    private final StoreWriter writer;

    public EventStore(Database database) {
        this.writer = database.writer();
    }

    /** Queues the batch; the future completes when it is committed. */
    public CompletableFuture<Void> write(EventBatch batch) {
        return writer.submit(c -> apply(c, batch));
    }

    /** Writes and waits. */
    public void writeNow(EventBatch batch) {
        writer.execute(c -> apply(c, batch));
    }

    static void apply(Connection c, EventBatch batch) throws SQLException {
        if (!batch.usage().isEmpty()) {
            writeUsage(c, batch);
        }
        if (!batch.errors().isEmpty()) {
            PreparedStatement ps = Statements.prepare(c, INSERT_ERROR);
            for (ErrorEvent e : batch.errors()) {
                bindError(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (!batch.prompts().isEmpty()) {
            PreparedStatement ps = Statements.prepare(c, INSERT_PROMPT);
            for (PromptEvent p : batch.prompts()) {
                ps.setString(1, p.dedupKey());
                ps.setString(2, p.source().code());
                ps.setLong(3, p.timestamp().toEpochMilli());
                ps.setInt(4, p.count());
                setNullable(ps, 5, p.project());
                setNullable(ps, 6, p.sessionId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (!batch.incompleteKeys().isEmpty()) {
            PreparedStatement ps = Statements.prepare(c, MARK_INCOMPLETE);
            for (String key : batch.incompleteKeys()) {
                ps.setString(1, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (batch.fileState() != null) {
            writeFileState(c, batch.fileState());
        }
    }

    /** The copy a keep-max dedup keeps: more tokens, or as many and a recorded speed. */
    public static boolean wins(UsageEvent candidate, UsageEvent kept) {
        long a = candidate.tokens().total();
        long b = kept.tokens().total();
        return a > b || (a == b && kept.speed() == null && candidate.speed() != null);
    }

    private static void writeUsage(Connection c, EventBatch batch) throws SQLException {
        PreparedStatement upsert = Statements.prepare(c, UPSERT_USAGE);
        PreparedStatement peers = Statements.prepare(c, SIDECHAIN_PEERS);
        PreparedStatement deletePeers = Statements.prepare(c, DELETE_SIDECHAIN_PEERS);
        PreparedStatement deleteRequestOnly = null;
        // Copies known only by request id come from Claude Code's telemetry; most stores have none, and
        // then no copy needs looking for (the writer holds the write lock: nothing else adds one meanwhile).
        boolean requestOnlyStored = requestOnlyStored(c);
        for (UsageEvent e : batch.usage()) {
            if (e.messageId() != null && e.sidechain() && !sidechainCopyWins(peers, e)) {
                continue;
            }
            if (e.messageId() == null && e.requestId() != null && knownWithMessage(c, e)) {
                continue; // the transcript's or the proxy's copy of this call is already counted
            }
            bindUsage(upsert, e);
            upsert.executeUpdate();
            if (e.messageId() == null && e.requestId() != null) {
                requestOnlyStored = true;
            }
            if (e.messageId() != null) {
                bindRange(deletePeers, e);
                deletePeers.executeUpdate();
                if (e.requestId() != null && requestOnlyStored) {
                    if (deleteRequestOnly == null) {
                        deleteRequestOnly = Statements.prepare(c, DELETE_REQUEST_ONLY);
                    }
                    deleteRequestOnly.setString(1, e.requestId());
                    deleteRequestOnly.setString(2, e.dedupKey());
                    deleteRequestOnly.executeUpdate();
                }
            }
        }
    }

    private static boolean requestOnlyStored(Connection c) throws SQLException {
        PreparedStatement ps = Statements.prepare(c, REQUEST_ONLY_STORED);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    private static boolean knownWithMessage(Connection c, UsageEvent e) throws SQLException {
        PreparedStatement ps = Statements.prepare(c, SAME_REQUEST_WITH_MESSAGE);
        long at = e.timestamp().toEpochMilli();
        ps.setLong(1, at - SAME_CALL_WINDOW_MS);
        ps.setLong(2, at + SAME_CALL_WINDOW_MS);
        ps.setString(3, e.requestId());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static void bindRange(PreparedStatement ps, UsageEvent e) throws SQLException {
        String prefix = UsageEvent.messagePrefix(e.messageId());
        ps.setString(1, prefix);
        ps.setString(2, prefix.substring(0, prefix.length() - 1) + '}');
        ps.setString(3, e.dedupKey());
    }

    /**
     * A sidechain copy counts only if no main-chain copy of the same message exists and it is
     * larger than any other sidechain copy; the losing sidechain copies are then deleted.
     */
    private static boolean sidechainCopyWins(PreparedStatement peers, UsageEvent e) throws SQLException {
        bindRange(peers, e);
        try (ResultSet rs = peers.executeQuery()) {
            while (rs.next()) {
                if (rs.getInt(2) == 0) {
                    return false;
                }
                if (rs.getLong(3) >= e.tokens().total()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void bindUsage(PreparedStatement ps, UsageEvent e) throws SQLException {
        ps.setString(1, e.dedupKey());
        ps.setString(2, e.source().code());
        ps.setString(3, e.provenance().code());
        ps.setLong(4, e.timestamp().toEpochMilli());
        ps.setString(5, e.model());
        ps.setLong(6, e.tokens().input());
        ps.setLong(7, e.tokens().output());
        ps.setLong(8, e.tokens().cacheWrite5m());
        ps.setLong(9, e.tokens().cacheWrite1h());
        ps.setLong(10, e.tokens().cacheRead());
        ps.setLong(11, e.tokens().total());
        ps.setInt(12, e.webSearchRequests());
        ps.setInt(13, e.webFetchRequests());
        setNullable(ps, 14, e.speed() == null ? null : e.speed().code());
        ps.setDouble(15, e.costUsd());
        ps.setString(16, e.pricedAs());
        ps.setInt(17, e.priceEstimated() ? 1 : 0);
        setNullable(ps, 18, e.project());
        setNullable(ps, 19, e.sessionId());
        setNullable(ps, 20, e.messageId());
        setNullable(ps, 21, e.requestId());
        ps.setInt(22, e.sidechain() ? 1 : 0);
        ps.setInt(23, e.incomplete() ? 1 : 0);
    }

    private static void bindError(PreparedStatement ps, ErrorEvent e) throws SQLException {
        ps.setString(1, e.dedupKey());
        ps.setString(2, e.source().code());
        ps.setLong(3, e.timestamp().toEpochMilli());
        ps.setString(4, e.category().code());
        setNullable(ps, 5, e.errorType());
        if (e.httpStatus() == null) {
            ps.setNull(6, Types.INTEGER);
        } else {
            ps.setInt(6, e.httpStatus());
        }
        setNullable(ps, 7, e.limitWindow() == null ? null : e.limitWindow().code());
        if (e.resetAt() == null) {
            ps.setNull(8, Types.INTEGER);
        } else {
            ps.setLong(8, e.resetAt().toEpochMilli());
        }
        setNullable(ps, 9, e.summary());
        setNullable(ps, 10, e.project());
        setNullable(ps, 11, e.sessionId());
        setNullable(ps, 12, e.requestId());
    }

    private static void writeFileState(Connection c, FileState f) throws SQLException {
        PreparedStatement ps = Statements.prepare(c, UPSERT_FILE);
        {
            long now = System.currentTimeMillis();
            ps.setString(1, f.path());
            setNullable(ps, 2, f.fileKey());
            ps.setLong(3, f.size());
            ps.setLong(4, f.offset());
            ps.setLong(5, f.mtimeMillis());
            setNullable(ps, 6, f.headHash());
            ps.setLong(7, f.lines());
            ps.setLong(8, f.skipped());
            ps.setLong(9, now);
            ps.setLong(10, now);
            ps.executeUpdate();
        }
    }

    static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }
}
