package io.headroom.cli;

import io.headroom.domain.ProxyCall;
import io.headroom.proxy.ProxyConfig;
import io.headroom.proxy.RecordingProxy;
import io.headroom.service.ProxyService;
import io.headroom.work.BackgroundWork;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom proxy}: runs the recording proxy in the foreground until interrupted. */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Run the recording proxy for the Anthropic API on loopback. Point clients at it "
        + "with ANTHROPIC_BASE_URL=http://127.0.0.1:PORT; every call is forwarded unchanged and recorded.")
final class ProxyCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Local port (default: the one in settings, else " + ProxyConfig.DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--upstream", paramLabel = "URL",
            description = "Where calls go, and the only place they go (default: ${DEFAULT-VALUE}).")
    URI upstream = ProxyConfig.DEFAULT_UPSTREAM;

    @Option(names = {"-q", "--quiet"}, description = "Do not print a line per call.")
    boolean quiet;

    @Option(names = "--duration", paramLabel = "SECONDS", hidden = true,
            description = "Stop after this many seconds (for scripts and tests).")
    Long duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProxyService service = root.workspace().proxy();
        RecordingProxy proxy = service.start(port != null ? port : root.workspace().settings().proxyPortOrDefault(), upstream);
        ZoneId zone = ZoneId.systemDefault();
        if (!quiet) {
            service.addListener(c -> {
                synchronized (out) {
                    out.println(line(c, zone));
                    out.flush();
                }
            });
        }
        out.println("Recording proxy on " + proxy.baseUrl() + " -> " + upstream);
        out.println("Use it with: export ANTHROPIC_BASE_URL=" + proxy.baseUrl());
        if (upstream.getScheme().equalsIgnoreCase("http") && !isLoopback(upstream.getHost())) {
            out.println("WARNING: the upstream is plain http on another host: API keys would cross the network "
                    + "unencrypted. Use https.");
        }
        out.println("Database: " + root.workspace().databaseFile() + "   journal: " + proxy.config().journal());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = BackgroundWork.onExit("headroom-proxy-shutdown", () -> {
            summary(out, service.stop());
            stopped.countDown();
        });
        long lost = 0;
        String problem = null;
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            RecordingProxy.Status s = service.status();
            if (s == null) {
                break;
            }
            if (!Objects.equals(problem, s.storeProblem())) {
                problem = s.storeProblem();
                synchronized (out) {
                    out.println(problem == null ? "The store is writable again; journaled calls were written."
                            : "Store problem (calls still pass; records wait in the journal): " + problem);
                    out.flush();
                }
            }
            if (s.lost() > lost) {
                lost = s.lost();
                synchronized (out) {
                    out.println("WARNING: " + lost + " call records lost (the journal cannot be written).");
                    out.flush();
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            summary(out, service.stop());
        } catch (IllegalStateException shuttingDown) {
            stopped.await(); // the hook is stopping the proxy and prints the summary
        }
        return 0;
    }

    private static void summary(PrintWriter out, RecordingProxy.Status last) {
        if (last != null) {
            synchronized (out) {
                out.printf("Stopped. %d calls, %d recorded, %d journaled, %d lost, %d refused.%n", last.calls(),
                        last.stored(), last.journaled(), last.lost(), last.rejected());
                out.flush();
            }
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static String line(ProxyCall c, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(TIME.format(Instant.ofEpochMilli(c.startedAtMs()).atZone(zone))).append("  ")
                .append(c.method()).append(' ').append(c.path()).append("  ")
                .append(c.model() == null ? "-" : c.model()).append("  ").append(c.status());
        if (c.stream()) {
            b.append(" stream");
        }
        if (c.errorType() != null) {
            b.append(" ").append(c.errorType());
        }
        if (c.incomplete()) {
            b.append(" INCOMPLETE");
        }
        ProxyCall.Usage u = c.usage();
        if (u != null) {
            b.append(String.format(Locale.ROOT, "  in %d out %d cache w %d r %d", u.input(), u.output(),
                    u.cacheWrite5m() + u.cacheWrite1h(), u.cacheRead()));
        }
        b.append(String.format(Locale.ROOT, "  %.0f ms (first byte %.0f ms)", c.latencyMs(), c.ttfbMs()));
        if (c.header("retry-after") != null) {
            b.append("  retry-after ").append(c.header("retry-after")).append(" s");
        }
        return b.toString();
    }
}
