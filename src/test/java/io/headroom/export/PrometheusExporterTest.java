package io.headroom.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.metrics.TeamMetrics;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The exposition of every metric family, over a real HTTP scrape on loopback; figures recomputed per scrape. */
class PrometheusExporterTest {

    @Test
    void everyFamilyIsExposedWithUserAndHostAndRecomputedPerScrape() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        Instant reset = Instant.parse("2026-12-04T18:00:00Z");
        Instant exhausts = Instant.parse("2026-12-04T17:15:30Z");
        try (PrometheusExporter exporter = PrometheusExporter.start(InetAddress.getLoopbackAddress(), 0, () -> {
            int n = scrapes.incrementAndGet();
            return new TeamMetrics("ana", "ws-1", "1.4.0", "max5", "max20",
                    List.of(new TeamMetrics.Tokens("claude-opus-4-8", "input", 1000L * n)), Map.of("claude-opus-4-8", 1.25),
                    List.of(new TeamMetrics.Requests("claude-opus-4-8", 429, 3)),
                    List.of(new TeamMetrics.WindowFigures("five_hour", 0.82, reset, exhausts),
                            new TeamMetrics.WindowFigures("weekly", 0.41, null, null)),
                    Map.of("five_hour", 2L), 5400, Map.of("proxy", reset), null, Map.of("p-4f1c0a9e2b7d", 0.75));
        })) {
            String first = scrape(exporter.port());
            String second = scrape(exporter.port());

            assertThat(first).contains("headroom_tokens_total{host=\"ws-1\",model=\"claude-opus-4-8\",type=\"input\",user=\"ana\"} 1000.0")
                    .contains("headroom_cost_usd_total{host=\"ws-1\",model=\"claude-opus-4-8\",user=\"ana\"} 1.25")
                    .contains("headroom_api_requests_total{host=\"ws-1\",model=\"claude-opus-4-8\",status=\"429\",user=\"ana\"} 3.0")
                    .contains("headroom_limit_utilization_ratio{host=\"ws-1\",user=\"ana\",window=\"five_hour\"} 0.82")
                    .contains("headroom_limit_utilization_ratio{host=\"ws-1\",user=\"ana\",window=\"weekly\"} 0.41")
                    .contains("headroom_limit_reset_timestamp_seconds{host=\"ws-1\",user=\"ana\",window=\"five_hour\"} 1.7964072E9")
                    .contains("headroom_limit_forecast_exhaustion_timestamp_seconds{host=\"ws-1\",user=\"ana\",window=\"five_hour\"} "
                            + "1.79640453E9")
                    .contains("headroom_limit_hits_total{host=\"ws-1\",user=\"ana\",window=\"five_hour\"} 2.0")
                    .contains("headroom_blocked_seconds_total{host=\"ws-1\",user=\"ana\"} 5400.0")
                    .contains("headroom_project_cost_usd_total{host=\"ws-1\",project=\"p-4f1c0a9e2b7d\",user=\"ana\"} 0.75")
                    .contains("headroom_last_ingest_timestamp_seconds{host=\"ws-1\",source=\"proxy\",user=\"ana\"} 1.7964072E9")
                    .contains("headroom_plan_info{host=\"ws-1\",plan=\"max5\",user=\"ana\"} 1.0")
                    .contains("headroom_build_info{host=\"ws-1\",user=\"ana\",version=\"1.4.0\"} 1.0")
                    .contains("headroom_advice_info{host=\"ws-1\",recommendation=\"max20\",user=\"ana\"} 1.0")
                    .doesNotContain("window=\"weekly\"} 1.");
            assertThat(second).contains("type=\"input\",user=\"ana\"} 2000.0");
        }
    }

    private static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
