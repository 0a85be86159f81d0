package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.LaunchAt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the proxy in the middle of 16 clients' traffic, three times, once while another
 * program holds the database locked: after a restart every call a client received in full is in
 * the store exactly once. The proxy is a real {@code headroom proxy} in a child JVM.
 */
class ProxyKillTest {

    private static final int CLIENTS = 16;

    @TempDir
    Path dir;

    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void everyCallAClientReceivedSurvivesKillNine() throws Exception {
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (FakeAnthropic fake = new FakeAnthropic()) {
            fake.recordHeaders = false;
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            Process proxy = startProxy(data, port, fake.url());
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> client(port, client)));
                }
                for (int kill = 0; kill < 3; kill++) {
                    awaitCalls(200 * (kill + 1));
                    Connection locker = null;
                    if (kill == 1) {
                        // Another program locks the database: calls pile up behind it, then the proxy dies.
                        locker = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("headroom.db"));
                        try (Statement s = locker.createStatement()) {
                            s.execute("BEGIN EXCLUSIVE");
                        }
                        int before = completed.size();
                        awaitCalls(before + 300);
                    }
                    proxy.destroyForcibly(); // SIGKILL on Linux and macOS
                    proxy.waitFor(30, TimeUnit.SECONDS);
                    if (locker != null) {
                        try (Statement s = locker.createStatement()) {
                            s.execute("ROLLBACK");
                        }
                        locker.close();
                    }
                    proxy = startProxy(data, port, fake.url());
                }
                awaitCalls(completed.size() + 200);
                running.set(false);
                for (Future<?> f : clients) {
                    f.get(60, TimeUnit.SECONDS);
                }
                Map<String, Long> stored = awaitStored(data, Duration.ofSeconds(60));
                assertThat(completed).hasSizeGreaterThan(800);
                Set<String> missing = new java.util.TreeSet<>(completed);
                missing.removeAll(stored.keySet());
                assertThat(missing).as("completed calls missing from the store (of %d); %s; proxy logs:%n%s",
                        completed.size(), diagnose(data, missing), logs()).isEmpty();
                assertThat(stored.entrySet()).filteredOn(e -> e.getValue() != 1).isEmpty();
            } finally {
                running.set(false);
                pool.shutdownNow();
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String diagnose(Path data, Set<String> missing) throws Exception {
        StringBuilder b = new StringBuilder();
        if (missing.isEmpty()) {
            return "";
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve("headroom.db") + "?mode=ro");
                Statement s = c.createStatement()) {
            for (String id : missing) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), max(status), max(incomplete) FROM proxy_call WHERE request_id = '"
                        + id + "'")) {
                    b.append(id).append(" proxy_call rows=").append(rs.getLong(1)).append(" status=")
                            .append(rs.getString(2)).append(" incomplete=").append(rs.getString(3)).append("; ");
                }
            }
        }
        try (var files = Files.list(data)) {
            for (Path f : files.toList()) {
                String text = Files.isRegularFile(f) && f.getFileName().toString().contains("journal")
                        ? Files.readString(f) : "";
                b.append(f.getFileName()).append(" size=").append(Files.size(f));
                for (String id : missing) {
                    if (text.contains(id)) {
                        b.append(" has ").append(id);
                    }
                }
                b.append("; ");
            }
        }
        return b.toString();
    }

    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                b.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return b.toString();
    }

    private Process startProxy(Path data, int port, String upstream) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + dir.resolve("home"), LaunchAt.class.getName(), "0", "proxy", "--port",
                Integer.toString(port), "--upstream", upstream, "-q")
                .redirectErrorStream(true).redirectOutput(dir.resolve("proxy-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("HEADROOM_HOME", data.toString());
        Process p = pb.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the proxy did not start; see " + dir);
    }

    /** Calls over keep-alive connections; a call counts once its whole response has arrived. */
    private Void client(int port, int client) throws InterruptedException {
        int i = 0;
        while (running.get()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(20_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                while (running.get()) {
                    boolean stream = i % 2 == 0;
                    String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"stream\":" + stream + "}";
                    String id = "k" + client + "-" + i++;
                    String req = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nx-api-key: sk-ant-api03-k\r\nx-fake-id: " + id + "\r\ncontent-length: "
                            + body.length() + "\r\n\r\n" + body;
                    out.write(req.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String r = new String(ProxyFixture.readResponse(in), StandardCharsets.ISO_8859_1);
                    if (!receivedInFull(r)) {
                        break; // cut by the kill: the client did not get this call, so it may be lost
                    }
                    if (r.startsWith("HTTP/1.1 200")) {
                        completed.add(requestId(r));
                    }
                }
            } catch (IOException down) {
                Thread.sleep(20); // the proxy is being killed or restarted
            }
        }
        return null;
    }

    /** A chunked body ends with its last chunk; a sized one has all its bytes (the reader stops early on EOF). */
    private static boolean receivedInFull(String response) {
        int bodyStart = response.indexOf("\r\n\r\n");
        if (bodyStart < 0) {
            return false;
        }
        String head = response.substring(0, bodyStart).toLowerCase(java.util.Locale.ROOT);
        if (head.contains("transfer-encoding: chunked")) {
            return response.endsWith("\r\n0\r\n\r\n");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(head);
        return m.find() && response.length() - bodyStart - 4 == Long.parseLong(m.group(1));
    }

    private static String requestId(String response) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "request-id:", 0, 11)) {
                return line.substring(11).trim();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no request-id in " + response);
    }

    private void awaitCalls(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (completed.size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + completed.size() + " calls completed");
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the store holds every completed call (the last proxy replays and records them). */
    private Map<String, Long> awaitStored(Path data, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Map<String, Long> stored = Map.of();
        while (System.nanoTime() < end) {
            stored = stored(data);
            if (stored.keySet().containsAll(completed)) {
                return stored;
            }
            Thread.sleep(200);
        }
        return stored;
    }

    private static Map<String, Long> stored(Path data) throws Exception {
        Map<String, Long> out = new HashMap<>();
        if (!Files.exists(data.resolve("headroom.db"))) {
            return out;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve("headroom.db") + "?mode=ro");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT request_id, count(*) FROM usage_event WHERE source = 'proxy' "
                        + "GROUP BY request_id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
