package io.headroom.export;

import io.headroom.domain.metrics.TeamMetrics;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OTLP/HTTP push of the team metrics (protobuf, the official opentelemetry-proto classes) for
 * laptops a Prometheus cannot scrape. Counters are cumulative sums from the store's first event,
 * so a resend or a restart never double counts on the collector's side.
 */
public final class OtlpPush {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final Map<String, String> headers;
    private final boolean json;

    /** Protobuf, OTLP's default encoding. */
    public OtlpPush(URI collector, Map<String, String> headers) {
        this(collector, headers, false);
    }

    /**
     * @param collector the collector's base URL; {@code /v1/metrics} is added unless it is there
     * @param json      send OTLP/JSON ({@code http/json}) instead of protobuf
     */
    public OtlpPush(URI collector, Map<String, String> headers, boolean json) {
        this.json = json;
        String base = collector.toString();
        this.endpoint = URI.create(base.endsWith("/v1/metrics") ? base : base.replaceAll("/+$", "") + "/v1/metrics");
        this.headers = Map.copyOf(headers);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Sends one request; a refusal says the status, never a header value (they may hold a token). */
    public void send(TeamMetrics m, Instant now) throws IOException {
        ExportMetricsServiceRequest request = request(m, now);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", json ? "application/json" : "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json ? OtlpJson.metrics(request) : request.toByteArray()));
        headers.forEach(b::header);
        HttpResponse<Void> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pushing to " + endpoint, e);
        }
        if (r.statusCode() / 100 != 2) {
            throw new IOException("the collector at " + endpoint + " answered " + r.statusCode());
        }
    }

    /** The request for one set of figures: one resource (service, user, host), every series as in /metrics. */
    public static ExportMetricsServiceRequest request(TeamMetrics m, Instant now) {
        long nowNanos = nanos(now);
        long startNanos = m.since() == null ? nowNanos : Math.min(nanos(m.since()), nowNanos);
        Map<String, String> who = Map.of("user", m.user(), "host", m.host());
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.headroom").setVersion(m.version()));

        scope.addMetrics(counter("headroom_tokens", "Tokens used, by model and type", "{token}", startNanos, nowNanos,
                m.tokens().stream().map(t -> new Sample(t.count(), with(who, "model", t.model(), "type", t.type())))));
        scope.addMetrics(counter("headroom_cost_usd", "API-equivalent cost in US dollars, by model", "USD", startNanos,
                nowNanos, m.costUsd().entrySet().stream().map(e -> new Sample(e.getValue(), with(who, "model", e.getKey())))));
        scope.addMetrics(counter("headroom_project_cost_usd", "API-equivalent cost in US dollars, by project (hashed "
                + "unless names are allowed)", "USD", startNanos, nowNanos, m.costByProject().entrySet().stream().map(
                        e -> new Sample(e.getValue(), with(who, "project", e.getKey())))));
        scope.addMetrics(counter("headroom_api_requests",
                "API calls seen by the recording proxy or reported by Claude Code's telemetry", "{request}", startNanos,
                nowNanos, m.requests().stream().map(r -> new Sample(r.count(), with(who, "model", r.model(), "status",
                        Integer.toString(r.status()))))));
        scope.addMetrics(counter("headroom_limit_hits", "Usage-limit hits, by window", "{hit}", startNanos, nowNanos,
                m.limitHits().entrySet().stream().map(e -> new Sample(e.getValue(), with(who, "window", e.getKey())))));
        scope.addMetrics(counter("headroom_blocked_seconds", "Time blocked by usage limits", "s", startNanos, nowNanos,
                java.util.stream.Stream.of(new Sample(m.blockedSeconds(), who))));

        Metric.Builder utilization = gauge("headroom_limit_utilization_ratio", "How much of the window's limit is used, 0-1");
        Metric.Builder reset = gauge("headroom_limit_reset_timestamp_seconds", "When the window resets, Unix time");
        Metric.Builder exhaustion = gauge("headroom_limit_forecast_exhaustion_timestamp_seconds",
                "When the limit is forecast to be reached, Unix time");
        for (TeamMetrics.WindowFigures w : m.windows()) {
            Map<String, String> l = with(who, "window", w.window());
            if (w.utilization() != null) {
                utilization.getGaugeBuilder().addDataPoints(point(0, nowNanos, w.utilization(), l));
            }
            if (w.resetsAt() != null) {
                reset.getGaugeBuilder().addDataPoints(point(0, nowNanos, w.resetsAt().toEpochMilli() / 1000.0, l));
            }
            if (w.exhaustsAt() != null) {
                exhaustion.getGaugeBuilder().addDataPoints(point(0, nowNanos, w.exhaustsAt().toEpochMilli() / 1000.0, l));
            }
        }
        scope.addMetrics(utilization).addMetrics(reset).addMetrics(exhaustion);

        Metric.Builder ingest = gauge("headroom_last_ingest_timestamp_seconds", "The newest event each source brought");
        m.lastIngest().forEach((source, at) -> ingest.getGaugeBuilder().addDataPoints(point(0, nowNanos,
                at.toEpochMilli() / 1000.0, with(who, "source", source))));
        scope.addMetrics(ingest);
        scope.addMetrics(info("headroom_plan_info", nowNanos, with(who, "plan", m.plan())));
        scope.addMetrics(info("headroom_advice_info", nowNanos, with(who, "recommendation", m.advice())));
        scope.addMetrics(info("headroom_build_info", nowNanos, with(who, "version", m.version())));

        Resource.Builder resource = Resource.newBuilder().addAttributes(attr("service.name", "headroom"))
                .addAttributes(attr("service.version", m.version())).addAttributes(attr("user", m.user()))
                .addAttributes(attr("host.name", m.host()));
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope)).build();
    }

    /** One value with its attributes. */
    private record Sample(double value, Map<String, String> labels) {
    }

    /** A monotonic cumulative sum: what the store holds since {@code startNanos}. */
    private static Metric.Builder counter(String name, String description, String unit, long startNanos, long nowNanos,
            java.util.stream.Stream<Sample> samples) {
        Metric.Builder b = Metric.newBuilder().setName(name).setDescription(description).setUnit(unit).setSum(Sum.newBuilder()
                .setIsMonotonic(true).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE));
        samples.forEach(x -> b.getSumBuilder().addDataPoints(point(startNanos, nowNanos, x.value(), x.labels())));
        return b;
    }

    private static Metric.Builder gauge(String name, String description) {
        return Metric.newBuilder().setName(name).setDescription(description).setGauge(Gauge.newBuilder());
    }

    private static Metric.Builder info(String name, long nowNanos, Map<String, String> labels) {
        Metric.Builder b = gauge(name, "value 1");
        b.getGaugeBuilder().addDataPoints(point(0, nowNanos, 1, labels));
        return b;
    }

    private static NumberDataPoint point(long startNanos, long nowNanos, double value, Map<String, String> labels) {
        NumberDataPoint.Builder p = NumberDataPoint.newBuilder().setTimeUnixNano(nowNanos).setAsDouble(value);
        if (startNanos > 0) {
            p.setStartTimeUnixNano(startNanos);
        }
        labels.forEach((k, v) -> p.addAttributes(attr(k, v)));
        return p.build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i + 1 < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
