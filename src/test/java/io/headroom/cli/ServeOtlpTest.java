package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.headroom.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom serve --otlp} beside the fixture transcripts: Claude Code's telemetry adds the
 * calls no transcript has, and a call present both in a transcript and in the telemetry counts
 * once, whichever arrives first; {@code daily --json} and {@code sources --json} say so.
 */
class ServeOtlpTest {

    private static final Pattern ENDPOINT = Pattern.compile("telemetry at (http://127\\.0\\.0\\.1:\\d+) ");
    /** The fixture transcripts, run 1's call (opus) and run 2's call (sonnet), each once. */
    static final long FIXTURES = 220_645L;
    static final long RUN1 = 19_086L;
    static final long RUN2 = 28_863L;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void telemetryAddsWhatNoTranscriptHasAndACallSeenTwiceCountsOnce() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (ServeRun serve = new ServeRun(tmp, Map.of(), "--otlp", "0", "--metrics", "0", "--claude-dir",
                claude.toString(), "--duration", "60")) {
            String endpoint = serve.await(ENDPOINT);
            String metrics = serve.await(Pattern.compile("Serving metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)"));
            assertThat(post(endpoint + "/v1/logs", "application/json", "run1-logs.json")).isEqualTo(200);
            assertThat(post(endpoint + "/v1/logs", "application/x-protobuf", "run2-logs.pb")).isEqualTo(200);
            assertThat(post(endpoint + "/v1/metrics", "application/json", "run1-metrics.json")).isEqualTo(200);

            assertThat(totalTokens(claude)).isEqualTo(FIXTURES + RUN1 + RUN2);

            // Now Claude Code's transcript of run 1 turns up: its copy replaces the telemetry's, counted once.
            Path session = claude.resolve("projects").resolve(Fixtures.PROJECT).resolve(
                    "2535ea8d-dd00-45a5-ad3f-89aedbe8ee9b.jsonl");
            Files.writeString(session, run1TranscriptLine(claude) + "\n");
            assertThat(totalTokens(claude)).isEqualTo(FIXTURES + RUN1 + RUN2);
            // Claude Code sends the same export again: still once.
            assertThat(post(endpoint + "/v1/logs", "application/json", "run1-logs.json")).isEqualTo(200);
            assertThat(totalTokens(claude)).isEqualTo(FIXTURES + RUN1 + RUN2);
            // Each call the telemetry reported is one request, whichever copy of its usage is kept.
            String scraped = http.send(HttpRequest.newBuilder(URI.create(metrics)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scraped).containsPattern("headroom_api_requests_total\\{host=\"[^\"]+\",model=\"claude-opus-4-8\","
                    + "status=\"200\",user=\"[^\"]+\"\\} 1.0").containsPattern("headroom_api_requests_total\\{host=\"[^\"]+\","
                    + "model=\"claude-sonnet-5\",status=\"200\",user=\"[^\"]+\"\\} 1.0");
            JsonNode byModel = Json.mapper().readTree(new CliHarness(tmp).run("daily", "--json", "-z", "UTC",
                    "--breakdown", "--claude-dir", claude.toString()).out());
            assertThat(byModel.toString()).contains("claude-sonnet-5");

            JsonNode sources = Json.mapper().readTree(new CliHarness(tmp).run("sources", "--json", "--no-import").out());
            JsonNode otel = null;
            for (JsonNode s : sources.path("sources")) {
                if (s.path("id").asText().equals("otel")) {
                    otel = s;
                }
            }
            assertThat(otel).as(sources.toString()).isNotNull();
            assertThat(serve.log()).doesNotContain("problem");
        }
    }

    @Test
    void serveReadsNewTranscriptLinesWhenClaudeCodesFolderChanges() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        try (ServeRun serve = new ServeRun(tmp, Map.of(), "--metrics", "0", "--claude-dir", claude.toString(),
                "--duration", "60")) {
            String url = serve.await(Pattern.compile("Serving metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)"));
            assertThat(tokensScraped(url)).isEqualTo(FIXTURES);

            Files.writeString(claude.resolve("projects").resolve(Fixtures.PROJECT).resolve(
                    "2535ea8d-dd00-45a5-ad3f-89aedbe8ee9b.jsonl"), run1TranscriptLine(claude) + "\n");
            // No command runs: serve notices the new file itself, well before its one-minute re-scan.
            long seen = FIXTURES;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (seen != FIXTURES + RUN1 && System.nanoTime() < end) {
                Thread.sleep(100);
                seen = tokensScraped(url);
            }
            assertThat(seen).as(serve.log()).isEqualTo(FIXTURES + RUN1);
        }
    }

    private long tokensScraped(String url) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("headroom_tokens_total{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }

    /** A real fixture assistant line rewritten to be run 1's call: its message, request id, tokens and time. */
    private static String run1TranscriptLine(Path claude) throws Exception {
        Path any = Fixtures.session(claude, "003b624e-f85d-4d08-985d-3110af86cd59");
        String assistant = Files.readAllLines(any).stream().filter(l -> l.contains("\"type\":\"assistant\""))
                .filter(l -> l.contains("\"usage\"")).findFirst().orElseThrow();
        ObjectNode line = (ObjectNode) Json.mapper().readTree(assistant);
        line.put("requestId", "req_016C370C9D4F7100000004");
        line.put("sessionId", "2535ea8d-dd00-45a5-ad3f-89aedbe8ee9b");
        line.put("timestamp", "2026-12-02T16:23:56.899Z");
        line.put("uuid", "7b1d7c3e-0000-4000-8000-000000000001");
        ObjectNode message = (ObjectNode) line.get("message");
        message.put("id", "msg_016C370C9D4F7100000002");
        message.put("model", "claude-opus-4-8");
        ObjectNode usage = (ObjectNode) message.get("usage");
        usage.put("input_tokens", 4769);
        usage.put("output_tokens", 13);
        usage.put("cache_read_input_tokens", 9536);
        usage.put("cache_creation_input_tokens", 4768);
        ((ObjectNode) usage.get("cache_creation")).put("ephemeral_5m_input_tokens", 4768);
        return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(line);
    }

    private long totalTokens(Path claude) throws Exception {
        CliHarness.Run run = new CliHarness(tmp).run("daily", "--json", "-z", "UTC", "--claude-dir", claude.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return Json.mapper().readTree(run.out()).get("totals").get("totalTokens").asLong();
    }

    private int post(String url, String type, String fixture) throws Exception {
        byte[] body = Files.readAllBytes(Fixtures.resource("otel/" + fixture));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

}
