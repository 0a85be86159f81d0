package io.headroom.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients (slow loris): a head trickled a byte at a time is cut off at the head deadline
 * rather than held for as long as each byte restarts the idle timeout, and a flood of such
 * connections does not lock well-behaved clients out.
 */
class ProxySlowClientTest {

    private static final String HEAD = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: sk-ant-api03-k\r\n"
            + "x-fake-padding: " + "a".repeat(200) + "\r\ncontent-length: 2\r\n\r\n{}";

    @TempDir
    Path dir;

    @Test
    void aHeadTrickledAByteASecondGets408AtTheDeadline() throws Exception {
        try (ProxyFixture f = new ProxyFixture(dir); Socket s = new Socket(InetAddress.getLoopbackAddress(), f.proxy.port())) {
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            long start = System.nanoTime();
            String answer = null;
            for (int i = 0; i < HEAD.length() && answer == null; i++) {
                try {
                    out.write(HEAD.charAt(i));
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                answer = readSome(in);
                if (answer == null) {
                    Thread.sleep(800);
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(20)) {
                    break;
                }
            }
            if (answer == null) {
                answer = readSome(in);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

            assertThat(answer).as("the proxy answered a trickled head").isNotNull().startsWith("HTTP/1.1 408 ");
            assertThat(seconds).isBetween(ProxyConnection.HEAD_DEADLINE.toSeconds() - 1,
                    ProxyConnection.HEAD_DEADLINE.toSeconds() + 3);
        }
    }

    @Test
    void wellBehavedClientsAreServedDuringASlowClientFlood() throws Exception {
        int slots = 20;
        try (ProxyFixture f = new ProxyFixture(dir, c -> new ProxyConfig(c.bindAddress(), 0, c.upstream(), c.journal(),
                c.maxRequestBody(), c.maxHeaderBytes(), c.idleTimeout(), c.connectTimeout(), c.readTimeout(), slots,
                c.queueCapacity()))) {
            f.fake.recordHeaders = false;
            AtomicBoolean flooding = new AtomicBoolean(true);
            ExecutorService attackers = Executors.newFixedThreadPool(2);
            List<Socket> slow = java.util.Collections.synchronizedList(new ArrayList<>());
            // Twice as many slow connections as slots, each re-opened when the proxy closes it.
            for (int t = 0; t < 2; t++) {
                attackers.submit(() -> {
                    List<Socket> mine = new ArrayList<>();
                    int[] sent = new int[slots];
                    while (flooding.get()) {
                        for (int i = 0; i < slots; i++) {
                            try {
                                if (mine.size() <= i) {
                                    mine.add(new Socket(InetAddress.getLoopbackAddress(), f.proxy.port()));
                                    slow.add(mine.get(i));
                                }
                                Socket s = mine.get(i);
                                s.getOutputStream().write(HEAD.charAt(sent[i]++ % 40));
                                s.getOutputStream().flush();
                            } catch (IOException closed) {
                                try {
                                    mine.set(i, new Socket(InetAddress.getLoopbackAddress(), f.proxy.port()));
                                    slow.add(mine.get(i));
                                    sent[i] = 0;
                                } catch (IOException ignored) {
                                    // try again next round
                                }
                            }
                        }
                        Thread.sleep(300);
                    }
                    return null;
                });
            }
            Thread.sleep(1500); // every slot is held by a slow connection by now

            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"stream\":false}";
                String request = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: sk-ant-api03-k\r\n"
                        + "content-length: " + body.length() + "\r\n\r\n" + body;
                String r = new String(ProxyFixture.raw(f.proxy.port(), request), StandardCharsets.ISO_8859_1);
                statuses.add(r.substring(0, r.indexOf("\r\n")));
                Thread.sleep(100);
            }
            flooding.set(false);
            attackers.shutdown();
            attackers.awaitTermination(10, TimeUnit.SECONDS);
            synchronized (slow) {
                for (Socket s : slow) {
                    s.close();
                }
            }

            assertThat(statuses).hasSize(30).allMatch(st -> st.equals("HTTP/1.1 200 OK"));
        }
    }

    /** What the proxy sent so far, or null if nothing within the socket's timeout. */
    private static String readSome(InputStream in) throws IOException {
        byte[] b = new byte[4096];
        try {
            int n = in.read(b);
            return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        }
    }
}
