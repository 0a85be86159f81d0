package io.headroom.proxy;

import io.headroom.config.PriceTableLoader;
import io.headroom.store.Database;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Direct vs proxied calls against the loopback fake server in one run: 1, 16 and 64 concurrent
 * keep-alive clients, JSON and SSE. Reports added latency (p50/p99), added time to first byte,
 * throughput ratio and each SSE event's delay from the server's send to the client's receipt.
 * The proxy records into a real SQLite database meanwhile. Run with bench/proxy.sh.
 */
public final class ProxyBench {

    private record Sample(long latencyNs, long ttfbNs, long[] eventDelaysNs) {
    }

    private record Result(long[] latency, long[] ttfb, long[] events, double throughput) {
    }

    public static void main(String[] args) throws Exception {
        int requestsPerClient = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int[] levels = {1, 16, 64};
        Path dir = Files.createTempDirectory("headroom-bench");
        try (FakeAnthropic fake = new FakeAnthropic(); Database db = Database.open(dir.resolve("headroom.db"))) {
            fake.recordHeaders = false;
            ProxyConfig config = ProxyConfig.defaults(dir.resolve("journal.jsonl")).withPort(0)
                    .withUpstream(URI.create(fake.url()));
            String how = args.length < 2 ? "process" : args[1];
            Process process = null;
            RecordingProxy inProcess = null;
            int proxyPort;
            if (how.equals("process")) {
                // the real product path: `headroom proxy` in its own JVM, recording into SQLite
                try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    proxyPort = free.getLocalPort();
                }
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m"));
                String extra = System.getenv("PROXY_JVM_OPTS"); // e.g. a profiler for the proxy process
                if (extra != null && !extra.isBlank()) {
                    cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
                }
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.headroom.app.Launcher",
                        "--db", dir.resolve("proxy.db").toString(), "proxy", "--quiet", "--port",
                        Integer.toString(proxyPort), "--upstream", fake.url()));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().put("HEADROOM_HOME", dir.toString());
                pb.redirectErrorStream(true).redirectOutput(dir.resolve("proxy.log").toFile());
                process = pb.start();
                awaitPort(proxyPort);
                System.out.println("proxy: `headroom proxy` in its own JVM (-Xmx256m), recording into SQLite");
            } else {
                boolean record = !how.equals("norecord");
                inProcess = record ? RecordingProxy.start(config, db,
                        PriceTableLoader.load(dir.resolve("prices.json")).table())
                        : RecordingProxy.start(config, batch -> { });
                proxyPort = inProcess.port();
                System.out.println("proxy: in the benchmark's JVM, " + (record ? "recording into SQLite"
                        : "recording to a no-op store"));
            }
            try {
                int port = proxyPort;
                System.out.printf(Locale.ROOT, "%-5s %4s | %9s %9s %9s | %9s %9s %9s | %8s %8s | %9s %9s %6s | %s%n",
                        "mode", "conc", "p50 dir", "p50 prx", "added", "p99 dir", "p99 prx", "added", "ttfb+p50",
                        "ttfb+p99", "rps dir", "rps prx", "ratio", "SSE event delay prx p50/p99/max (dir p50/p99)");
                for (String mode : List.of("json", "sse")) { // JIT warm-up of both paths, not measured
                    run(fake.port(), mode, 4, 1500);
                    run(port, mode, 4, 1500);
                }
                long[] cpuBefore = process == null ? null : new long[] {procCpuNanos(process)};
                for (String mode : List.of("json", "sse")) {
                    for (int c : levels) {
                        int n = c == 1 ? requestsPerClient * 4 : requestsPerClient;
                        run(fake.port(), mode, c, Math.max(20, n / 5)); // warm-up
                        run(port, mode, c, Math.max(20, n / 5));
                        List<Result> d = new ArrayList<>();
                        List<Result> p = new ArrayList<>();
                        if (cpuBefore != null) {
                            cpuBefore[0] = procCpuNanos(process); // after this level's warm-up
                        }
                        for (int round = 0; round < 2; round++) {
                            d.add(run(fake.port(), mode, c, n / 2));
                            p.add(run(port, mode, c, n / 2));
                        }
                        Result pm = merge(p);
                        report(mode, c, merge(d), pm);
                        if (cpuBefore != null) {
                            long cpu = procCpuNanos(process);
                            System.out.printf(Locale.ROOT, "           proxy process CPU per proxied call: %.0f us%n",
                                    (cpu - cpuBefore[0]) / 1e3 / pm.latency.length);
                        }
                    }
                }
                if (inProcess != null) {
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (inProcess.status().queued() > 0 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    RecordingProxy.Status s = inProcess.status();
                    System.out.printf(Locale.ROOT, "proxy recorded %d of %d calls (journaled %d, lost %d)%n",
                            s.stored(), s.calls(), s.journaled(), s.lost());
                }
            } finally {
                if (inProcess != null) {
                    inProcess.close();
                }
                if (process != null) {
                    process.info().totalCpuDuration().ifPresent(cpu -> System.out.printf(Locale.ROOT,
                            "proxy process CPU: %.1f s in total (start-up and JIT included)%n", cpu.toMillis() / 1e3));
                    process.destroy(); // SIGTERM: the proxy writes its queue and prints its summary
                    process.waitFor();
                    List<String> log = Files.readAllLines(dir.resolve("proxy.log"));
                    System.out.println("proxy: " + (log.isEmpty() ? "" : log.get(log.size() - 1)));
                }
            }
        }
    }

    /** CPU time of a process in ns (its recorder and store threads included). */
    private static long procCpuNanos(Process p) {
        return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static void awaitPort(int port) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the proxy did not start");
    }

    private static Result merge(List<Result> rs) {
        long[] l = rs.stream().flatMapToLong(r -> Arrays.stream(r.latency)).sorted().toArray();
        long[] t = rs.stream().flatMapToLong(r -> Arrays.stream(r.ttfb)).sorted().toArray();
        long[] e = rs.stream().flatMapToLong(r -> Arrays.stream(r.events)).sorted().toArray();
        double tp = rs.stream().mapToDouble(Result::throughput).average().orElse(0);
        return new Result(l, t, e, tp);
    }

    private static void report(String mode, int c, Result d, Result p) {
        String events = mode.equals("sse") ? String.format(Locale.ROOT, "%.3f/%.3f/%.3f ms (%.3f/%.3f)",
                ms(q(p.events, 0.5)), ms(q(p.events, 0.99)), ms(p.events[p.events.length - 1]), ms(q(d.events, 0.5)),
                ms(q(d.events, 0.99))) : "-";
        System.out.printf(Locale.ROOT,
                "%-5s %4d | %7.3fms %7.3fms %7.3fms | %7.3fms %7.3fms %7.3fms | %6.3fms %6.3fms | %9.0f %9.0f %5.1f%% | %s%n",
                mode, c, ms(q(d.latency, 0.5)), ms(q(p.latency, 0.5)), ms(q(p.latency, 0.5) - q(d.latency, 0.5)),
                ms(q(d.latency, 0.99)), ms(q(p.latency, 0.99)), ms(q(p.latency, 0.99) - q(d.latency, 0.99)),
                ms(q(p.ttfb, 0.5) - q(d.ttfb, 0.5)), ms(q(p.ttfb, 0.99) - q(d.ttfb, 0.99)), d.throughput,
                p.throughput, 100 * p.throughput / d.throughput, events);
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    private static long q(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static Result run(int port, String mode, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Sample>>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> client(port, mode, perClient, start)));
        }
        long t0 = System.nanoTime();
        start.countDown();
        List<Sample> all = new ArrayList<>();
        for (Future<List<Sample>> f : futures) {
            all.addAll(f.get());
        }
        long wall = System.nanoTime() - t0;
        pool.shutdown();
        long[] lat = all.stream().mapToLong(Sample::latencyNs).sorted().toArray();
        long[] ttfb = all.stream().mapToLong(Sample::ttfbNs).sorted().toArray();
        long[] ev = all.stream().flatMapToLong(s -> Arrays.stream(s.eventDelaysNs())).sorted().toArray();
        return new Result(lat, ttfb, ev, all.size() / (wall / 1e9));
    }

    private static List<Sample> client(int port, String mode, int n, CountDownLatch start) throws Exception {
        List<Sample> out = new ArrayList<>(n);
        boolean sse = mode.equals("sse");
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":" + sse
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
        byte[] req = ("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                + "anthropic-version: 2023-06-01\r\nx-api-key: sk-ant-api03-bench\r\nx-fake-events: 10\r\n"
                + "content-length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(30_000);
            OutputStream os = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 16384);
            start.await();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                os.write(req);
                os.flush();
                out.add(read(in, t0));
            }
        }
        return out;
    }

    /** Reads one response; for SSE, records each text delta's delay from its server send time. */
    private static Sample read(InputStream in, long t0) throws IOException {
        int first = in.read();
        long ttfb = System.nanoTime() - t0;
        if (first < 0) {
            throw new IOException("closed");
        }
        StringBuilder sb = new StringBuilder();
        sb.append((char) first);
        long length = -1;
        boolean chunked = false;
        String line = rest(in, sb);
        while (true) {
            line = line == null ? FakeAnthropic.line(in) : line;
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:")) {
                chunked = true;
            }
            line = null;
        }
        List<Long> delays = new ArrayList<>();
        if (chunked) {
            while (true) {
                int size = Integer.parseInt(FakeAnthropic.line(in).trim(), 16);
                if (size == 0) {
                    FakeAnthropic.line(in);
                    break;
                }
                byte[] chunk = in.readNBytes(size);
                long now = System.nanoTime();
                FakeAnthropic.line(in);
                String text = new String(chunk, StandardCharsets.UTF_8);
                int at = text.indexOf("\"t=");
                if (at >= 0) {
                    int end = text.indexOf(' ', at);
                    delays.add(now - Long.parseLong(text.substring(at + 3, end)));
                }
            }
        } else {
            in.readNBytes((int) length);
        }
        return new Sample(System.nanoTime() - t0, ttfb, delays.stream().mapToLong(Long::longValue).toArray());
    }

    private static String rest(InputStream in, StringBuilder sb) throws IOException {
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            sb.append((char) b);
        }
        return null;
    }
}
