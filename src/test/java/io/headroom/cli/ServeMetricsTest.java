package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.Json;
import io.headroom.testing.DesktopTools;
import io.headroom.testing.Fixtures;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom serve --metrics} on the fixture transcripts, scraped over HTTP and by a real
 * Prometheus (Debian's package): the totals Prometheus stores are the totals {@code daily --json} prints.
 */
class ServeMetricsTest {

    private static final Pattern PORT = Pattern.compile("Serving metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void prometheusScrapesTheSameTotalsAsDailyJson() throws Exception {
        Path claude = Fixtures.claudeDir(tmp.resolve("claude"));
        JsonNode daily = Json.mapper().readTree(new CliHarness(tmp).run("daily", "--json", "-z", "UTC", "--claude-dir",
                claude.toString()).out()).get("totals");
        long totalTokens = daily.get("totalTokens").asLong();
        double totalCost = daily.get("totalCost").asDouble();
        assertThat(totalTokens).isEqualTo(220_645L);

        try (ServeRun serve = new ServeRun(tmp, Map.of("HEADROOM_METRICS_USER", "dev@example.com",
                "HEADROOM_METRICS_HOST", "laptop-7"), "--metrics", "0", "--claude-dir", claude.toString(), "--duration",
                "60")) {
            int port = Integer.parseInt(serve.await(PORT));
            String text = get("http://127.0.0.1:" + port + "/metrics");

            assertThat(sum(text, "headroom_tokens_total")).isEqualTo((double) totalTokens);
            assertThat(sum(text, "headroom_cost_usd_total")).isCloseTo(totalCost, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(text).contains("headroom_tokens_total{host=\"laptop-7\",model=\"claude-opus-4-8\",type=\"input\","
                    + "user=\"dev\"} 33438.0");
            assertThat(text).contains("headroom_build_info{host=\"laptop-7\",user=\"dev\",version=\"development\"} 1.0");
            // No plan is set, so the advisor recommends nothing (as 'advise' says).
            assertThat(text).contains("headroom_advice_info{host=\"laptop-7\",recommendation=\"none\",user=\"dev\"} 1.0");
            assertThat(text).doesNotContain("example.com").doesNotContain("cc-project").doesNotContain("/home/");
            // The fixture's one 5-hour limit hit, blocked from the hit to its reset.
            assertThat(text).contains("headroom_limit_hits_total{host=\"laptop-7\",user=\"dev\",window=\"five_hour\"} 1.0")
                    .contains("headroom_blocked_seconds_total{host=\"laptop-7\",user=\"dev\"} 3599.557");

            String prometheus = DesktopTools.require("prometheus", "prometheus");
            int promPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                promPort = s.getLocalPort();
            }
            Path config = Files.writeString(tmp.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n"
                    + "scrape_configs:\n  - job_name: headroom\n    static_configs:\n      - targets: ['127.0.0.1:" + port
                    + "']\n");
            Process p = new ProcessBuilder(prometheus, "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + promPort).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
            try {
                String query = "http://127.0.0.1:" + promPort + "/api/v1/query?query="
                        + URLEncoder.encode("sum(headroom_tokens_total{user=\"dev\",host=\"laptop-7\"})", StandardCharsets.UTF_8);
                double stored = -1;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (System.nanoTime() < end) {
                    try {
                        JsonNode result = Json.mapper().readTree(get(query)).path("data").path("result");
                        if (result.size() == 1) {
                            stored = result.get(0).path("value").get(1).asDouble();
                            break;
                        }
                    } catch (java.io.IOException notUpYet) {
                        // Prometheus is starting
                    }
                    Thread.sleep(250);
                }
                assertThat(stored).as("Prometheus log: %s", Files.readString(tmp.resolve("prometheus.log")))
                        .isEqualTo((double) totalTokens);

                // The shipped Grafana dashboard: every query is valid PromQL that this Prometheus accepts,
                // and names only metrics Headroom exports.
                JsonNode dashboard = Json.mapper().readTree(Path.of("resources/grafana/headroom-team.json").toFile());
                java.util.Set<String> exported = new java.util.TreeSet<>();
                Matcher names = Pattern.compile("(?m)^# TYPE (headroom_[a-z_]+) ").matcher(text);
                while (names.find()) {
                    exported.add(names.group(1));
                }
                int queries = 0;
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String expr = target.path("expr").asText();
                        Matcher used = Pattern.compile("headroom_[a-z_]+").matcher(expr);
                        while (used.find()) {
                            assertThat(used.group()).as(panel.path("title").asText()).isIn(
                                    exported.isEmpty() ? java.util.Set.of() : allNames(exported));
                        }
                        String concrete = expr.replace("$user", ".*").replace("$__range", "1h");
                        JsonNode answer = Json.mapper().readTree(get("http://127.0.0.1:" + promPort + "/api/v1/query?query="
                                + URLEncoder.encode(concrete, StandardCharsets.UTF_8)));
                        assertThat(answer.path("status").asText()).as(concrete).isEqualTo("success");
                        queries++;
                    }
                }
                assertThat(queries).isEqualTo(13);
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The families the exposition declared, plus those Headroom exports only once there is data (proxy calls, windows). */
    private static java.util.Set<String> allNames(java.util.Set<String> declared) {
        java.util.Set<String> all = new java.util.TreeSet<>(declared);
        all.addAll(java.util.List.of("headroom_api_requests_total", "headroom_limit_utilization_ratio",
                "headroom_limit_reset_timestamp_seconds", "headroom_limit_forecast_exhaustion_timestamp_seconds"));
        return all;
    }


    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** The sum of every sample of one metric in the text format. */
    private static double sum(String text, String metric) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
