package io.headroom.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedInputStream;
import io.headroom.config.Json;
import io.headroom.config.PriceTableLoader;
import io.headroom.store.Database;
import io.headroom.store.TelemetryStore;
import io.headroom.testing.Fixtures;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver on loopback over a real SQLite store, fed the requests Claude Code 2.1.197 sent
 * (fixtures/otel): each decodes to exactly the usage served in its run, a resend changes nothing,
 * and every refusal carries the status the OTLP specification gives it.
 */
class OtlpReceiverTest {

    static final String SESSION1 = "2535ea8d-dd00-45a5-ad3f-89aedbe8ee9b";

    @TempDir
    Path tmp;

    private Database database;
    private OtlpReceiver receiver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        database = Database.open(tmp.resolve("headroom.db"));
        receiver = OtlpReceiver.start(InetAddress.getLoopbackAddress(), 0, new TelemetryRecorder(database,
                PriceTableLoader.load(null).table(), () -> ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        receiver.close();
        database.close();
    }

    @Test
    void claudeCodesJsonAndProtobufExportsDecodeToTheUsageServedInEachRun() throws Exception {
        HttpResponse<byte[]> logs1 = post("/v1/logs", "application/json", fixture("run1-logs.json"), true, false);
        HttpResponse<byte[]> logs2 = post("/v1/logs", "application/x-protobuf", fixture("run2-logs.pb"), true, true);
        HttpResponse<byte[]> metrics1 = post("/v1/metrics", "application/json", fixture("run1-metrics.json"), true, false);
        HttpResponse<byte[]> metrics2 = post("/v1/metrics", "application/x-protobuf", fixture("run2-metrics.pb"), false,
                false);

        assertThat(logs1.statusCode()).isEqualTo(200);
        assertThat(new String(logs1.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(logs2.statusCode()).isEqualTo(200);
        assertThat(ExportLogsServiceResponse.parseFrom(logs2.body()).hasPartialSuccess()).isFalse();
        assertThat(metrics1.statusCode()).isEqualTo(200);
        assertThat(metrics2.statusCode()).isEqualTo(200);
        assertThat(rows()).containsExactly(
                "claude-opus-4-8 in=4769 out=13 w5m=4768 w1h=0 read=9536 total=19086 cost=0.0587380"
                        + " key=r:req_016C370C9D4F7100000004 source=otel",
                // Headroom's price for Sonnet 5 ($2/$10), not the $3/$15 Claude Code 2.1.197 reported (0.0532212).
                "claude-sonnet-5 in=7213 out=14 w5m=7212 w1h=0 read=14424 total=28863 cost=0.0354808 key=r:"
                        + requestId2() + " source=otel");
        assertThat(cost2()).isCloseTo(0.0532212, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(pointSums()).containsExactly(SESSION1 + " claude-opus-4-8 19086", session2() + " claude-sonnet-5 28863");
        TelemetryStore.CrossCheck check = new TelemetryStore(database).crossCheck(Instant.EPOCH, Instant.now());
        assertThat(check).isEqualTo(new TelemetryStore.CrossCheck(2, 0, 47_949, 47_949));
        assertThat(receiver.status().usageEvents()).isEqualTo(2);
        assertThat(receiver.status().tokenPoints()).isEqualTo(8);

        // Claude Code resends an export it got no answer to: nothing is counted twice.
        post("/v1/logs", "application/json", fixture("run1-logs.json"), false, true);
        post("/v1/logs", "application/x-protobuf", fixture("run2-logs.pb"), false, false);
        post("/v1/metrics", "application/json", fixture("run1-metrics.json"), false, false);
        assertThat(rows()).hasSize(2);
        assertThat(pointSums()).containsExactly(SESSION1 + " claude-opus-4-8 19086", session2() + " claude-sonnet-5 28863");
    }

    @Test
    void aRecordThatCannotBeReadIsRefusedByPartialSuccessAndTheRestKept() throws Exception {
        JsonNode root = Json.mapper().readTree(fixture("run1-logs.json"));
        var records = (com.fasterxml.jackson.databind.node.ArrayNode) root.at("/resourceLogs/0/scopeLogs/0/logRecords");
        var broken = records.get(1).deepCopy();
        for (JsonNode kv : broken.get("attributes")) {
            if (kv.get("key").asText().equals("input_tokens")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) kv.get("value")).put("intValue", "lots");
            }
            if (kv.get("key").asText().equals("request_id")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) kv.get("value")).put("stringValue", "req_other");
            }
        }
        records.add(broken);

        HttpResponse<byte[]> r = post("/v1/logs", "application/json", Json.mapper().writeValueAsBytes(root), false, false);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = Json.mapper().readTree(r.body());
        assertThat(answer.at("/partialSuccess/rejectedLogRecords").asText()).isEqualTo("1");
        assertThat(answer.at("/partialSuccess/errorMessage").asText()).contains("not an integer: \"lots\"");
        assertThat(rows()).hasSize(1);
        assertThat(rows().get(0)).contains("total=19086");
        assertThat(receiver.status().lastProblem()).contains("1 record(s) refused");
    }

    @Test
    void anApiErrorIsAnErrorEventAndACallWithItsStatus() throws Exception {
        JsonNode root = Json.mapper().readTree(fixture("run1-logs.json"));
        var records = (com.fasterxml.jackson.databind.node.ArrayNode) root.at("/resourceLogs/0/scopeLogs/0/logRecords");
        var error = (com.fasterxml.jackson.databind.node.ObjectNode) records.get(1).deepCopy();
        error.putObject("body").put("stringValue", "claude_code.api_error");
        var attrs = Json.mapper().createArrayNode();
        for (String[] kv : new String[][] {{"session.id", SESSION1}, {"event.name", "api_error"},
                {"event.timestamp", "2026-12-02T16:25:00.000Z"}, {"event.sequence", "9"}, {"model", "claude-opus-4-8"},
                {"error", "You've hit your session limit · resets 6:40pm (UTC)"}, {"status_code", "429"},
                {"request_id", "req_error_1"}}) {
            attrs.addObject().put("key", kv[0]).putObject("value").put("stringValue", kv[1]);
        }
        error.set("attributes", attrs);
        records.removeAll();
        records.add(error);

        assertThat(post("/v1/logs", "application/json", Json.mapper().writeValueAsBytes(root), false, false).statusCode())
                .isEqualTo(200);
        post("/v1/logs", "application/json", Json.mapper().writeValueAsBytes(root), false, false);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("headroom.db"))) {
            ResultSet e = c.createStatement().executeQuery("SELECT dedup_key, source, category, http_status, limit_window,"
                    + " reset_at, request_id FROM error_event");
            assertThat(e.next()).isTrue();
            assertThat(e.getString(1) + " " + e.getString(2) + " " + e.getString(3) + " " + e.getInt(4) + " "
                    + e.getString(5) + " " + Instant.ofEpochMilli(e.getLong(6)) + " " + e.getString(7))
                    .isEqualTo("r:req_error_1 otel usage_limit 429 five_hour 2026-12-02T18:40:00Z req_error_1");
            assertThat(e.next()).as("a resend is the same error").isFalse();
            ResultSet calls = c.createStatement().executeQuery("SELECT model, status, count(*) FROM telemetry_request");
            assertThat(calls.getString(1) + " " + calls.getInt(2) + " " + calls.getInt(3)).isEqualTo("claude-opus-4-8 429 1");
        }
        assertThat(rows()).isEmpty();
    }

    @Test
    void malformedBodiesGetBadRequestWithAStatusInTheirOwnEncoding() throws Exception {
        HttpResponse<byte[]> pb = post("/v1/logs", "application/x-protobuf", new byte[] {0x0a, 0x7f, 0x01}, false, false);
        HttpResponse<byte[]> json = post("/v1/metrics", "application/json", "{\"resourceMetrics\": [".getBytes(
                StandardCharsets.UTF_8), false, false);
        HttpResponse<byte[]> notGzip = post("/v1/logs", "application/json", fixture("run1-logs.json"), false, false,
                "gzip");

        assertThat(pb.statusCode()).isEqualTo(400);
        CodedInputStream status = CodedInputStream.newInstance(pb.body());
        assertThat(status.readTag()).isEqualTo(1 << 3);
        assertThat(status.readInt32()).isEqualTo(3);
        assertThat(status.readTag()).isEqualTo(2 << 3 | 2);
        assertThat(status.readString()).startsWith("The body is not an OTLP logs request in protobuf");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(json.body()).get("code").asInt()).isEqualTo(3);
        assertThat(Json.mapper().readTree(json.body()).get("message").asText()).startsWith("The body is not valid JSON");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(rows()).isEmpty();
    }

    @Test
    void oversizedOtherMediaTypesWrongMethodsAndForeignHostsAreRefused() throws Exception {
        byte[] huge = new byte[OtlpReceiver.MAX_BODY + 1];
        assertThat(post("/v1/logs", "application/x-protobuf", huge, false, false).statusCode()).isEqualTo(413);
        assertThat(post("/v1/logs", "application/x-protobuf", gzip(huge), false, false, "gzip").statusCode())
                .as("a small gzip body that inflates past the cap").isEqualTo(413);
        assertThat(post("/v1/logs", "text/plain", fixture("run1-logs.json"), false, false).statusCode()).isEqualTo(415);
        assertThat(post("/v1/logs", "application/json", fixture("run1-logs.json"), false, false, "br").statusCode())
                .isEqualTo(415);
        assertThat(post("/v1/other", "application/json", fixture("run1-logs.json"), false, false).statusCode())
                .isEqualTo(404);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(receiver.endpoint() + "/v1/logs")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(rawStatus("evil.example:" + receiver.port())).isEqualTo(403);
        assertThat(rawStatus("127.0.0.1.nip.io:" + receiver.port())).isEqualTo(403);
        assertThat(rawStatus("localhost:" + receiver.port())).isEqualTo(200);
        assertThat(rows()).hasSize(1); // the one addressed to localhost
    }

    @Test
    void whenTheStoreCannotTakeAnExportTheExporterIsToldToRetry() throws Exception {
        database.close();

        HttpResponse<byte[]> r = post("/v1/logs", "application/json", fixture("run1-logs.json"), false, false);

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        assertThat(Json.mapper().readTree(r.body()).get("code").asInt()).isEqualTo(14);
        assertThat(receiver.status().lastProblem()).contains("Claude Code will send it again");
        database = Database.open(tmp.resolve("headroom.db"));
    }

    // ---- helpers ----

    private HttpResponse<byte[]> post(String path, String type, byte[] body, boolean chunked, boolean gzip)
            throws Exception {
        return post(path, type, gzip ? gzip(body) : body, chunked, false, gzip ? "gzip" : null);
    }

    private HttpResponse<byte[]> post(String path, String type, byte[] body, boolean chunked, boolean unused,
            String encoding) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(receiver.endpoint() + path))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", type).POST(publisher);
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request with a Host header of our choosing (HttpClient will not send one), read back as a status. */
    private int rawStatus(String host) throws Exception {
        byte[] body = fixture("run1-logs.json");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/logs HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Fixtures.resource("otel/" + name));
    }

    static byte[] gzip(byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }

    private java.util.List<String> rows() throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("headroom.db"));
                ResultSet rs = c.createStatement().executeQuery("SELECT model, input_tokens, output_tokens, cache_write_5m,"
                        + " cache_write_1h, cache_read, total_tokens, cost_usd, dedup_key, source FROM usage_event"
                        + " ORDER BY ts")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " in=" + rs.getLong(2) + " out=" + rs.getLong(3) + " w5m=" + rs.getLong(4)
                        + " w1h=" + rs.getLong(5) + " read=" + rs.getLong(6) + " total=" + rs.getLong(7) + " cost="
                        + String.format(java.util.Locale.ROOT, "%.7f", rs.getDouble(8)) + " key=" + rs.getString(9) + " source=" + rs.getString(10));
            }
        }
        return out;
    }

    private java.util.List<String> pointSums() throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("headroom.db"));
                ResultSet rs = c.createStatement().executeQuery("SELECT session_id, model, SUM(tokens) FROM"
                        + " telemetry_token_point GROUP BY session_id, model ORDER BY MIN(start_ms)")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
            }
        }
        return out;
    }

    /** Run 2's ids and cost, read from its own protobuf capture. */
    private static io.headroom.domain.telemetry.TelemetryRecord run2Request() throws Exception {
        return OtlpDecoding.logs(fixture("run2-logs.pb"), OtlpFormat.PROTOBUF, Instant.now()).records().stream()
                .filter(r -> "api_request".equals(r.text("event.name"))).findFirst().orElseThrow();
    }

    private static String requestId2() throws Exception {
        return run2Request().text("request_id");
    }

    private static String session2() throws Exception {
        return run2Request().text("session.id");
    }

    private static double cost2() throws Exception {
        return ((Number) run2Request().attributes().get("cost_usd")).doubleValue();
    }
}
