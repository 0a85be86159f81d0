package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.Fixtures;
import io.headroom.testing.TestWorkspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel parsing stores exactly what one reader stores: the same rows, with the same row ids,
 * whatever order the threads finish in. The generated corpus has the cases where order could
 * show: one response copied into several files with equal token totals split differently (the
 * first copy stored is kept), sidechain copies, and files of more than one batch.
 */
class ParallelImportDeterminismTest {

    private static final String DUMP = "SELECT * FROM usage_event ORDER BY id";
    private static final String DUMP_ERRORS = "SELECT * FROM error_event ORDER BY id";
    private static final String DUMP_PROMPTS = "SELECT * FROM prompt_event ORDER BY id";
    private static final String SCHEMA = "SELECT name, sql FROM sqlite_master ORDER BY name";
    /** The buckets as a read leaves them (summed again from the events where marked). */
    private static final String BUCKETS = "SELECT * FROM usage_bucket ORDER BY bucket, model";

    @TempDir
    Path tmp;

    @Test
    void theFixtureCorpusImportsIdenticallyWithOneTwoAndFourReaders() {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        String sequential = importAndDump(claude, "seq", 1);
        for (int run = 0; run < 5; run++) {
            for (int threads : new int[] {2, 4}) {
                assertThat(importAndDump(claude, "par" + run + "-" + threads, threads)).isEqualTo(sequential);
            }
        }
        try (TestWorkspace ws = new TestWorkspace(tmp.resolve("check"), claude)) {
            ws.importWith(options(2));
            assertThat(ws.usageTotals()).containsExactly(FixtureImportTest.EXPECTED);
        }
    }

    @Test
    void copiesAcrossFilesKeepTheSameWinnerWithParallelReaders() {
        Path claude = tmp.resolve("generated");
        long[] totals = writeCorpus(claude, 20261207L);
        String sequential = importAndDump(claude, "seq", 1);
        for (int run = 0; run < 5; run++) {
            assertThat(importAndDump(claude, "par" + run, 2)).isEqualTo(sequential);
        }
        try (TestWorkspace ws = new TestWorkspace(tmp.resolve("check"), claude)) {
            ws.importWith(options(2));
            // One row per response; each response's copies share a total, so the sum is exact whatever won.
            assertThat(ws.usageTotals()[4]).isEqualTo(totals[1]);
            assertThat(ws.scalar("SELECT SUM(total_tokens) FROM usage_event")).isEqualTo(totals[0]);
        }
    }

    @Test
    void aFirstImportAsABulkLoadStoresExactlyWhatTheUsualWayStores() {
        Path claude = tmp.resolve("generated");
        writeCorpus(claude, 20261208L);
        String usual = importAndDump(claude, "usual", 2);
        String usualBuckets;
        String usualSchema;
        try (TestWorkspace ws = new TestWorkspace(tmp.resolve("usual"), claude)) {
            usualBuckets = dump(ws, BUCKETS);
            usualSchema = dump(ws, SCHEMA);
        }
        try (TestWorkspace ws = new TestWorkspace(tmp.resolve("bulk"), claude)) {
            var w = ws.workspace();
            ClaudeCodeImporter importer = new ClaudeCodeImporter(w.database(), w.prices().table(), w.prices().fingerprint(),
                    java.time.ZoneOffset.UTC).bulkLoadFrom(0);
            ImportReport report = importer.run(w.discoverClaudeCode(java.util.List.of(claude)), options(2));
            assertThat(report.completed()).isTrue();
            assertThat(report.problems()).isEmpty();
            assertThat(dump(ws, DUMP) + dump(ws, DUMP_ERRORS) + dump(ws, DUMP_PROMPTS)).isEqualTo(usual);
            assertThat(dump(ws, SCHEMA)).isEqualTo(usualSchema).contains("usage_event_ts|", "usage_bucket_add|");
            assertThat(dump(ws, BUCKETS)).isEqualTo(usualBuckets).isNotEmpty();
            assertThat(dump(ws, "SELECT key FROM meta WHERE key LIKE 'bulk%'")).isEmpty();
        }
    }

    /** Returns {the sum of every response's kept total, the number of responses}. */
    private static long[] writeCorpus(Path claude, long seed) {
        Random random = new Random(seed);
        int files = 24;
        TranscriptBuilder[] builders = new TranscriptBuilder[files];
        for (int f = 0; f < files; f++) {
            builders[f] = new TranscriptBuilder();
        }
        long sum = 0;
        int responses = 6_000;
        for (int m = 0; m < responses; m++) {
            // Most responses land in file 0, which becomes several batches; the rest are spread out.
            int copies = 1 + random.nextInt(3);
            long total = 1_000 + random.nextInt(50_000);
            sum += total;
            boolean sidechainOnly = random.nextInt(10) == 0;
            for (int c = 0; c < copies; c++) {
                int file = m < 4_500 && c == 0 ? 0 : 1 + random.nextInt(files - 1);
                long in = 1 + random.nextInt((int) (total / 2));
                long out = total - in;
                String ts = String.format("2026-11-%02dT%02d:%02d:00.000Z", 1 + m % 28, c * 3 + m % 3, m % 60);
                boolean sidechain = sidechainOnly || (c > 0 && random.nextBoolean());
                // A subagent's copy may carry its own request id: another dedup key, same message id.
                String request = sidechain && random.nextBoolean() ? "req_" + m + "_side" + c : "req_" + m;
                builders[file].assistant("msg_" + m, request, "claude-sonnet-4-6", in, out, 0, 0, 0, sidechain, ts);
            }
        }
        for (int f = 0; f < files; f++) {
            builders[f].writeTo(claude.resolve("projects").resolve("-p" + (f % 3)).resolve("session-" + f + ".jsonl"));
        }
        return new long[] {sum, responses};
    }

    private String importAndDump(Path claude, String name, int threads) {
        try (TestWorkspace ws = new TestWorkspace(tmp.resolve(name), claude)) {
            ImportReport report = ws.importWith(options(threads));
            assertThat(report.completed()).isTrue();
            assertThat(report.problems()).isEmpty();
            return dump(ws, DUMP) + dump(ws, DUMP_ERRORS) + dump(ws, DUMP_PROMPTS);
        }
    }

    private static ImportOptions options(int threads) {
        return new ImportOptions(threads, new AtomicBoolean(), -1, ImportProgress.NONE);
    }

    private static String dump(TestWorkspace ws, String sql) {
        StringBuilder out = new StringBuilder();
        try (Connection c = ws.workspace().database().openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    out.append(rs.getString(i)).append('|');
                }
                out.append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out.toString();
    }
}
