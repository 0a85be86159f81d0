package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * RFC 8259 allows whitespace around every structural character. Claude Code writes compact JSON
 * today, but other writers and later versions need not: a line re-serialised with random
 * whitespace in every place the grammar allows must read to exactly the same fields, on both
 * the in-memory scanner and the streaming path.
 */
class ScannerAcceptsAnyWhitespacePropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WHITESPACE = {"", " ", "  ", "\t", "\n", "\r\n", " \t\n "};
    private static final List<String> FIXTURE_LINES = fixtureLines();

    private final LineParser parser = new LineParser();

    @Property(tries = 2000)
    void realLinesReadTheSameWithAnyWhitespace(@ForAll("fixtureLine") String line, @ForAll long seed) throws IOException {
        assertSameFields(line, seed);
    }

    @Property(tries = 1000)
    void generatedLinesReadTheSameWithAnyWhitespace(@ForAll("generatedLine") String line, @ForAll long seed)
            throws IOException {
        assertSameFields(line, seed);
    }

    /** The case the hardening report found: whitespace after a colon inside a skipped object. */
    @Property(tries = 1)
    void whitespaceAfterAColonInsideASkippedObjectKeepsTheUsage() {
        String line = "{\"type\":\"assistant\",\"timestamp\":\"2026-11-27T17:41:51.790Z\",\"requestId\":\"req_1\","
                + "\"toolUseResult\":{\"stdout\": \"x\", \"n\": [1, {\"a\" :\t{}}]},"
                + "\"message\":{\"id\":\"msg_1\",\"model\":\"claude-opus-4-5\",\"usage\":{\"input_tokens\":3,"
                + "\"output_tokens\":7,\"cache_creation_input_tokens\":11,\"cache_read_input_tokens\":13}}}";
        ParsedLine read = parse(line);

        assertThat(read.problem).isNull();
        assertThat(new long[] {read.input, read.output, read.cacheCreation, read.cacheRead})
                .containsExactly(3, 7, 11, 13);
        assertThat(read.messageId).isEqualTo("msg_1");
    }

    private void assertSameFields(String compact, long seed) throws IOException {
        JsonNode tree = JSON.readTree(compact);
        String spaced = reserialise(tree, new Random(seed));

        ParsedLine original = parse(compact);
        ParsedLine fast = parse(spaced);
        ParsedLine streamed = new ParsedLine();
        byte[] bytes = spaced.getBytes(StandardCharsets.UTF_8);
        parser.parse(new java.io.ByteArrayInputStream(bytes), streamed);

        assertThat(describe(fast, true)).as("scanner on %s", spaced).isEqualTo(describe(original, true));
        // The streaming path never captures text (it serves lines too long to keep).
        assertThat(describe(streamed, false)).as("stream on %s", spaced).isEqualTo(describe(original, false));
    }

    private ParsedLine parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ParsedLine line = new ParsedLine();
        parser.parse(bytes, 0, bytes.length, line, true);
        return line;
    }

    /** Every field the importer reads, nested lines included. */
    private static String describe(ParsedLine l, boolean withText) {
        if (l == null) {
            return "-";
        }
        return String.join("|", List.of(String.valueOf(l.problem), String.valueOf(l.type), String.valueOf(l.uuid),
                String.valueOf(l.parentUuid), String.valueOf(l.timestamp), String.valueOf(l.sessionId),
                String.valueOf(l.cwd), String.valueOf(l.requestId), String.valueOf(l.error),
                String.valueOf(l.apiErrorStatus), String.valueOf(l.sidechain), String.valueOf(l.meta),
                String.valueOf(l.apiError), String.valueOf(l.messageId), String.valueOf(l.model),
                String.valueOf(l.content), withText ? String.valueOf(l.firstText) : "", String.valueOf(l.hasUsage),
                l.input + "/" + l.output + "/" + l.cacheCreation + "/" + l.cacheRead,
                l.hasCacheBreakdown + "/" + l.cache5m + "/" + l.cache1h, l.webSearch + "/" + l.webFetch,
                String.valueOf(l.speed), "{" + describe(l.nested, withText) + "}"));
    }

    /** Writes the tree back with random legal whitespace before and after every token. */
    private static String reserialise(JsonNode node, Random random) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(ws(random));
        write(node, random, out);
        out.append(ws(random));
        return out.toString();
    }

    private static void write(JsonNode node, Random random, StringBuilder out) throws IOException {
        if (node.isObject()) {
            out.append('{').append(ws(random));
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    out.append(ws(random)).append(',').append(ws(random));
                }
                first = false;
                out.append(JSON.writeValueAsString(field.getKey())).append(ws(random)).append(':').append(ws(random));
                write(field.getValue(), random, out);
            }
            out.append(ws(random)).append('}');
        } else if (node.isArray()) {
            out.append('[').append(ws(random));
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(ws(random)).append(',').append(ws(random));
                }
                write(node.get(i), random, out);
            }
            out.append(ws(random)).append(']');
        } else {
            out.append(JSON.writeValueAsString(node));
        }
    }

    private static String ws(Random random) {
        return WHITESPACE[random.nextInt(WHITESPACE.length)];
    }

    @Provide
    Arbitrary<String> fixtureLine() {
        return Arbitraries.of(FIXTURE_LINES);
    }

    @Provide
    Arbitrary<String> generatedLine() {
        Arbitrary<String> str = Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMaxLength(10)
                .map(s -> "\"" + s + "\"");
        Arbitrary<String> scalar = Arbitraries.oneOf(str, Arbitraries.longs().between(0, 5_000_000).map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1.5", "[]", "{}"));
        Arbitrary<String> skipped = Arbitraries.recursive(() -> scalar,
                inner -> Arbitraries.oneOf(inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                        inner.list().ofMaxSize(3).map(l -> {
                            StringBuilder o = new StringBuilder("{");
                            for (int i = 0; i < l.size(); i++) {
                                o.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(l.get(i));
                            }
                            return o.append('}').toString();
                        })), 3);
        Arbitrary<Long> tokens = Arbitraries.longs().between(0, 2_000_000);
        return net.jqwik.api.Combinators.combine(skipped, skipped, tokens, tokens, tokens, tokens, str)
                .as((a, b, in, out, cc, cr, text) -> "{\"type\":\"assistant\",\"uuid\":\"u1\",\"extra\":" + a
                        + ",\"timestamp\":\"2026-11-27T17:41:51.790Z\",\"requestId\":\"req_1\",\"sessionId\":\"s\","
                        + "\"message\":{\"id\":\"msg_1\",\"other\":" + b + ",\"model\":\"claude-opus-4-5\","
                        + "\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":" + out
                        + ",\"cache_creation_input_tokens\":" + cc + ",\"cache_read_input_tokens\":" + cr
                        + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":1,\"ephemeral_1h_input_tokens\":2},"
                        + "\"server_tool_use\":{\"web_search_requests\":1}},"
                        + "\"content\":[{\"type\":\"text\",\"text\":" + text + "}]}}");
    }

    private static List<String> fixtureLines() {
        Path root = Path.of("src/test/resources/fixtures/claude-code");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
