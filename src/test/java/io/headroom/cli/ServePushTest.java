package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.testing.Fixtures;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Content-Type"));
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            bodies.add(ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        collector.start();
        StringWriter out = new StringWriter();
        try {
            Thread serve = new Thread(() -> HeadroomCommand.execute(new HeadroomCommand(db -> new Workspace(
                    new DataDirectory(tmp.resolve("data")), db, Map.of("HEADROOM_METRICS_USER", "ana",
                    "HEADROOM_METRICS_HOST", "ws-1"), tmp.resolve("home"))), cli -> {
                        cli.setOut(new PrintWriter(out, true));
                        cli.setErr(new PrintWriter(out, true));
                    }, "serve", "--push", "http://127.0.0.1:" + collector.getAddress().getPort(), "--push-interval", "1",
                    "--push-header", "Authorization=Bearer collector-secret-123", "--claude-dir", claude.toString(),
                    "--duration", "30"));
            serve.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bodies.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            serve.interrupt();
        } finally {
            collector.stop(0);
        }

        assertThat(bodies).as(out.toString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(paths).allMatch(p -> p.equals("/v1/metrics application/x-protobuf"));
        assertThat(auth).allMatch("Bearer collector-secret-123"::equals);
        assertThat(out.toString()).doesNotContain("collector-secret-123");
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
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", ex -> {
            seen.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + ex.getRequestHeaders().getFirst("Authorization") + " " + ex.getRequestHeaders().getFirst("X-Team"));
            bodies.add(ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        collector.start();
        StringWriter out = new StringWriter();
        try {
            Thread serve = new Thread(() -> HeadroomCommand.execute(new HeadroomCommand(db -> new Workspace(
                    new DataDirectory(tmp.resolve("data")), db, Map.of("HEADROOM_METRICS_USER", "ana",
                    "HEADROOM_METRICS_HOST", "ws-1", "HEADROOM_PUSH_HEADERS",
                    "Authorization=Bearer env-secret-456,X-Team=platform"), tmp.resolve("home"))), cli -> {
                        cli.setOut(new PrintWriter(out, true));
                        cli.setErr(new PrintWriter(out, true));
                    }, "serve", "--push", "http://127.0.0.1:" + collector.getAddress().getPort() + "/", "--push-interval",
                    "1", "--push-protocol", "http/json", "--claude-dir", claude.toString(), "--duration", "30"));
            serve.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bodies.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            serve.interrupt();
        } finally {
            collector.stop(0);
        }

        assertThat(bodies).as(out.toString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen).allMatch("/v1/metrics application/json Bearer env-secret-456 platform"::equals);
        assertThat(out.toString()).doesNotContain("env-secret-456").contains("Pushing to http://127.0.0.1:");
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

    private static Metric metric(ExportMetricsServiceRequest r, String name) {
        return r.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream().filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + r));
    }
}
