package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.headroom.testing.Fixtures;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --push} to a collector on loopback: each request decodes with the official
 * opentelemetry-proto classes to the store's totals, cumulative, so two pushes carry the same
 * totals and a collector never double counts; the bearer header arrives and is never printed.
 */
class ServePushTest {

    @TempDir
    Path tmp;

    @Test
    void pushedTotalsAreTheStoresAndPushingTwiceChangesNone() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Collector collector = new Collector();
        String log;
        try (collector; ServeRun serve = new ServeRun(tmp, Map.of("HEADROOM_METRICS_USER", "ana", "HEADROOM_METRICS_HOST",
                "ws-1"), "--push", collector.url(), "--push-interval", "1", "--push-header",
                "Authorization=Bearer collector-secret-123", "--claude-dir", claude.toString(), "--duration", "30")) {
            collector.awaitTwo();
            log = serve.log();
        }
        List<byte[]> bodies = collector.bodies;

        assertThat(bodies).as(log).hasSizeGreaterThanOrEqualTo(2);
        assertThat(collector.seen).allMatch("/v1/metrics application/x-protobuf Bearer collector-secret-123 null"::equals);
        assertThat(log).doesNotContain("collector-secret-123");
        for (byte[] body : bodies.subList(0, 2)) {
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
            Metric tokens = metric(request, "headroom_tokens");
            assertThat(tokens.getSum().getIsMonotonic()).isTrue();
            assertThat(tokens.getSum().getAggregationTemporality())
                    .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            assertThat(tokens.getSum().getDataPointsList().stream().mapToDouble(NumberDataPoint::getAsDouble).sum())
                    .isEqualTo(220_645.0);
            assertThat(tokens.getSum().getDataPointsList()).allSatisfy(p -> assertThat(p.getStartTimeUnixNano())
                    .isEqualTo(tokens.getSum().getDataPoints(0).getStartTimeUnixNano()).isPositive());
            assertThat(metric(request, "headroom_cost_usd").getSum().getDataPointsList().stream()
                    .mapToDouble(NumberDataPoint::getAsDouble).sum())
                    .isCloseTo(0.41248075 + 0.0533097 + 0.03560865, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(request.getResourceMetrics(0).getResource().getAttributesList())
                    .anyMatch(a -> a.getKey().equals("user") && a.getValue().getStringValue().equals("ana"));
        }
    }

    @Test
    void jsonPushesDecodeWithTheProtobufProjectsOwnParserToTheSameTotalsWithHeadersFromTheEnvironment() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        Collector collector = new Collector();
        String log;
        try (collector; ServeRun serve = new ServeRun(tmp, Map.of("HEADROOM_METRICS_USER", "ana", "HEADROOM_METRICS_HOST",
                "ws-1", "HEADROOM_PUSH_HEADERS", "Authorization=Bearer env-secret-456,X-Team=platform"), "--push",
                collector.url() + "/", "--push-interval", "1", "--push-protocol", "http/json", "--claude-dir",
                claude.toString(), "--duration", "30")) {
            collector.awaitTwo();
            log = serve.log();
        }
        List<byte[]> bodies = collector.bodies;

        assertThat(bodies).as(log).hasSizeGreaterThanOrEqualTo(2);
        assertThat(collector.seen).allMatch("/v1/metrics application/json Bearer env-secret-456 platform"::equals);
        assertThat(log).doesNotContain("env-secret-456").contains("Pushing to http://127.0.0.1:");
        for (byte[] body : bodies.subList(0, 2)) {
            ExportMetricsServiceRequest.Builder parsed = ExportMetricsServiceRequest.newBuilder();
            com.google.protobuf.util.JsonFormat.parser().merge(new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    parsed);
            ExportMetricsServiceRequest request = parsed.build();
            Metric tokens = metric(request, "headroom_tokens");
            assertThat(tokens.getSum().getAggregationTemporality())
                    .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            assertThat(tokens.getSum().getDataPointsList().stream().mapToDouble(NumberDataPoint::getAsDouble).sum())
                    .isEqualTo(220_645.0);
            // Project names leave only as a hash unless allowed.
            Metric projects = metric(request, "headroom_project_cost_usd");
            assertThat(projects.getSum().getDataPointsList()).hasSize(1);
            assertThat(projects.getSum().getDataPoints(0).getAttributesList())
                    .anyMatch(a -> a.getKey().equals("project") && a.getValue().getStringValue().matches("p-[0-9a-f]{12}"));
            assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("cc-project")
                    .contains("\"aggregationTemporality\":2");
        }
    }

    /** A collector on loopback that keeps each request's body and, per request, path, type and two headers. */
    private static final class Collector implements AutoCloseable {
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Collector() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                seen.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                        + ex.getRequestHeaders().getFirst("Authorization") + " " + ex.getRequestHeaders().getFirst("X-Team"));
                bodies.add(ex.getRequestBody().readAllBytes());
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void awaitTwo() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bodies.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static Metric metric(ExportMetricsServiceRequest r, String name) {
        return r.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream().filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + r));
    }
}
