package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.Fixtures;
import io.headroom.testing.TestWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Claude Code 2.1.197 transcripts import to exactly the totals in their README. */
class FixtureImportTest {

    static final long[] EXPECTED = {55126, 166, 55116, 110237, 10};

    @TempDir
    Path tmp;

    @Test
    void importsExactlyTheReadmeTotals() {
        try (TestWorkspace ws = new TestWorkspace(tmp, Fixtures.claudeDir(tmp.resolve("claude")))) {
            ImportReport report = ws.importAll();

            assertThat(ws.usageTotals()).containsExactly(EXPECTED);
            assertThat(ws.scalar("SELECT COUNT(*) FROM usage_event WHERE model = 'claude-opus-4-8'")).isEqualTo(7);
            assertThat(ws.scalar("SELECT COUNT(*) FROM usage_event WHERE model = 'claude-haiku-4-5-20251001'")).isEqualTo(2);
            assertThat(ws.scalar("SELECT COUNT(*) FROM usage_event WHERE model = 'claude-sonnet-4-6'")).isEqualTo(1);
            assertThat(ws.scalar("SELECT COUNT(*) FROM usage_event WHERE cache_write_1h > 0")).isZero();
            assertThat(ws.scalar("SELECT COUNT(*) FROM usage_event WHERE model = '<synthetic>'")).isZero();
            assertThat(report.files().found()).isEqualTo(11);
            assertThat(report.files().added()).isEqualTo(11);
            assertThat(report.linesRead()).isEqualTo(96);
            assertThat(report.skippedTotal()).isZero();
            assertThat(report.problems()).isEmpty();
            assertThat(report.unknownModels()).isEmpty();
        }
    }

    @Test
    void recordsTheFourApiErrorsAndTheSessionLimit() {
        try (TestWorkspace ws = new TestWorkspace(tmp, Fixtures.claudeDir(tmp.resolve("claude")))) {
            ImportReport report = ws.importAll();

            assertThat(report.errorEvents()).isEqualTo(4);
            assertThat(report.limitHits()).isEqualTo(1);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event")).isEqualTo(4);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event WHERE error_type = 'rate_limit' AND http_status = 429"))
                    .isEqualTo(2);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event WHERE error_type = 'server_error' AND http_status = 529"))
                    .isEqualTo(1);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event WHERE error_type = 'server_error'"
                    + " AND http_status IS NULL AND category = 'connection'")).isEqualTo(1);
            // The subscriber 429 says "resets 6:42pm (UTC)" on a line written 2026-11-27T17:42:00.443Z.
            assertThat(ws.scalar("SELECT reset_at FROM error_event WHERE category = 'usage_limit'"
                    + " AND limit_window = 'five_hour'"))
                    .isEqualTo(Instant.parse("2026-11-27T18:42:00Z").toEpochMilli());
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event WHERE category = 'rate_limit'")).isEqualTo(1);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event WHERE category = 'overloaded'")).isEqualTo(1);
        }
    }

    @Test
    void aFailedCallSeenAlsoByTheProxyIsOneError() {
        try (TestWorkspace ws = new TestWorkspace(tmp, Fixtures.claudeDir(tmp.resolve("claude")))) {
            ws.importAll();
            // The proxy's record of the API-key 429 of session 358a6ec1 (request-id from the response header).
            io.headroom.domain.ErrorEvent proxied = new io.headroom.domain.ErrorEvent(
                    io.headroom.domain.ErrorEvent.dedupKey("req_01A16BA97E81E500000003", "proxy:1"),
                    io.headroom.domain.UsageSource.PROXY, Instant.parse("2026-11-27T17:41:58.600Z"),
                    io.headroom.domain.ErrorCategory.RATE_LIMIT, "rate_limit_error", 429, null, null, "rate_limit_error",
                    null, null, "req_01A16BA97E81E500000003");
            new io.headroom.store.EventStore(ws.workspace().database()).writeNow(new io.headroom.store.EventBatch(
                    List.of(), List.of(proxied), List.of(), List.of(), null));
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event")).isEqualTo(4);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event WHERE request_id = 'req_01A16BA97E81E500000003'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void theCutStreamsPartialLineCountsAndIsMarkedIncomplete() {
        try (TestWorkspace ws = new TestWorkspace(tmp, Fixtures.claudeDir(tmp.resolve("claude")))) {
            ws.importAll();
            assertThat(ws.scalar("SELECT output_tokens FROM usage_event WHERE message_id = 'msg_01A16BA97E81E500000005'"))
                    .isEqualTo(1);
            assertThat(ws.scalar("SELECT incomplete FROM usage_event WHERE message_id = 'msg_01A16BA97E81E500000005'"))
                    .isEqualTo(1);
            assertThat(ws.scalar("SELECT COUNT(*) FROM usage_event WHERE incomplete = 1")).isEqualTo(1);
        }
    }

    @Test
    void aSecondRunReadsNothingAndCountsNothingTwice() {
        try (TestWorkspace ws = new TestWorkspace(tmp, Fixtures.claudeDir(tmp.resolve("claude")))) {
            ws.importAll();
            ImportReport second = ws.importAll();

            assertThat(second.files().unchanged()).isEqualTo(11);
            assertThat(second.bytesRead()).isZero();
            assertThat(ws.usageTotals()).containsExactly(EXPECTED);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event")).isEqualTo(4);
            assertThat(ws.scalar("SELECT COUNT(*) FROM prompt_event")).isEqualTo(second.prompts() + 12);
        }
    }

    @Test
    void appendedLinesAreReadAloneAndAddExactlyTheirUsage() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Path session = Fixtures.session(claude, "ed3fab39-d13c-48ad-91bd-fef673214d66");
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            ws.importAll();
            long sizeBefore = Files.size(session);
            String appended = assistantLine("msg_appended_1", "req_appended_1", 100, 20, 30, 40) + "\n"
                    // A second copy of the same response (another content block): counted once.
                    + assistantLine("msg_appended_1", "req_appended_1", 100, 20, 30, 40) + "\n";
            Files.writeString(session, appended, StandardOpenOption.APPEND);

            ImportReport second = ws.importAll();

            assertThat(second.files().appended()).isEqualTo(1);
            assertThat(second.files().unchanged()).isEqualTo(10);
            assertThat(second.bytesRead()).isEqualTo(Files.size(session) - sizeBefore);
            assertThat(ws.usageTotals()).containsExactly(EXPECTED[0] + 100, EXPECTED[1] + 20, EXPECTED[2] + 30,
                    EXPECTED[3] + 40, EXPECTED[4] + 1);
        }
    }

    @Test
    void aLineStillBeingWrittenIsLeftForTheNextRun() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Path session = Fixtures.session(claude, "ed3fab39-d13c-48ad-91bd-fef673214d66");
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            ws.importAll();
            String line = assistantLine("msg_partial", "req_partial", 7, 8, 9, 10);
            Files.writeString(session, line.substring(0, 60), StandardOpenOption.APPEND);

            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(EXPECTED);

            Files.writeString(session, line.substring(60) + "\n", StandardOpenOption.APPEND);
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(EXPECTED[0] + 7, EXPECTED[1] + 8, EXPECTED[2] + 9,
                    EXPECTED[3] + 10, EXPECTED[4] + 1);
        }
    }

    @Test
    void aCrashBetweenBatchesLosesNothingAndCountsNothingTwice() {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            // One reader thread, stopped after three batches: the state of a process killed mid-import.
            ImportReport crashed = ws.importWith(new ImportOptions(1, new AtomicBoolean(), 3, ImportProgress.NONE));
            assertThat(crashed.completed()).isFalse();
            assertThat(ws.scalar("SELECT COUNT(*) FROM import_file")).isEqualTo(3);
            long[] partial = ws.usageTotals();
            assertThat(partial[4]).isLessThan(EXPECTED[4]);

            ImportReport resumed = ws.importAll();
            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.files().unchanged()).isEqualTo(3);
            assertThat(resumed.files().added()).isEqualTo(8);
            assertThat(ws.usageTotals()).containsExactly(EXPECTED);
            assertThat(ws.scalar("SELECT COUNT(*) FROM error_event")).isEqualTo(4);
        }
    }

    @Test
    void deletedTranscriptsKeepTheirImportedUsage() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            ws.importAll();
            try (var files = Files.list(claude.resolve("projects").resolve(Fixtures.PROJECT))) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            ImportReport after = ws.importAll();
            assertThat(after.files().found()).isZero();
            assertThat(ws.usageTotals()).containsExactly(EXPECTED);
        }
    }

    @Test
    void aReplacedOrShrunkFileIsReadAgainWithoutDoubleCounting() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Path session = Fixtures.session(claude, "ed3fab39-d13c-48ad-91bd-fef673214d66");
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            ws.importAll();
            List<String> lines = Files.readAllLines(session, StandardCharsets.UTF_8);
            // Rewrite the file shorter (a new inode, fewer bytes): read from the start again.
            Path replacement = session.resolveSibling("replacement.tmp");
            Files.write(replacement, lines.subList(0, lines.size() - 2), StandardCharsets.UTF_8);
            Files.move(replacement, session, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            ImportReport after = ws.importAll();
            assertThat(after.files().reread()).isEqualTo(1);
            assertThat(ws.usageTotals()).containsExactly(EXPECTED);
        }
    }

    @Test
    void theHeadHashRecordedWhileReadingIsTheFilesOwn() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Path project = Fixtures.session(claude, "ed3fab39-d13c-48ad-91bd-fef673214d66").getParent();
        Files.createFile(project.resolve("empty.jsonl"));
        Files.writeString(project.resolve("short.jsonl"), assistantLine("msg_short", "req_short", 1, 2, 0, 0) + "\n");
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            ws.importAll();
            java.util.Map<String, String> stored = new java.util.HashMap<>();
            try (java.sql.Connection c = ws.workspace().database().openReader(); java.sql.Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT path, head_hash FROM import_file")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2));
                }
            }
            assertThat(stored).hasSize(13);
            for (java.util.Map.Entry<String, String> e : stored.entrySet()) {
                Path file = Path.of(e.getKey());
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(ClaudeCodeImporter.headHash(file, Files.size(file)));
            }
            assertThat(stored.get(project.resolve("empty.jsonl").toString())).startsWith("0:");
            long shortSize = Files.size(project.resolve("short.jsonl"));
            assertThat(shortSize).isLessThan(ClaudeCodeImporter.HEAD_BYTES);
            assertThat(stored.get(project.resolve("short.jsonl").toString())).startsWith(shortSize + ":");
            assertThat(stored.values()).anyMatch(h -> h.startsWith(ClaudeCodeImporter.HEAD_BYTES + ":"));
        }
    }

    @Test
    void aFileRewrittenInPlaceWithTheSameSizeIsReadAgainByItsHead() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Path session = Fixtures.session(claude, "ed3fab39-d13c-48ad-91bd-fef673214d66");
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            ws.importAll();
            // Same inode, same length, a different first byte ('{' -> ' ', whitespace the reader accepts), newer mtime.
            byte[] bytes = Files.readAllBytes(session);
            assertThat(bytes[0]).isEqualTo((byte) '{');
            bytes[0] = ' ';
            java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(session);
            Files.write(session, bytes, StandardOpenOption.TRUNCATE_EXISTING);
            Files.setLastModifiedTime(session, java.nio.file.attribute.FileTime.fromMillis(mtime.toMillis() + 5000));

            ImportReport after = ws.importAll();
            assertThat(after.files().reread()).isEqualTo(1);
            assertThat(after.files().unchanged()).isEqualTo(10);
            assertThat(ws.usageTotals()).containsExactly(EXPECTED);
        }
    }

    /** A store from before head hashes were kept: appends are read as appends, never taken for a replaced file. */
    @Test
    void anAppendToAFileRecordedWithoutAHeadHashStaysAnAppend() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Path session = Fixtures.session(claude, "ed3fab39-d13c-48ad-91bd-fef673214d66");
        try (TestWorkspace ws = new TestWorkspace(tmp, claude)) {
            ws.importAll();
            ws.workspace().database().writer().execute(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE import_file SET head_hash = NULL");
                }
            });
            Files.writeString(session, assistantLine("msg_late_1", "req_late_1", 1, 2, 0, 0) + "\n",
                    StandardOpenOption.APPEND);
            assertThat(ws.importAll().files().appended()).isEqualTo(1);
            Files.writeString(session, assistantLine("msg_late_2", "req_late_2", 1, 2, 0, 0) + "\n",
                    StandardOpenOption.APPEND);
            ImportReport second = ws.importAll();
            assertThat(second.files().appended()).isEqualTo(1);
            assertThat(second.files().reread()).isZero();
            assertThat(second.linesRead()).isEqualTo(1);
        }
    }

    static String assistantLine(String messageId, String requestId, long in, long out, long cacheWrite, long cacheRead) {
        return "{\"parentUuid\":null,\"isSidechain\":false,\"message\":{\"id\":\"" + messageId + "\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-opus-4-8\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],"
                + "\"usage\":{\"input_tokens\":" + in + ",\"cache_creation_input_tokens\":" + cacheWrite
                + ",\"cache_read_input_tokens\":" + cacheRead + ",\"output_tokens\":" + out
                + ",\"cache_creation\":{\"ephemeral_1h_input_tokens\":0,\"ephemeral_5m_input_tokens\":" + cacheWrite
                + "},\"speed\":\"standard\"}},\"requestId\":\"" + requestId + "\",\"type\":\"assistant\","
                + "\"uuid\":\"" + java.util.UUID.nameUUIDFromBytes((messageId + requestId).getBytes()) + "\","
                + "\"timestamp\":\"2026-11-27T18:00:00.000Z\",\"cwd\":\"/home/dev/cc-project\","
                + "\"sessionId\":\"ed3fab39-d13c-48ad-91bd-fef673214d66\"}";
    }
}
