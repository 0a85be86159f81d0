package io.headroom.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the window runs for a team ({@code team.json} in the data folder): the OTLP receiver for
 * Claude Code's telemetry, the Prometheus {@code /metrics} endpoint, the OTLP push to a collector,
 * the names the figures carry and whether project names may leave the machine. All off until the
 * user switches them on. The collector's headers (a bearer token) are secrets: they live in the
 * secret store under {@link #PUSH_HEADERS_SECRET}, never here.
 *
 * @param user          the person's alias on every series; null means the OS user name
 * @param host          the machine's alias; null means the host name
 * @param projectNames  true sends project names as they are; false (the default) sends a hash
 */
public record TeamSettings(boolean receiveTelemetry, int telemetryPort, boolean serveMetrics, int metricsPort,
        String metricsBind, boolean push, String pushUrl, String pushProtocol, int pushIntervalSeconds, String user,
        String host, boolean projectNames) {

    public static final String FILE = "team.json";
    public static final String PUSH_HEADERS_SECRET = "otlp_push_headers";
    public static final int DEFAULT_TELEMETRY_PORT = 4318;
    /** The port OpenTelemetry's own Prometheus exporters use. */
    public static final int DEFAULT_METRICS_PORT = 9464;
    public static final String LOOPBACK = "127.0.0.1";
    public static final String PROTOBUF = "http/protobuf";
    public static final String JSON = "http/json";
    public static final TeamSettings DEFAULTS = new TeamSettings(false, DEFAULT_TELEMETRY_PORT, false,
            DEFAULT_METRICS_PORT, LOOPBACK, false, null, PROTOBUF, 60, null, null, false);

    public TeamSettings {
        port(telemetryPort, "telemetry");
        port(metricsPort, "metrics");
        metricsBind = metricsBind == null || metricsBind.isBlank() ? LOOPBACK : metricsBind.strip();
        pushProtocol = pushProtocol == null ? PROTOBUF : pushProtocol.strip().toLowerCase(Locale.ROOT);
        if (!PROTOBUF.equals(pushProtocol) && !JSON.equals(pushProtocol)) {
            throw new IllegalArgumentException("the push protocol is http/protobuf or http/json, not " + pushProtocol);
        }
        if (pushIntervalSeconds < 1 || pushIntervalSeconds > 86_400) {
            throw new IllegalArgumentException("the push interval is 1 to 86400 seconds, not " + pushIntervalSeconds);
        }
        pushUrl = pushUrl == null || pushUrl.isBlank() ? null : pushUrl.strip();
        if (pushUrl != null) {
            checkUrl(pushUrl);
        }
        if (push && pushUrl == null) {
            throw new IllegalArgumentException("pushing needs the collector's address, like http://collector:4318");
        }
        user = blankToNull(user);
        host = blankToNull(host);
        if (user != null && user.contains("@") || host != null && host.contains("@")) {
            throw new IllegalArgumentException("an alias is a name, not an email address");
        }
    }

    /** The collector address as pushing wants it: http or https with a host. */
    public static void checkUrl(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address: " + url);
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new IllegalArgumentException("the collector's address starts with http:// or https://, like "
                    + "http://collector:4318");
        }
    }

    private static void port(int p, String what) {
        if (p < 0 || p > 65535) { // 0 asks the system for any free port
            throw new IllegalArgumentException("the " + what + " port must be 1-65535, not " + p);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Whether the metrics listen where only this machine can reach them. */
    public boolean metricsOnLoopback() {
        return metricsBind.equals(LOOPBACK) || metricsBind.equals("localhost") || metricsBind.equals("::1")
                || metricsBind.startsWith("127.");
    }

    public static TeamSettings load(Path file) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return DEFAULTS;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            return DEFAULTS;
        }
        JsonNode t = n.path("telemetry");
        JsonNode m = n.path("metrics");
        JsonNode p = n.path("push");
        try {
            return new TeamSettings(t.path("enabled").asBoolean(false), t.path("port").asInt(DEFAULT_TELEMETRY_PORT),
                    m.path("enabled").asBoolean(false), m.path("port").asInt(DEFAULT_METRICS_PORT),
                    m.path("bind").asText(LOOPBACK), p.path("enabled").asBoolean(false), p.path("url").asText(null),
                    p.path("protocol").asText(PROTOBUF), p.path("intervalSeconds").asInt(60),
                    n.path("user").asText(null), n.path("host").asText(null), n.path("projectNames").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void save(Path file) throws IOException {
        ObjectNode n = Json.mapper().createObjectNode();
        ObjectNode t = n.putObject("telemetry");
        t.put("enabled", receiveTelemetry);
        t.put("port", telemetryPort);
        ObjectNode m = n.putObject("metrics");
        m.put("enabled", serveMetrics);
        m.put("port", metricsPort);
        m.put("bind", metricsBind);
        ObjectNode p = n.putObject("push");
        p.put("enabled", push);
        p.put("url", pushUrl);
        p.put("protocol", pushProtocol);
        p.put("intervalSeconds", pushIntervalSeconds);
        n.put("user", user);
        n.put("host", host);
        n.put("projectNames", projectNames);
        DataDirectory.ensurePrivateDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.writeAtomically(file, Json.mapper().writeValueAsString(n) + "\n");
    }
}
