package io.headroom.service;

import io.headroom.domain.metrics.TeamMetrics;
import io.headroom.domain.windows.WindowEngine;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.store.MetricsQueries;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The team metrics of this machine, computed from the store each time they are asked for (a
 * scrape, a push): the same windows as the Overview and the command line, the same totals as
 * {@code daily --json}.
 */
public final class MetricsService {

    private final Workspace workspace;
    private final String user;
    private final String host;
    private String advice;
    private Instant adviceAt;

    private final boolean projectNames;

    /** Names from the environment first (a service unit sets them), then the team settings, then the OS's. */
    MetricsService(Workspace workspace, Map<String, String> env, io.headroom.config.TeamSettings team) {
        this.workspace = workspace;
        this.user = alias(first(env.get("HEADROOM_METRICS_USER"), team.user()), System.getProperty("user.name", "unknown"));
        this.host = alias(first(env.get("HEADROOM_METRICS_HOST"), team.host()), hostName(env));
        this.projectNames = team.projectNames();
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    public TeamMetrics current(Instant now) {
        MetricsQueries q = new MetricsQueries(workspace.database());
        WindowEngine.Result windows = workspace.windows().current(now).result();
        List<TeamMetrics.WindowFigures> figures = new ArrayList<>();
        add(figures, windows.fiveHour());
        add(figures, windows.weekly());
        windows.weeklyByModel().forEach(w -> add(figures, w));
        String version = MetricsService.class.getPackage().getImplementationVersion();
        String plan = workspace.settings().plan();
        return new TeamMetrics(user, host, version == null ? "development" : version, plan == null ? "unset" : plan,
                advice(now), q.tokens(), q.costByModel(), q.requests(), figures, q.limitHits(),
                TeamMetrics.blockedSeconds(q.limitHitIntervals()), q.lastIngest(), q.firstEvent(),
                io.headroom.domain.metrics.ProjectLabel.costs(q.costByProject(), projectNames));
    }

    /** Serves these metrics at {@code /metrics} on {@code bind}:{@code port} (0 picks a free port). */
    public io.headroom.export.PrometheusExporter startPrometheus(InetAddress bind, int port) throws java.io.IOException {
        return io.headroom.export.PrometheusExporter.start(bind, port, () -> current(Instant.now()));
    }

    /**
     * The advisor's recommendation over the usual period, as the Advisor tab and {@code advise}
     * give it; kept for a minute, since a replay of four weeks is too much for every scrape.
     */
    private synchronized String advice(Instant now) {
        if (adviceAt != null && now.isBefore(adviceAt.plusSeconds(60)) && !now.isBefore(adviceAt)) {
            return advice;
        }
        try {
            AdvisorService advisor = workspace.advisor();
            String id = advisor.prepare(now, AdvisorService.DEFAULT_PERIOD_DAYS, null).at(null).recommendation();
            advice = id == null ? "none" : id;
        } catch (RuntimeException e) {
            advice = "unavailable";
        }
        adviceAt = now;
        return advice;
    }

    public String user() {
        return user;
    }

    public String host() {
        return host;
    }

    private static void add(List<TeamMetrics.WindowFigures> out, WindowStatus w) {
        if (w == null) {
            return;
        }
        out.add(new TeamMetrics.WindowFigures(w.kind().code(), w.usedPercent() == null ? null : w.usedPercent() / 100.0,
                w.window() == null ? null : w.window().end(), w.forecast() == null ? null : w.forecast().limitAt()));
    }

    /** An alias for labels: no email address leaves the machine, whatever the account name is. */
    static String alias(String configured, String fallback) {
        String a = configured != null && !configured.isBlank() ? configured.strip() : fallback;
        int at = a.indexOf('@');
        return at > 0 ? a.substring(0, at) : a;
    }

    private static String hostName(Map<String, String> env) {
        String h = env.get("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
