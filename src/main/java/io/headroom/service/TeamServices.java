package io.headroom.service;

import io.headroom.config.TeamSettings;
import io.headroom.export.OtlpPush;
import io.headroom.export.PrometheusExporter;
import io.headroom.telemetry.OtlpReceiver;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The parts that join a team's monitoring, run as {@link TeamSettings} say: the OTLP receiver for
 * Claude Code's telemetry, the Prometheus endpoint and the OTLP push. The window applies the saved
 * settings; {@code headroom serve} applies its options. {@link #apply} starts, restarts or stops
 * each part so that exactly what is asked for runs; one part failing (a busy port) leaves the
 * others running and is said in a sentence.
 */
public final class TeamServices implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Workspace workspace;
    private final List<Consumer<String>> problemListeners = new CopyOnWriteArrayList<>();
    private TeamSettings applied = TeamSettings.DEFAULTS;
    private Map<String, String> appliedHeaders = Map.of();
    private MetricsService metrics;
    private PrometheusExporter exporter;
    private ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> pushing;
    private OtlpPush pusher;
    private volatile String pushOutcome;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    TeamServices(Workspace workspace) {
        this.workspace = workspace;
        workspace.telemetry().addProblemListener(this::problem);
    }

    /** Told each problem as a sentence: a port in use, a collector that refuses, an export refused. */
    public void addProblemListener(Consumer<String> listener) {
        problemListeners.add(listener);
    }

    /**
     * Makes the running parts match {@code wanted}; returns the problems met doing so (empty when
     * all asked for runs). {@code pushHeaders} are the collector's headers (secrets: never shown).
     */
    public synchronized List<String> apply(TeamSettings wanted, Map<String, String> pushHeaders) {
        problems.clear();
        boolean namesChanged = !java.util.Objects.equals(wanted.user(), applied.user())
                || !java.util.Objects.equals(wanted.host(), applied.host()) || wanted.projectNames() != applied.projectNames();
        if (namesChanged || (!wanted.serveMetrics() && !wanted.push())) {
            metrics = null;
        }
        applyTelemetry(wanted);
        applyMetrics(wanted, namesChanged);
        applyPush(wanted, pushHeaders, namesChanged);
        applied = wanted;
        appliedHeaders = Map.copyOf(pushHeaders);
        return List.copyOf(problems);
    }

    private void applyTelemetry(TeamSettings wanted) {
        TelemetryService telemetry = workspace.telemetry();
        OtlpReceiver.Status running = telemetry.status();
        boolean same = running != null && wanted.receiveTelemetry() && applied.telemetryPort() == wanted.telemetryPort();
        if (same) {
            return;
        }
        telemetry.stop();
        if (wanted.receiveTelemetry()) {
            try {
                telemetry.start(wanted.telemetryPort());
            } catch (IOException | RuntimeException e) {
                problem("Claude Code's telemetry cannot be received: " + e.getMessage());
            }
        }
    }

    private void applyMetrics(TeamSettings wanted, boolean namesChanged) {
        boolean same = exporter != null && wanted.serveMetrics() && !namesChanged
                && applied.metricsPort() == wanted.metricsPort() && applied.metricsBind().equals(wanted.metricsBind());
        if (same) {
            return;
        }
        if (exporter != null) {
            exporter.close();
            exporter = null;
        }
        if (wanted.serveMetrics()) {
            try {
                InetAddress bind = InetAddress.getByName(wanted.metricsBind());
                exporter = metrics(wanted).startPrometheus(bind, wanted.metricsPort());
            } catch (IOException | RuntimeException e) {
                problem("The metrics are not served: " + e.getMessage());
            }
        }
    }

    private void applyPush(TeamSettings wanted, Map<String, String> headers, boolean namesChanged) {
        boolean same = pushing != null && wanted.push() && !namesChanged && wanted.pushUrl().equals(applied.pushUrl())
                && wanted.pushProtocol().equals(applied.pushProtocol())
                && wanted.pushIntervalSeconds() == applied.pushIntervalSeconds() && headers.equals(appliedHeaders);
        if (same) {
            return;
        }
        if (pushing != null) {
            pushing.cancel(false);
            pushing = null;
            pusher = null;
            pushOutcome = null;
        }
        if (!wanted.push()) {
            return;
        }
        if (timer == null) {
            timer = BackgroundWork.scheduled("headroom-push");
        }
        OtlpPush p = new OtlpPush(URI.create(wanted.pushUrl()), headers, TeamSettings.JSON.equals(wanted.pushProtocol()));
        MetricsService service = metrics(wanted);
        pusher = p;
        pushing = timer.scheduleWithFixedDelay(() -> push(p, service), 0, wanted.pushIntervalSeconds(), TimeUnit.SECONDS);
    }

    private void push(OtlpPush p, MetricsService service) {
        Instant now = Instant.now();
        String before = pushOutcome;
        try {
            p.send(service.current(now), now);
            pushOutcome = "last pushed at " + CLOCK.format(now.atZone(zone()));
            if (before != null && before.startsWith("failed")) {
                problem("Pushing to " + p.endpoint() + " works again.");
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            pushOutcome = "failed at " + CLOCK.format(now.atZone(zone())) + ": " + why;
            if (before == null || !before.startsWith("failed") || !before.endsWith(why)) {
                problem("Pushing to " + p.endpoint() + " failed: " + why);
            }
        }
    }

    private ZoneId zone() {
        try {
            return workspace.settings().zone();
        } catch (IllegalArgumentException unreadable) {
            return ZoneId.systemDefault();
        }
    }

    private MetricsService metrics(TeamSettings wanted) {
        if (metrics == null) {
            metrics = workspace.metrics(wanted);
        }
        return metrics;
    }

    /** What applying did: the parts now running (one sentence each), and the problems met. */
    public record Applied(List<String> running, List<String> problems) {
    }

    /**
     * Saves {@code wanted} (team.json) and the collector's headers ({@code headersText} as typed,
     * "Name: value" per line; null keeps the saved ones, blank removes them), then applies them.
     */
    public Applied saveAndApply(TeamSettings wanted, String headersText) throws IOException,
            io.headroom.secrets.SecretStoreException {
        Map<String, String> headers = headersText == null ? savedHeaders(new ArrayList<>())
                : PushHeaders.parse(headersText);
        workspace.saveTeamSettings(wanted);
        if (headersText != null) {
            workspace.savePushHeaders(headers);
        }
        List<String> met = apply(wanted, headers);
        return new Applied(running(), met);
    }

    /** What was saved, as the window starts: nothing runs unless the user switched it on. */
    public Applied applySaved() {
        TeamSettings saved = workspace.teamSettings();
        if (!saved.receiveTelemetry() && !saved.serveMetrics() && !saved.push()) {
            return new Applied(List.of(), List.of());
        }
        List<String> met = new ArrayList<>();
        Map<String, String> headers = saved.push() ? savedHeaders(met) : Map.of();
        met.addAll(apply(saved, headers));
        return new Applied(running(), met);
    }

    /** Switches the telemetry receiver on (the first-run screen's button), keeping the other team settings. */
    public Applied receiveTelemetry() throws IOException {
        TeamSettings s = workspace.teamSettings();
        TeamSettings on = new TeamSettings(true, s.telemetryPort(), s.serveMetrics(), s.metricsPort(), s.metricsBind(),
                s.push(), s.pushUrl(), s.pushProtocol(), s.pushIntervalSeconds(), s.user(), s.host(), s.projectNames());
        workspace.saveTeamSettings(on);
        List<String> met = new ArrayList<>();
        Map<String, String> headers = on.push() ? savedHeaders(met) : Map.of();
        met.addAll(apply(on, headers));
        return new Applied(running(), met);
    }

    private Map<String, String> savedHeaders(List<String> met) {
        try {
            return workspace.pushHeaders();
        } catch (RuntimeException e) {
            met.add(e.getMessage() + " Pushing without them.");
            return Map.of();
        }
    }

    /** One sentence per running part: where it listens or pushes, and how the last push went. */
    public synchronized List<String> running() {
        List<String> out = new ArrayList<>();
        OtlpReceiver.Status telemetry = workspace.telemetry().status();
        if (telemetry != null) {
            out.add("Receiving Claude Code's telemetry at " + telemetry.listen() + " (" + telemetry.usageEvents()
                    + (telemetry.usageEvents() == 1 ? " call" : " calls") + " so far).");
        }
        if (exporter != null) {
            out.add("Serving metrics at http://" + hostForUrl(applied.metricsBind()) + ":" + exporter.port()
                    + "/metrics as user " + metrics.user() + " on host " + metrics.host() + ".");
        }
        if (pusher != null) {
            String outcome = pushOutcome;
            out.add("Pushing to " + pusher.endpoint() + " every " + applied.pushIntervalSeconds() + " s"
                    + (outcome == null ? "." : " (" + outcome + ")."));
        }
        return out;
    }

    /** The port the metrics are served on, or -1. */
    public synchronized int metricsPort() {
        return exporter == null ? -1 : exporter.port();
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private void problem(String what) {
        problems.add(what);
        for (Consumer<String> l : problemListeners) {
            l.accept(what);
        }
    }

    @Override
    public synchronized void close() {
        apply(new TeamSettings(false, applied.telemetryPort(), false, applied.metricsPort(), applied.metricsBind(), false,
                applied.pushUrl(), applied.pushProtocol(), applied.pushIntervalSeconds(), applied.user(), applied.host(),
                applied.projectNames()), Map.of());
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
