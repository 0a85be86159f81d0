package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.TestWorkspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each API response counts once: keep-max per (message id, request id), sidechain replays collapse. */
class DedupRulesTest {

    static final String T = "2026-11-20T10:00:00.000Z";

    @TempDir
    Path tmp;

    Path projects() {
        return tmp.resolve("claude").resolve("projects").resolve("-p");
    }

    @Test
    void streamingSnapshotsKeepTheLargestCopyAcrossFilesInAnyOrder() {
        // An old Claude Code wrote growing snapshots; the final copy lands in another file.
        new TranscriptBuilder()
                .assistant("m1", "r1", "claude-sonnet-4-5", 10, 1, 0, 0, 5, false, T)
                .assistant("m1", "r1", "claude-sonnet-4-5", 10, 7, 0, 0, 5, false, T)
                .writeTo(projects().resolve("a.jsonl"));
        new TranscriptBuilder()
                .assistant("m1", "r1", "claude-sonnet-4-5", 10, 30, 0, 0, 5, false, T)
                .assistant("m1", "r1", "claude-sonnet-4-5", 10, 12, 0, 0, 5, false, T)
                .writeTo(projects().resolve("b.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(10, 30, 0, 5, 1);
        }
    }

    @Test
    void aSidechainReplayUnderANewRequestIdCollapsesIntoTheMainCopy() {
        new TranscriptBuilder()
                .assistant("m1", "r1", "claude-opus-4-8", 100, 50, 10, 0, 1000, false, T)
                .writeTo(projects().resolve("main.jsonl"));
        // /btw replays the parent message under a new request id with inflated cache reads.
        new TranscriptBuilder()
                .assistant("m1", "r-replay", "claude-opus-4-8", 100, 50, 10, 0, 90000, true, T)
                .writeTo(projects().resolve("main").resolve("subagents").resolve("agent-1.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(100, 50, 10, 1000, 1);
            assertThat(ws.scalar("SELECT is_sidechain FROM usage_event")).isZero();
        }
    }

    @Test
    void theMainCopyWinsEvenWhenTheReplayIsImportedFirst() {
        new TranscriptBuilder()
                .assistant("m1", "r-replay", "claude-opus-4-8", 100, 50, 10, 0, 90000, true, T)
                .writeTo(projects().resolve("first.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(100, 50, 10, 90000, 1);
            new TranscriptBuilder()
                    .assistant("m1", "r1", "claude-opus-4-8", 100, 50, 10, 0, 1000, false, T)
                    .writeTo(projects().resolve("second.jsonl"));
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(100, 50, 10, 1000, 1);
        }
    }

    @Test
    void aProgressLineAndTheSubagentFileCountTheResponseOnce() {
        String nested = "{\"type\":\"progress\",\"uuid\":\"p1\",\"timestamp\":\"" + T + "\",\"sessionId\":\"s1\","
                + "\"cwd\":\"/p\",\"data\":{\"type\":\"agent_progress\",\"message\":{\"type\":\"assistant\","
                + "\"isSidechain\":true,\"uuid\":\"sub-1\",\"timestamp\":\"" + T + "\",\"requestId\":\"r-sub\","
                + "\"message\":{\"id\":\"m-sub\",\"model\":\"claude-haiku-4-5\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"y\"}],\"usage\":{\"input_tokens\":3,"
                + "\"output_tokens\":4,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":5}}}}}";
        new TranscriptBuilder().raw(nested).writeTo(projects().resolve("s1.jsonl"));
        new TranscriptBuilder()
                .assistant("m-sub", "r-sub", "claude-haiku-4-5", 3, 4, 0, 0, 5, true, T)
                .writeTo(projects().resolve("s1").resolve("subagents").resolve("agent-a.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ImportReport r = ws.importAll();
            assertThat(r.usageEvents()).isEqualTo(2);
            assertThat(ws.usageTotals()).containsExactly(3, 4, 0, 5, 1);
            assertThat(ws.scalar("SELECT COUNT(DISTINCT session_id) FROM usage_event WHERE session_id = 's1'")).isEqualTo(1);
        }
    }

    @Test
    void linesWithoutIdsCountAsTheyAreButNotTwiceOnAReRead() {
        String noIds = "{\"type\":\"assistant\",\"uuid\":\"only-uuid\",\"timestamp\":\"" + T + "\",\"message\":"
                + "{\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}}";
        String noIdsNoUuid = "{\"type\":\"assistant\",\"timestamp\":\"" + T + "\",\"message\":"
                + "{\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}}";
        new TranscriptBuilder().raw(noIds).raw(noIdsNoUuid).writeTo(projects().resolve("x.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(11, 22, 0, 0, 2);
            // The same lines in a second file (a copy of the transcript): no double count.
            new TranscriptBuilder().raw(noIds).raw(noIdsNoUuid).writeTo(projects().resolve("copy.jsonl"));
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(11, 22, 0, 0, 2);
        }
    }

    @Test
    void aTieKeepsTheCopyThatRecordsASpeed() {
        String noSpeed = "{\"type\":\"assistant\",\"uuid\":\"a\",\"requestId\":\"r\",\"timestamp\":\"" + T + "\","
                + "\"message\":{\"id\":\"m\",\"model\":\"claude-opus-4-8\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}";
        String fast = "{\"type\":\"assistant\",\"uuid\":\"b\",\"requestId\":\"r\",\"timestamp\":\"" + T + "\","
                + "\"message\":{\"id\":\"m\",\"model\":\"claude-opus-4-8\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1,"
                + "\"speed\":\"fast\"}}}";
        new TranscriptBuilder().raw(noSpeed).raw(fast).writeTo(projects().resolve("x.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ws.importAll();
            assertThat(ws.scalar("SELECT COUNT(*) FROM usage_event WHERE speed = 'fast'")).isEqualTo(1);
            // Opus 4.8 fast is 2x: (1 x $5 + 1 x $25) / 1M x 2.
            assertThat(ws.scalar("SELECT CAST(ROUND(cost_usd * 1e9) AS INTEGER) FROM usage_event")).isEqualTo(60_000);
        }
    }
}
