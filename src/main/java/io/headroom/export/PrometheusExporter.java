package io.headroom.export;

import io.headroom.domain.metrics.TeamMetrics;
import io.headroom.work.BackgroundWork;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * {@code /metrics} in the Prometheus text format, from the official Prometheus Java client. Every
 * scrape recomputes the figures from the store, so counters are the store's cumulative totals:
 * a restart or a second scraper changes nothing. Listens on loopback unless told otherwise.
 */
public final class PrometheusExporter implements AutoCloseable {

    private final HTTPServer server;
    private final ExecutorService executor;

    private PrometheusExporter(HTTPServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static PrometheusExporter start(InetAddress bind, int port, Supplier<TeamMetrics> metrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) () -> snapshots(metrics.get()));
        ExecutorService executor = BackgroundWork.elastic("headroom-metrics", 4, Duration.ofSeconds(60));
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(bind).port(port).registry(registry)
                    .executorService(executor).buildAndStart();
            return new PrometheusExporter(server, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw new IOException("Cannot listen for Prometheus on " + bind.getHostAddress() + ":" + port + " ("
                    + e.getMessage() + ")", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The metric families for one set of figures; every series carries user and host. */
    static MetricSnapshots snapshots(TeamMetrics m) {
        List<MetricSnapshot> out = new ArrayList<>();
        Labels who = Labels.of("user", m.user(), "host", m.host());

        out.add(counter("headroom_tokens", "Tokens used, by model and type (input, output, cacheRead, cacheCreation)",
                m.tokens().stream().map(t -> point(who.merge(Labels.of("model", t.model(), "type", t.type())), t.count()))));
        out.add(counter("headroom_cost_usd", "API-equivalent cost in US dollars, by model",
                m.costUsd().entrySet().stream().map(e -> point(who.merge(Labels.of("model", e.getKey())), e.getValue()))));
        out.add(counter("headroom_project_cost_usd", "API-equivalent cost in US dollars, by project (a hash of its "
                + "name unless names are allowed)", m.costByProject().entrySet().stream().map(e -> point(
                        who.merge(Labels.of("project", e.getKey())), e.getValue()))));
        out.add(counter("headroom_api_requests",
                "API calls seen by the recording proxy or reported by Claude Code's telemetry, by model and HTTP status",
                m.requests().stream().map(r -> point(who.merge(Labels.of("model", r.model(), "status",
                        Integer.toString(r.status()))), r.count()))));

        GaugeSnapshot.Builder utilization = GaugeSnapshot.builder().name("headroom_limit_utilization_ratio")
                .help("How much of the window's limit is used, 0-1 (above 1 past the limit)");
        GaugeSnapshot.Builder reset = GaugeSnapshot.builder().name("headroom_limit_reset_timestamp_seconds")
                .help("When the window resets, Unix time");
        GaugeSnapshot.Builder exhaustion = GaugeSnapshot.builder()
                .name("headroom_limit_forecast_exhaustion_timestamp_seconds")
                .help("When the limit is forecast to be reached at the recent rate, Unix time");
        for (TeamMetrics.WindowFigures w : m.windows()) {
            Labels l = who.merge(Labels.of("window", w.window()));
            if (w.utilization() != null) {
                utilization.dataPoint(gauge(l, w.utilization()));
            }
            if (w.resetsAt() != null) {
                reset.dataPoint(gauge(l, seconds(w.resetsAt())));
            }
            if (w.exhaustsAt() != null) {
                exhaustion.dataPoint(gauge(l, seconds(w.exhaustsAt())));
            }
        }
        out.add(utilization.build());
        out.add(reset.build());
        out.add(exhaustion.build());

        out.add(counter("headroom_limit_hits", "Usage-limit hits, by window",
                m.limitHits().entrySet().stream().map(e -> point(who.merge(Labels.of("window", e.getKey())), e.getValue()))));
        out.add(counter("headroom_blocked_seconds", "Time blocked by usage limits (from each hit to its reset, overlaps once)",
                java.util.stream.Stream.of(point(who, m.blockedSeconds()))));

        GaugeSnapshot.Builder ingest = GaugeSnapshot.builder().name("headroom_last_ingest_timestamp_seconds")
                .help("The newest event each data source brought, Unix time");
        for (Map.Entry<String, Instant> e : m.lastIngest().entrySet()) {
            ingest.dataPoint(gauge(who.merge(Labels.of("source", e.getKey())), seconds(e.getValue())));
        }
        out.add(ingest.build());

        out.add(GaugeSnapshot.builder().name("headroom_plan_info").help("The plan set in Headroom (value 1)")
                .dataPoint(gauge(who.merge(Labels.of("plan", m.plan())), 1)).build());
        out.add(GaugeSnapshot.builder().name("headroom_advice_info")
                .help("The advisor's recommended plan or API tier for this person (value 1)")
                .dataPoint(gauge(who.merge(Labels.of("recommendation", m.advice())), 1)).build());
        out.add(GaugeSnapshot.builder().name("headroom_build_info").help("Headroom's version (value 1)")
                .dataPoint(gauge(who.merge(Labels.of("version", m.version())), 1)).build());
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot counter(String name, String help,
            java.util.stream.Stream<CounterSnapshot.CounterDataPointSnapshot> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot point(Labels labels, double value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }
}
