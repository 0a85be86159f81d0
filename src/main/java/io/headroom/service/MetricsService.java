package io.headroom.service;

import io.headroom.domain.metrics.TeamMetrics;
import io.headroom.domain.windows.WindowEngine;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.store.MetricsQueries;
import io.headroom.store.StoreVersion;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The team metrics of this machine, computed from the store when they are asked for (a scrape, a
 * push): the same windows as the Overview and the command line, the same totals as
 * {@code daily --json}; the totals are kept while nothing in the store changes.
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

    /**
     * The store's cumulative figures as of one store version. Each is a sum or scan over every
     * event (a second for a million events), so they are read again only when something was
     * committed since: a resident app scraped every 15 s costs next to nothing while nothing changes.
     */
    private record StoreFigures(StoreVersion.Token version, List<TeamMetrics.Tokens> tokens, Map<String, Double> costs,
            List<TeamMetrics.Requests> requests, Map<String, Long> limitHits, double blockedSeconds,
            Map<String, Instant> lastIngest, Instant since, Map<String, Double> costByProject) {
        StoreFigures {
            tokens = List.copyOf(tokens);
            costs = java.util.Collections.unmodifiableMap(costs);
            requests = List.copyOf(requests);
            limitHits = java.util.Collections.unmodifiableMap(limitHits);
            lastIngest = java.util.Collections.unmodifiableMap(lastIngest);
            costByProject = java.util.Collections.unmodifiableMap(costByProject);
        }
    }

    private StoreFigures figures;
    private long storeReads;

    private synchronized StoreFigures storeFigures() {
        MetricsQueries q = new MetricsQueries(workspace.database());
        q.settle();
        StoreVersion.Token version = workspace.database().version().now();
        if (figures == null || !figures.version().equals(version)) {
            figures = new StoreFigures(version, q.tokens(), q.costByModel(), q.requests(), q.limitHits(),
                    TeamMetrics.blockedSeconds(q.limitHitIntervals()), q.lastIngest(), q.firstEvent(), q.costByProject());
            storeReads++;
        }
        return figures;
    }

    /** How many times the store's figures were read, not kept (for tests). */
    synchronized long storeReads() {
        return storeReads;
    }

    public TeamMetrics current(Instant now) {
        StoreFigures f = storeFigures();
        WindowEngine.Result windows = workspace.windows().current(now).result();
        List<TeamMetrics.WindowFigures> windowFigures = new ArrayList<>();
        add(windowFigures, windows.fiveHour());
        add(windowFigures, windows.weekly());
        windows.weeklyByModel().forEach(w -> add(windowFigures, w));
        String version = MetricsService.class.getPackage().getImplementationVersion();
        String plan = workspace.settings().plan();
        return new TeamMetrics(user, host, version == null ? "development" : version, plan == null ? "unset" : plan,
                advice(now), f.tokens(), f.costs(), f.requests(), windowFigures, f.limitHits(), f.blockedSeconds(),
                f.lastIngest(), f.since(), io.headroom.domain.metrics.ProjectLabel.costs(f.costByProject(), projectNames));
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
