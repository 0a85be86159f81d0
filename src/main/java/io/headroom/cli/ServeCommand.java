package io.headroom.cli;

import io.headroom.export.PrometheusExporter;
import io.headroom.service.MetricsService;
import io.headroom.work.BackgroundWork;
import java.io.PrintWriter;
import java.net.InetAddress;
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
        + "as the window does (every minute), and optionally run the recording proxy, receive Claude Code's "
        + "OpenTelemetry export, serve Prometheus metrics and push them to an OpenTelemetry collector. "
        + "Stops cleanly on SIGTERM or Ctrl-C. Only aggregates leave the machine: no prompt text, paths or session ids.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--metrics", paramLabel = "PORT", description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics.")
    Integer metrics;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Where the metrics listen (default ${DEFAULT-VALUE}). WARNING: another address lets other "
            + "machines read your usage figures; bind to one only your monitoring can reach.")
    String metricsBind;

    @Option(names = "--push", paramLabel = "URL", description = "Push the metrics by OTLP/HTTP (protobuf) to this "
            + "collector (http://collector:4318; /v1/metrics is added), every --push-interval.")
    URI push;

    @Option(names = "--push-header", paramLabel = "NAME=VALUE", description = "A header for the collector, e.g. "
            + "\"Authorization=Bearer TOKEN\"; repeatable. Never logged.")
    List<String> pushHeaders = new ArrayList<>();

    @Option(names = "--push-interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "How often to push (default ${DEFAULT-VALUE} s).")
    long pushInterval;

    @Option(names = "--proxy", paramLabel = "PORT", description = "Run the recording proxy on 127.0.0.1:PORT.")
    Integer proxy;

    @Option(names = "--upstream", paramLabel = "URL", description = "Where the proxy sends calls (default: ${DEFAULT-VALUE}).")
    URI upstream = io.headroom.proxy.ProxyConfig.DEFAULT_UPSTREAM;

    @Option(names = "--otlp", paramLabel = "PORT", description = "Receive Claude Code's OpenTelemetry export on "
            + "http://127.0.0.1:PORT (4318 is OTLP's usual port); point Claude Code at it with CLAUDE_CODE_ENABLE_TELEMETRY=1 "
            + "OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:PORT.")
    Integer otlp;

    @Option(names = "--otlp-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Where the OTLP receiver listens (default ${DEFAULT-VALUE}). WARNING: another address lets "
            + "other machines add usage to yours; use one only your own containers can reach.")
    String otlpBind;

    @Option(names = "--claude-dir", paramLabel = "DIR", description = "A Claude folder to read instead of the defaults; repeatable.")
    List<Path> claudeDirs = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", hidden = true, description = "Stop after this long (tests).")
    Long duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var workspace = root.workspace();
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
        // One service for the scrapes and the pushes, so they share its advisor result; none when neither runs.
        MetricsService service = metrics != null || push != null ? workspace.metrics() : null;
        if (metrics != null) {
            InetAddress bind = InetAddress.getByName(metricsBind);
            PrometheusExporter exporter = service.startPrometheus(bind, metrics);
            parts.add(exporter);
            log(out, "metrics on http://" + bind.getHostAddress() + ":" + exporter.port() + "/metrics (user "
                    + service.user() + ", host " + service.host() + ")");
            if (!bind.isLoopbackAddress()) {
                log(err, "WARNING: the metrics listen on " + bind.getHostAddress() + ": other machines can read them.");
            }
        }
        if (proxy != null) {
            var p = workspace.proxy().start(proxy, upstream);
            parts.add(() -> workspace.proxy().stop());
            log(out, "recording proxy on " + p.baseUrl());
        }
        if (otlp != null) {
            InetAddress bind = InetAddress.getByName(otlpBind);
            var telemetry = workspace.telemetry();
            telemetry.addProblemListener(p -> log(err, "problem: telemetry: " + p));
            var receiver = telemetry.start(bind, otlp);
            parts.add(telemetry::stop);
            log(out, "receiving Claude Code's telemetry at " + receiver.endpoint() + " (/v1/logs, /v1/metrics)");
            if (!bind.isLoopbackAddress()) {
                log(err, "WARNING: the OTLP receiver listens on " + bind.getHostAddress()
                        + ": other machines can add usage to yours.");
            }
        }
        ScheduledThreadPoolExecutor timer = BackgroundWork.scheduled("headroom-serve-read");
        timer.scheduleWithFixedDelay(read, 60, 60, TimeUnit.SECONDS);
        if (push != null) {
            io.headroom.export.OtlpPush pusher = new io.headroom.export.OtlpPush(push, headers(pushHeaders));
            String[] lastProblem = {null};
            timer.scheduleWithFixedDelay(() -> {
                try {
                    java.time.Instant now = java.time.Instant.now();
                    pusher.send(service.current(now), now);
                    if (lastProblem[0] != null) {
                        log(out, "pushing to " + pusher.endpoint() + " works again");
                        lastProblem[0] = null;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    String problem = Errors.describe(e);
                    if (!problem.equals(lastProblem[0])) {
                        log(err, "problem: " + problem);
                        lastProblem[0] = problem;
                    }
                }
            }, 0, Math.max(1, pushInterval), TimeUnit.SECONDS);
            log(out, "pushing metrics to " + pusher.endpoint() + " every " + Math.max(1, pushInterval) + " s");
        }
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

    private static java.util.Map<String, String> headers(List<String> given) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String h : given) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--push-header wants NAME=VALUE, e.g. \"Authorization=Bearer TOKEN\"");
            }
            out.put(h.substring(0, eq).strip(), h.substring(eq + 1).strip());
        }
        return out;
    }

    private static void stop(ScheduledThreadPoolExecutor timer, List<AutoCloseable> parts, PrintWriter out) {
        timer.shutdownNow();
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
