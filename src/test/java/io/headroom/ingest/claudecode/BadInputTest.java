package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.TestWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad lines are skipped and counted per reason; every valid line around them is kept. */
class BadInputTest {

    static final String T = "2026-11-20T10:00:00.000Z";

    @TempDir
    Path tmp;

    Path file(String name) {
        return tmp.resolve("claude").resolve("projects").resolve("-p").resolve(name);
    }

    TranscriptBuilder valid(TranscriptBuilder b, String id) {
        return b.assistant(id, "r-" + id, "claude-haiku-4-5", 1, 1, 0, 0, 0, false, T);
    }

    @Test
    void everyKindOfBadLineIsCountedAndTheValidOnesSurvive() {
        TranscriptBuilder b = new TranscriptBuilder();
        valid(b, "ok1")
                .raw("{\"type\":\"assistant\",\"message\":{\"usage\":")                  // cut JSON
                .raw("not json at all")
                .raw("[1,2,3]")                                                         // not an object
                .raw("{\"type\":\"assistant\",\"uuid\":\"w\",\"timestamp\":\"" + T + "\",\"requestId\":\"r\","
                        + "\"message\":{\"id\":\"m\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":\"12\"}}}")
                .raw("{\"type\":\"assistant\",\"uuid\":\"n\",\"timestamp\":\"" + T + "\",\"requestId\":\"r2\","
                        + "\"message\":{\"id\":\"m2\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":-5}}}")
                .raw("{\"type\":\"assistant\",\"uuid\":\"h\",\"timestamp\":\"" + T + "\",\"requestId\":\"r3\","
                        + "\"message\":{\"id\":\"m3\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"output_tokens\":1e15}}}")
                .raw("{\"type\":\"assistant\",\"uuid\":\"b\",\"timestamp\":\"" + T + "\",\"requestId\":\"r4\","
                        + "\"message\":{\"id\":\"m4\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"output_tokens\":"
                        + "123456789012345678901234567890}}}")
                .raw("{\"type\":\"assistant\",\"uuid\":\"t\",\"requestId\":\"r5\","
                        + "\"message\":{\"id\":\"m5\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"output_tokens\":1}}}")
                .raw("{\"type\":\"assistant\",\"uuid\":\"t2\",\"timestamp\":\"yesterday\",\"requestId\":\"r6\","
                        + "\"message\":{\"id\":\"m6\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"output_tokens\":1}}}")
                .raw("{\"type\":\"assistant\",\"uuid\":\"nm\",\"timestamp\":\"" + T + "\",\"requestId\":\"r7\","
                        + "\"message\":{\"id\":\"m7\",\"usage\":{\"output_tokens\":1}}}")
                .raw("")
                .raw("{\"type\":\"summary\",\"summary\":{\"weird\":true},\"leafUuid\":17}")  // irrelevant type: ignored
                .raw("{\"type\":\"some-future-line\",\"anything\":[1,{\"a\":null}]}");      // unknown type: ignored
        valid(b, "ok2").writeTo(file("bad.jsonl"));

        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ImportReport r = ws.importAll();
            assertThat(r.skippedLines()).containsEntry("malformed_json", 3L)
                    .containsEntry("wrong_type", 1L)
                    .containsEntry("bad_number", 3L)
                    .containsEntry("missing_field", 2L)
                    .containsEntry("bad_timestamp", 1L);
            assertThat(r.skippedTotal()).isEqualTo(10);
            assertThat(ws.usageTotals()).containsExactly(2, 2, 0, 0, 2);
            assertThat(r.problems()).isEmpty();
        }
    }

    @Test
    void invalidUtf8InAFieldWeReadSkipsOnlyThatLine() {
        byte[] bad = ("{\"type\":\"assistant\",\"uuid\":\"x\",\"timestamp\":\"" + T + "\",\"cwd\":\"/p\u00ff\u00fe\","
                + "\"requestId\":\"r\",\"message\":{\"id\":\"m\",\"model\":\"claude-haiku-4-5\","
                + "\"usage\":{\"output_tokens\":1}}}").getBytes(StandardCharsets.ISO_8859_1);
        TranscriptBuilder b = new TranscriptBuilder();
        valid(b, "ok1").rawBytes(bad);
        valid(b, "ok2").writeLatin1To(file("utf.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ImportReport r = ws.importAll();
            assertThat(r.skippedLines()).containsEntry("invalid_utf8", 1L);
            assertThat(ws.usageTotals()).containsExactly(2, 2, 0, 0, 2);
        }
    }

    @Test
    void aFiftyMegabyteLineIsStreamedAndItsUsageKept() throws Exception {
        char[] filler = new char[50 * 1024 * 1024];
        Arrays.fill(filler, 'a');
        String huge = "{\"type\":\"assistant\",\"uuid\":\"big\",\"timestamp\":\"" + T + "\",\"requestId\":\"r-big\","
                + "\"message\":{\"id\":\"m-big\",\"model\":\"claude-haiku-4-5\",\"content\":[{\"type\":\"text\",\"text\":\""
                + new String(filler) + "\"}],\"usage\":{\"input_tokens\":5,\"output_tokens\":6}}}";
        TranscriptBuilder b = new TranscriptBuilder();
        valid(b, "ok1").raw(huge);
        valid(b, "ok2").writeTo(file("huge.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ImportReport r = ws.importAll();
            assertThat(r.skippedTotal()).isZero();
            assertThat(ws.usageTotals()).containsExactly(7, 8, 0, 0, 3);
            assertThat(r.bytesRead()).isEqualTo(Files.size(file("huge.jsonl")));
        }
    }

    @Test
    void aHugeLineStillBeingWrittenWaitsForItsNewline() throws Exception {
        char[] filler = new char[6 * 1024 * 1024];
        Arrays.fill(filler, 'b');
        TranscriptBuilder b = new TranscriptBuilder();
        valid(b, "ok1").writeTo(file("growing.jsonl"));
        String head = "{\"type\":\"assistant\",\"uuid\":\"g\",\"timestamp\":\"" + T + "\",\"requestId\":\"r-g\","
                + "\"message\":{\"id\":\"m-g\",\"model\":\"claude-haiku-4-5\",\"content\":\"" + new String(filler);
        Files.writeString(file("growing.jsonl"), head, java.nio.file.StandardOpenOption.APPEND);
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(1, 1, 0, 0, 1);
            Files.writeString(file("growing.jsonl"), "\",\"usage\":{\"input_tokens\":4,\"output_tokens\":4}}}\n",
                    java.nio.file.StandardOpenOption.APPEND);
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(5, 5, 0, 0, 2);
        }
    }

    @Test
    void prettyPrintedJsonIsParsedAsJson() {
        // One object per line is Claude Code's format; spacing inside the line must not matter.
        String spaced = "{ \"type\" : \"assistant\" , \"uuid\" : \"s\" , \"timestamp\" : \"" + T + "\" ,"
                + " \"requestId\" : \"r-s\" , \"message\" : { \"id\" : \"m-s\" , \"model\" : \"claude-haiku-4-5\" ,"
                + " \"usage\" : { \"input_tokens\" : 9 , \"output_tokens\" : 8 } } }";
        new TranscriptBuilder().raw(spaced).writeTo(file("spaced.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ws.importAll();
            assertThat(ws.usageTotals()).containsExactly(9, 8, 0, 0, 1);
        }
    }

    @Test
    void aDanglingLinkIsReportedAsUnreadableAndTheRestIsImported() throws Exception {
        TranscriptBuilder b = new TranscriptBuilder();
        valid(b, "ok1").writeTo(file("fine.jsonl"));
        Files.createSymbolicLink(file("gone.jsonl"), tmp.resolve("does-not-exist.jsonl"));
        try (TestWorkspace ws = new TestWorkspace(tmp, tmp.resolve("claude"))) {
            ImportReport r = ws.importAll();
            assertThat(r.files().unreadable()).isEqualTo(1);
            assertThat(r.problems()).singleElement().asString().contains("gone.jsonl");
            assertThat(ws.usageTotals()).containsExactly(1, 1, 0, 0, 1);
        }
    }
}
