package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory scanner and the Jackson path (used for lines longer than the read buffer) read
 * every line alike: the same verdict on malformed JSON and the same fields from valid lines.
 */
class ScannerAgreesWithJacksonPropertiesTest {

    private final LineParser parser = new LineParser();

    @Property(tries = 3000)
    void bothPathsReadEveryLineAlike(@ForAll("lines") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ParsedLine fast = new ParsedLine();
        parser.parse(bytes, 0, bytes.length, fast, false);
        ParsedLine streamed = new ParsedLine();
        parser.parse(new ByteArrayInputStream(bytes), streamed);

        assertThat(fast.problem).as("verdict on %s", text).isEqualTo(streamed.problem);
        if (fast.problem == null) {
            assertThat(List.of(String.valueOf(fast.type), String.valueOf(fast.uuid), String.valueOf(fast.timestamp),
                    String.valueOf(fast.model), String.valueOf(fast.messageId), String.valueOf(fast.requestId),
                    String.valueOf(fast.speed), String.valueOf(fast.cwd), String.valueOf(fast.content)))
                    .as("fields of %s", text)
                    .isEqualTo(List.of(String.valueOf(streamed.type), String.valueOf(streamed.uuid),
                            String.valueOf(streamed.timestamp), String.valueOf(streamed.model),
                            String.valueOf(streamed.messageId), String.valueOf(streamed.requestId),
                            String.valueOf(streamed.speed), String.valueOf(streamed.cwd),
                            String.valueOf(streamed.content)));
            assertThat(new long[] {fast.input, fast.output, fast.cacheCreation, fast.cacheRead, fast.cache5m, fast.cache1h})
                    .isEqualTo(new long[] {streamed.input, streamed.output, streamed.cacheCreation, streamed.cacheRead,
                        streamed.cache5m, streamed.cache1h});
            assertThat(fast.sidechain).isEqualTo(streamed.sidechain);
        }
    }

    /**
     * The importer reads a line straight from a buffer holding the lines after it too, finding the
     * newline as it parses: a well-formed line gives the same fields and verdict as the line cut
     * out first, and ends exactly at its newline; anything else (and a line cut by the buffer's end)
     * is handed back, to be cut out and parsed alone.
     */
    @Property(tries = 3000)
    void onePassReadingAgreesWithTheLineCutOut(@ForAll("lines") String text) {
        byte[] line = text.replace("\n", " ").getBytes(StandardCharsets.UTF_8);
        byte[] next = "{\"type\":\"user\",\"uuid\":\"after\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[line.length + 1 + next.length];
        System.arraycopy(line, 0, buf, 0, line.length);
        buf[line.length] = '\n';
        System.arraycopy(next, 0, buf, line.length + 1, next.length);

        ParsedLine cut = new ParsedLine();
        parser.parse(line, 0, line.length, cut, false);
        ParsedLine onePass = new ParsedLine();
        int end = parser.parseLine(buf, 0, buf.length, onePass);

        if (end < 0) {
            assertThat(cut.problem).as("handed back: %s", text)
                    .isIn(SkipReason.MALFORMED_JSON, SkipReason.INVALID_UTF8);
        } else {
            assertThat(end).isEqualTo(line.length);
            assertThat(onePass.problem).isEqualTo(cut.problem);
            assertThat(List.of(String.valueOf(onePass.type), String.valueOf(onePass.uuid), String.valueOf(onePass.model),
                    String.valueOf(onePass.messageId), String.valueOf(onePass.cwd), String.valueOf(onePass.content)))
                    .isEqualTo(List.of(String.valueOf(cut.type), String.valueOf(cut.uuid), String.valueOf(cut.model),
                            String.valueOf(cut.messageId), String.valueOf(cut.cwd), String.valueOf(cut.content)));
            assertThat(new long[] {onePass.input, onePass.output, onePass.cacheCreation, onePass.cacheRead})
                    .isEqualTo(new long[] {cut.input, cut.output, cut.cacheCreation, cut.cacheRead});
        }
        if (cut.problem == null) {
            assertThat(end).as("a good line is read in one pass: %s", text).isEqualTo(line.length);
        }
        // The same line cut short by the end of the buffer is never taken as complete.
        assertThat(parser.parseLine(buf, 0, line.length, new ParsedLine())).isEqualTo(-1);
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> valid = line();
        return Arbitraries.oneOf(valid, valid.flatMap(this::mutate));
    }

    private Arbitrary<String> line() {
        Arbitrary<String> type = Arbitraries.of("assistant", "user", "progress", "summary");
        Arbitrary<String> str = strings();
        Arbitrary<String> num = Arbitraries.oneOf(Arbitraries.longs().between(-5, 3_000_000).map(String::valueOf),
                Arbitraries.of("0", "12.0", "1e3", "-0", "1.5", "null", "\"7\"", "99999999999999999999"));
        Arbitrary<String> usage = Combinators.combine(num, num, num, num, Arbitraries.of("", ",\"speed\":\"fast\"",
                ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":3,\"ephemeral_1h_input_tokens\":4}"))
                .as((a, b, c, d, extra) -> "{\"input_tokens\":" + a + ",\"output_tokens\":" + b
                        + ",\"cache_creation_input_tokens\":" + c + ",\"cache_read_input_tokens\":" + d + extra + "}");
        Arbitrary<String> content = Arbitraries.oneOf(str,
                str.map(s -> "[{\"type\":\"text\",\"text\":" + s + "}]"),
                str.map(s -> "[{\"type\":\"tool_result\",\"content\":[{\"type\":\"text\",\"text\":" + s + "}]}]"),
                Arbitraries.just("[]"));
        Arbitrary<String> message = Combinators.combine(str, Arbitraries.of("\"claude-opus-4-8\"", "\"<synthetic>\"", "null", "7"),
                usage, content)
                .as((id, model, u, c) -> "{\"id\":" + id + ",\"model\":" + model + ",\"usage\":" + u + ",\"content\":" + c + "}");
        Arbitrary<String> extra = Arbitraries.oneOf(str, num, Arbitraries.of("true", "false", "null", "[]", "{}",
                "[1,[2,{\"a\":[null]}]]", "{\"deep\":{\"er\":{\"x\":\"y\\u00e9\\n\"}}}"));
        return Combinators.combine(type, str, str, message, extra, Arbitraries.of(true, false), Arbitraries.of("", " ", "\t"))
                .as((t, uuid, cwd, msg, x, side, ws) -> "{" + ws + "\"type\"" + ws + ":" + ws + "\"" + t + "\"," + ws
                        + "\"uuid\":" + uuid + ",\"timestamp\":\"2026-11-27T17:41:51.790Z\",\"isSidechain\":" + side
                        + ",\"extra\":" + x + ",\"cwd\":" + cwd + ",\"requestId\":\"req_1\",\"message\":" + msg + ws + "}");
    }

    private Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMaxLength(12).map(s -> "\"" + s + "\""),
                Arbitraries.of("\"a\\\"b\"", "\"tab\\tnew\\nline\"", "\"\\u00e9t\\u00e9\"", "\"caf\u00e9 \u4e2d\u6587 \ud83d\ude00\"",
                        "\"\\/\\b\\f\\r\"", "\"\""));
    }

    /** Structural damage: a cut, a dropped or doubled character, a stray token. */
    private Arbitrary<String> mutate(String s) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, s.length() - 1);
        return Arbitraries.oneOf(
                at.map(i -> s.substring(0, i)),
                at.map(i -> s.substring(0, i) + s.substring(i + 1)),
                at.map(i -> s.substring(0, i) + s.charAt(i) + s.substring(i)),
                Combinators.combine(at, Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "\\", "x", "01", "\u0001"))
                        .as((i, t) -> s.substring(0, i) + t + s.substring(i)),
                Arbitraries.of(s + "x", s + " {}", s + " ", "  " + s));
    }
}
