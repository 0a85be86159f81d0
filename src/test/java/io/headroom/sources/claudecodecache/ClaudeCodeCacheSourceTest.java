package io.headroom.sources.claudecodecache;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.service.Workspace;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceRegistry;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import io.headroom.store.WindowQueries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude Code's cached usage, read from a real {@code .claude.json} in a temporary home into a real store. */
class ClaudeCodeCacheSourceTest {

    private static final long FETCHED_MS = 1_785_000_000_000L; // 2026-07-25T17:20:00Z
    private static final Instant FETCHED = Instant.ofEpochMilli(FETCHED_MS);
    /** Private data next to the cache in the real file; none of it may reach the store. */
    private static final String PRIVATE = "\"oauthAccount\": {\"emailAddress\": \"someone-secret@example.com\","
            + " \"accountUuid\": \"acct-5f1d\"}, \"projects\": {\"/home/u/secret-project\": {\"history\":"
            + " [{\"display\": \"a private prompt\"}]}}, \"userID\": \"uid-8c2e\"";

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private Workspace workspace(Map<String, String> env) {
        return new Workspace(new DataDirectory(tmp.resolve("data")), null, env, home());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ClaudeCodeCacheSourceTest.class.getResourceAsStream("/fixtures/usage/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path writeCache(Path file, String cacheObject) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{" + PRIVATE + ", \"cachedUsageUtilization\": " + cacheObject
                + ", \"numStartups\": 41}");
        return file;
    }

    private static List<UtilizationSample> stored(Workspace ws) {
        return new WindowQueries(ws.database()).samples(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    private static SourceRegistry.Entry cacheEntry(List<SourceRegistry.Entry> entries) {
        return entries.stream().filter(e -> e.source().id().equals("claude_code_cache")).findFirst().orElseThrow();
    }

    @Test
    void readsTheCacheAsOfficialSamplesAtClaudeCodesFetchTime() throws Exception {
        writeCache(home().resolve(".claude.json"), "{\"fetchedAtMs\": " + FETCHED_MS + ", \"accountUuid\": \"x\","
                + " \"utilization\": " + fixture("limits-newer.json") + "}");
        try (Workspace ws = workspace(Map.of())) {
            ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults());

            List<UtilizationSample> samples = stored(ws);
            assertThat(samples).extracting(UtilizationSample::window, UtilizationSample::usedPercent,
                    UtilizationSample::resetsAt, UtilizationSample::model).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(LimitWindow.FIVE_HOUR, 13.4,
                                    Instant.parse("2026-07-25T07:50:00.152Z"), null),
                            org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY, 47.2,
                                    Instant.parse("2026-07-28T21:00:00Z"), null),
                            org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_OPUS, 81.25,
                                    Instant.parse("2026-07-29T01:15:30.5Z"), "Opus 4.8"),
                            org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_SONNET, 0.0, null, "Sonnet 4.6"),
                            org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_SCOPED, 3.5,
                                    Instant.parse("2026-07-28T21:00:00Z"), "cowork"));
            assertThat(samples).allSatisfy(s -> {
                assertThat(s.source()).isEqualTo(UsageSource.CLAUDE_CODE_CACHE);
                assertThat(s.provenance()).isEqualTo(Provenance.OFFICIAL);
                assertThat(s.observedAt()).isEqualTo(FETCHED);
            });
            SourceRegistry.Entry entry = cacheEntry(ws.sources().list());
            assertThat(entry.status().state()).isEqualTo(SourceState.ON);
            assertThat(entry.status().lastRead()).isEqualTo("5 readings, fetched by Claude Code at 2026-07-25T17:20:00Z");
            assertThat(entry.status().problem()).isNull();
            assertThat(entry.source().lookedAt()).containsExactly(home().resolve(".claude.json").toString());
        }
        // nothing but the readings reaches the data folder
        try (var files = Files.walk(tmp.resolve("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain("someone-secret").doesNotContain("acct-5f1d")
                        .doesNotContain("a private prompt").doesNotContain("secret-project").doesNotContain("uid-8c2e");
            }
        }
    }

    @Test
    void anUnchangedFileIsNotReadAgainEvenByAnotherProcess() throws Exception {
        Path file = writeCache(home().resolve(".claude.json"), "{\"fetchedAtMs\": " + FETCHED_MS
                + ", \"utilization\": " + fixture("reference-example.json") + "}");
        List<Integer> writes = new ArrayList<>();
        try (Workspace ws = workspace(Map.of())) {
            SourceRegistry first = registry(ws, file, writes);
            first.readAll(ReadRequest.at(FETCHED.plusSeconds(60), ZoneOffset.UTC));
            first.readAll(ReadRequest.at(FETCHED.plusSeconds(70), ZoneOffset.UTC));
            // a second process over the same store: the kept marker says the file is unchanged
            SourceRegistry second = registry(ws, file, writes);
            second.readAll(ReadRequest.at(FETCHED.plusSeconds(80), ZoneOffset.UTC));
            assertThat(writes).containsExactly(3);

            // Claude Code fetched again: the file changes, the new readings are added, the old kept
            Files.writeString(file, Files.readString(file).replace("\"utilization\": 25", "\"utilization\": 31")
                    .replace(Long.toString(FETCHED_MS), Long.toString(FETCHED_MS + 300_000)));
            second.readAll(ReadRequest.at(FETCHED.plusSeconds(400), ZoneOffset.UTC));
            assertThat(writes).containsExactly(3, 3);
            List<UtilizationSample> five = stored(ws).stream().filter(s -> s.window() == LimitWindow.FIVE_HOUR)
                    .toList();
            assertThat(five).extracting(UtilizationSample::observedAt, UtilizationSample::usedPercent)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(FETCHED, 25.0),
                            org.assertj.core.groups.Tuple.tuple(FETCHED.plusSeconds(300), 31.0));
        }
    }

    private static SourceRegistry registry(Workspace ws, Path file, List<Integer> writes) {
        ClaudeCodeCacheSource source = new ClaudeCodeCacheSource(file, report -> {
            writes.add(report.samples().size());
            new io.headroom.store.UsageReportStore(ws.database()).write(report);
        });
        return new SourceRegistry(List.of(source), () -> new io.headroom.store.SourceMemory(ws.database()));
    }

    @Test
    void aMalformedFileIsAProblemShownAndNothingStoredIsLost() throws Exception {
        Path file = writeCache(home().resolve(".claude.json"), "{\"fetchedAtMs\": " + FETCHED_MS
                + ", \"utilization\": " + fixture("reference-example.json") + "}");
        try (Workspace ws = workspace(Map.of())) {
            ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults());
            assertThat(stored(ws)).hasSize(3);

            Files.writeString(file, "{\"cachedUsageUtilization\": {\"utilization\": {\"five_hour\": ");
            var report = ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults());

            assertThat(report.problems()).containsExactly(file + " is not valid JSON (line 1); its cached usage was"
                    + " not read. What was stored before is kept.");
            SourceStatus status = cacheEntry(ws.sources().list()).status();
            assertThat(status.state()).isEqualTo(SourceState.ERROR);
            assertThat(status.problem()).isEqualTo(report.problems().get(0));
            assertThat(status.lastRead()).isEqualTo("3 readings, fetched by Claude Code at 2026-07-25T17:20:00Z");
            assertThat(stored(ws)).hasSize(3);

            // the same broken file is not reported again on every refresh, but stays in the list
            assertThat(ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults()).problems()).isEmpty();
            assertThat(cacheEntry(ws.sources().list()).status().state()).isEqualTo(SourceState.ERROR);
        }
    }

    @Test
    void aCacheThatIsNotUsageIsAProblemToo() throws Exception {
        writeCache(home().resolve(".claude.json"), "{\"fetchedAtMs\": " + FETCHED_MS
                + ", \"utilization\": [\"not\", \"usage\"]}");
        try (Workspace ws = workspace(Map.of())) {
            var report = ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults());
            assertThat(report.problems()).containsExactly("The usage cached in " + home().resolve(".claude.json")
                    + " cannot be read: The usage answer is not a JSON object but a list.");
            assertThat(stored(ws)).isEmpty();
        }
    }

    @Test
    void underClaudeConfigDirAndWithoutAFetchTimeTheFilesTimeIsUsed() throws Exception {
        Path dir = tmp.resolve("elsewhere");
        Path file = writeCache(dir.resolve(".claude.json"), "{\"utilization\": {\"five_hour\": {\"utilization\": 0.5,"
                + " \"resets_at\": \"2026-07-25T07:50:00.152795+00:00\"}, \"seven_day\": null}}");
        // a decoy in the home folder that must not be read
        writeCache(home().resolve(".claude.json"), "{\"fetchedAtMs\": 1, \"utilization\": {\"five_hour\":"
                + " {\"utilization\": 99, \"resets_at\": null}}}");
        Instant mtime = Instant.parse("2026-07-25T06:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        try (Workspace ws = workspace(Map.of("CLAUDE_CONFIG_DIR", dir.toString()))) {
            ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults());
            assertThat(stored(ws)).containsExactly(new UtilizationSample("claude_code_cache:five_hour:"
                    + mtime.toEpochMilli(), UsageSource.CLAUDE_CODE_CACHE, Provenance.OFFICIAL, mtime,
                    LimitWindow.FIVE_HOUR, 0.5, Instant.parse("2026-07-25T07:50:00.152Z"), null, null, null));
        }
    }

    @Test
    void noFileOrNoCacheYetIsNotFoundNotAnError() throws Exception {
        try (Workspace ws = workspace(Map.of())) {
            assertThat(ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults()).problems()).isEmpty();
            assertThat(cacheEntry(ws.sources().list()).status().state()).isEqualTo(SourceState.NOT_FOUND);

            Files.createDirectories(home());
            Files.writeString(home().resolve(".claude.json"), "{" + PRIVATE + "}");
            assertThat(ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults()).problems()).isEmpty();
            SourceStatus s = cacheEntry(ws.sources().list()).status();
            assertThat(s.state()).isEqualTo(SourceState.NOT_FOUND);
            assertThat(s.problem()).isEqualTo("Claude Code has not cached any usage yet (it does once it shows your"
                    + " usage).");
            assertThat(stored(ws)).isEmpty();
        }
    }
}
