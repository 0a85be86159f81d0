package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-open: another program holds an exclusive lock on the database for several seconds while
 * clients keep calling. Every call passes; afterwards every call is recorded exactly once.
 */
class ProxyStoreFaultTest {

    @TempDir
    Path dir;

    @Test
    void storeLockedUnderLoadLosesNothingAndCountsOnce() throws Exception {
        int clients = 8;
        int perClient = 60;
        try (ProxyFixture f = new ProxyFixture(dir, c -> c.withQueueCapacity(64))) {
            f.fake.recordHeaders = false;
            AtomicInteger ok = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
            Future<?> locker = pool.submit(() -> {
                Thread.sleep(300);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.db.file());
                        Statement s = c.createStatement()) {
                    s.execute("BEGIN EXCLUSIVE");
                    Thread.sleep(7000);
                    s.execute("COMMIT");
                }
                return null;
            });
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int client = t;
                runs.add(pool.submit(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
                        s.setSoTimeout(10_000);
                        for (int i = 0; i < perClient; i++) {
                            boolean stream = i % 2 == 0;
                            String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"stream\":" + stream + "}";
                            String req = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: sk-ant-api03-k"
                                    + "\r\nx-fake-id: c" + client + "-" + i + "\r\ncontent-length: " + body.length()
                                    + "\r\n\r\n" + body;
                            s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
                            String r = new String(ProxyFixture.readResponse(s.getInputStream()),
                                    StandardCharsets.ISO_8859_1);
                            if (r.startsWith("HTTP/1.1 200")) {
                                ok.incrementAndGet();
                            }
                            Thread.sleep(20); // spread the calls over the lock period
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> r : runs) {
                r.get();
            }
            int total = clients * perClient;
            assertThat(ok.get()).isEqualTo(total);
            locker.get();
            ProxyFixture.await(() -> f.count("SELECT count(*) FROM proxy_call") == total
                    && !f.proxy.status().journalPending(), Duration.ofSeconds(30));
            RecordingProxy.Status st = f.proxy.status();
            assertThat(st.journaled()).as("the lock forced records into the journal").isPositive();
            assertThat(st.lost()).isZero();
            assertThat(f.count("SELECT count(*) FROM proxy_call")).isEqualTo(total);
            assertThat(f.count("SELECT count(DISTINCT call_id) FROM proxy_call")).isEqualTo(total);
            assertThat(f.count("SELECT count(*) FROM usage_event WHERE source = 'proxy'")).isEqualTo(total);
            assertThat(f.count("SELECT count(DISTINCT request_id) FROM usage_event")).isEqualTo(total);
            long sentOutput = f.fake.sent.values().stream().mapToLong(FakeAnthropic.Sent::output).sum();
            assertThat(f.count("SELECT sum(output_tokens) FROM usage_event")).isEqualTo(sentOutput);
            pool.shutdownNow();
        }
    }
}
