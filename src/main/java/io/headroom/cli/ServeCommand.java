package io.headroom.cli;

import io.headroom.config.TeamSettings;
import io.headroom.service.ClaudeFolderWatcher;
import io.headroom.service.PushHeaders;
import io.headroom.work.BackgroundWork;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom serve}: what a machine without a desktop runs, in one process, each part optional. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run Headroom headless: read new usage "
        + "as the window does (when Claude Code's folders change), and optionally run the recording proxy, receive Claude Code's "
        + "OpenTelemetry export, serve Prometheus metrics and push them to an OpenTelemetry collector. "
        + "Stops cleanly on SIGTERM or Ctrl-C. Only aggregates leave the machine: no prompt text, paths or session ids; "
        + "projects only as a hash unless names are allowed in Settings.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--metrics", paramLabel = "PORT", description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics "
            + "(9464 is the usual port).")
    Integer metrics;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Where the metrics listen (default ${DEFAULT-VALUE}). WARNING: another address lets other "
            + "machines read your usage figures; bind to one only your monitoring can reach.")
    String metricsBind;

    @Option(names = "--push", paramLabel = "URL", description = "Push the metrics by OTLP/HTTP to this collector "
            + "(http://collector:4318; /v1/metrics is added), every --push-interval.")
    URI push;

    @Option(names = "--push-header", paramLabel = "NAME=VALUE", description = "A header for the collector, e.g. "
            + "\"Authorization=Bearer TOKEN\"; repeatable. Never logged. Safer: HEADROOM_PUSH_HEADERS in the environment "
            + "(not visible to other users' ps), or headers saved in Settings (kept in the system's secret store), "
            + "used when neither is given.")
    List<String> pushHeaders = new ArrayList<>();

    @Option(names = "--push-protocol", paramLabel = "PROTOCOL", defaultValue = "http/protobuf",
            description = "http/protobuf (default) or http/json.")
    String pushProtocol;

    @Option(names = "--push-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "How often to push (default ${DEFAULT-VALUE} s).")
    int pushInterval;

    @Option(names = "--otlp", paramLabel = "PORT", description = "Receive Claude Code's OpenTelemetry export on "
            + "http://127.0.0.1:PORT (4318 is OTLP's usual port); point Claude Code at it with CLAUDE_CODE_ENABLE_TELEMETRY=1 "
            + "OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:PORT.")
    Integer otlp;

    @Option(names = "--proxy", paramLabel = "PORT", description = "Run the recording proxy on 127.0.0.1:PORT.")
    Integer proxy;

    @Option(names = "--upstream", paramLabel = "URL", description = "Where the proxy sends calls (default: ${DEFAULT-VALUE}).")
    URI upstream = io.headroom.proxy.ProxyConfig.DEFAULT_UPSTREAM;

    @Option(names = "--claude-dir", paramLabel = "DIR", description = "A Claude folder to read instead of the defaults; repeatable.")
    List<Path> claudeDirs = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", hidden = true, description = "Stop after this long (tests).")
    Long duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var workspace = root.workspace();
        TeamSettings saved = workspace.teamSettings();
        // Options first; the names (alias, project names) come from the saved team settings.
        TeamSettings wanted = new TeamSettings(otlp != null, otlp == null ? saved.telemetryPort() : otlp, metrics != null,
                metrics == null ? saved.metricsPort() : metrics, metricsBind, push != null,
                push == null ? null : push.toString(), pushProtocol, pushInterval, saved.user(), saved.host(),
                saved.projectNames());
        java.util.Map<String, String> headers = push == null ? java.util.Map.of() : headers(workspace);
        Runnable read = () -> {
            try {
                var report = workspace.importClaudeCode(claudeDirs, workspace.settings().zone(),
                        io.headroom.ingest.claudecode.ImportOptions.defaults());
                report.problems().forEach(p -> log(err, "problem: " + p));
            } catch (RuntimeException e) {
                log(err, "problem: " + Errors.describe(e));
            }
        };
        read.run();
        List<AutoCloseable> parts = new ArrayList<>();
        var team = workspace.team();
        team.addProblemListener(p -> log(err, "problem: " + p));
        List<String> problems = team.apply(wanted, headers);
        parts.add(team);
        team.running().forEach(line -> log(out, line));
        if (metrics != null && !wanted.metricsOnLoopback() && team.metricsPort() > 0) {
            log(err, "WARNING: the metrics listen on " + wanted.metricsBind() + ": other machines can read them.");
        }
        if (proxy != null) {
            try {
                var p = workspace.proxy().start(proxy, upstream);
                parts.add(() -> workspace.proxy().stop());
                log(out, "recording proxy on " + p.baseUrl());
            } catch (java.io.IOException | RuntimeException e) {
                log(err, "problem: the recording proxy did not start: " + Errors.describe(e));
                problems = List.of("proxy");
            }
        }
        if (!problems.isEmpty() && team.running().isEmpty() && !workspace.proxy().running()) {
            stop(null, parts, out);
            return 1; // nothing asked for runs: say so by the exit status, as a service manager expects
        }
        // New transcript lines are read when the folders change, as the window does; the watcher's
        // own re-scan catches what a file system without events misses. One read at a time, and a
        // burst of changes while one runs becomes one more read.
        ScheduledThreadPoolExecutor timer = BackgroundWork.scheduled("headroom-serve-read");
        java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable readSoon = () -> {
            if (queued.compareAndSet(false, true)) {
                timer.execute(() -> {
                    queued.set(false);
                    read.run();
                });
            }
        };
        ClaudeFolderWatcher watcher = new ClaudeFolderWatcher(() -> workspace.discoverClaudeCode(claudeDirs).projectRoots(),
                workspace::watchedFiles, readSoon, java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(60));
        watcher.start();
        parts.add(0, watcher);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = BackgroundWork.onExit("headroom-serve-stop", () -> {
            stop(timer, parts, out);
            stopped.countDown();
        });
        if (duration != null) {
            stopped.await(duration, TimeUnit.SECONDS);
        } else {
            stopped.await();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop(timer, parts, out);
        } catch (IllegalStateException shuttingDown) {
            stopped.await(); // the hook is stopping everything
        }
        return 0;
    }

    /** --push-header, else HEADROOM_PUSH_HEADERS, else the headers saved in Settings (the secret store). */
    private java.util.Map<String, String> headers(io.headroom.service.Workspace workspace) {
        if (!pushHeaders.isEmpty()) {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String h : pushHeaders) {
                int eq = h.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--push-header wants NAME=VALUE, e.g. \"Authorization=Bearer TOKEN\"");
                }
                out.putAll(PushHeaders.parse(h));
            }
            return out;
        }
        String fromEnv = workspace.environment("HEADROOM_PUSH_HEADERS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return PushHeaders.parse(fromEnv);
        }
        return workspace.pushHeaders();
    }

    private static void stop(ScheduledThreadPoolExecutor timer, List<AutoCloseable> parts, PrintWriter out) {
        if (timer != null) {
            timer.shutdownNow();
        }
        for (AutoCloseable p : parts) {
            try {
                p.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        log(out, "stopped");
    }

    private static void log(PrintWriter w, String line) {
        synchronized (w) {
            w.println("headroom serve: " + line);
            w.flush();
        }
    }
}
