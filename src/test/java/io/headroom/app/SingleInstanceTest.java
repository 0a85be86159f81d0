package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two "launches" in one JVM on the same data folder, over real loopback sockets. */
class SingleInstanceTest {

    @TempDir
    Path data;

    @Test
    void aSecondLaunchBringsTheFirstForwardAndDoesNotStart() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        SingleInstance.Claim first = SingleInstance.claim(data, shown::countDown, Duration.ofSeconds(3));
        assertThat(first.outcome()).isEqualTo(SingleInstance.Outcome.OWNED);
        try (SingleInstance running = first.instance()) {
            Path portFile = data.resolve(SingleInstance.PORT_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(portFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(SingleInstance.LOCK_FILE))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(portFile)).startsWith(running.port() + " ");

            SingleInstance.Claim second = SingleInstance.claim(data, () -> { }, Duration.ofSeconds(3));
            assertThat(second.outcome()).isEqualTo(SingleInstance.Outcome.SHOWN_OTHER);
            assertThat(second.instance()).isNull();
            assertThat(shown.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(data.resolve(SingleInstance.PORT_FILE)).doesNotExist();
    }

    @Test
    void aWrongTokenIsRefusedAndShowsNothing() throws Exception {
        AtomicInteger shown = new AtomicInteger();
        try (SingleInstance running = owned(SingleInstance.claim(data, shown::incrementAndGet, Duration.ofSeconds(3)));
                Socket s = new Socket(InetAddress.getLoopbackAddress(), running.port())) {
            s.getOutputStream().write("0123456789abcdef show\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(s.getInputStream())).isEqualTo("refused\n");
            assertThat(shown).hasValue(0);
            // the listener keeps serving: the real token still works
            assertThat(SingleInstance.askToShow(data.resolve(SingleInstance.PORT_FILE))).isTrue();
            waitUntil(() -> shown.get() == 1);
        }
    }

    @Test
    void filesLeftByADeadProcessAreTakenOver() throws Exception {
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = gone.getLocalPort();
        }
        Files.writeString(data.resolve(SingleInstance.LOCK_FILE), "");
        Files.writeString(data.resolve(SingleInstance.PORT_FILE), deadPort + " feedface 999999\n");
        assertThat(SingleInstance.askToShow(data.resolve(SingleInstance.PORT_FILE))).isFalse();

        AtomicInteger shown = new AtomicInteger();
        try (SingleInstance running = owned(SingleInstance.claim(data, shown::incrementAndGet, Duration.ofSeconds(3)))) {
            assertThat(running.port()).isPositive().isNotEqualTo(deadPort);
            assertThat(Files.readString(data.resolve(SingleInstance.PORT_FILE))).startsWith(running.port() + " ")
                    .doesNotContain("feedface");
            assertThat(SingleInstance.claim(data, () -> { }, Duration.ofSeconds(3)).outcome())
                    .isEqualTo(SingleInstance.Outcome.SHOWN_OTHER);
            waitUntil(() -> shown.get() == 1);
        }
    }

    @Test
    void aLockHolderThatNeverAnswersKeepsASecondLaunchFromRunningOnTheSameData() throws Exception {
        try (SingleInstance running = owned(SingleInstance.claim(data, () -> { }, Duration.ofSeconds(3)))) {
            Files.writeString(data.resolve(SingleInstance.PORT_FILE), "1 wrong 4242\n"); // as if hung before answering
            long t0 = System.nanoTime();
            SingleInstance.Claim second = SingleInstance.claim(data, () -> { }, Duration.ofMillis(300));

            assertThat(second.outcome()).isEqualTo(SingleInstance.Outcome.HELD_BY_SILENT);
            assertThat(second.instance()).isNull();
            assertThat(second.holderPid()).isEqualTo("4242");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(DesktopLauncher.heldBySilent(data, "4242")).isEqualTo("headroom: another Headroom (process 4242) "
                    + "is using the data folder " + data + " but does not answer, so this one does not start: two on "
                    + "the same data would write over each other. Close it or end process 4242, then start Headroom again.");
        }
    }

    @Test
    void peersTricklingBytesDoNotKeepASecondLaunchFromBeingAnswered() throws Exception {
        AtomicInteger shown = new AtomicInteger();
        try (SingleInstance running = owned(SingleInstance.claim(data, shown::incrementAndGet, Duration.ofSeconds(3)))) {
            // Any local process can connect: three of them send a byte every 0.4 s and never finish a line.
            java.util.List<Socket> squatters = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                squatters.add(new Socket(InetAddress.getLoopbackAddress(), running.port()));
            }
            Thread trickle = new Thread(() -> {
                try {
                    for (int b = 0; b < 20; b++) {
                        for (Socket q : squatters) {
                            q.getOutputStream().write('a');
                        }
                        Thread.sleep(400);
                    }
                } catch (Exception closedOrDone) {
                    // the instance dropped them at its deadline
                }
            });
            trickle.start();
            Thread.sleep(300);
            long t0 = System.nanoTime();

            SingleInstance.Claim second = SingleInstance.claim(data, () -> { }, Duration.ofSeconds(3));

            assertThat(second.outcome()).isEqualTo(SingleInstance.Outcome.SHOWN_OTHER);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            waitUntil(() -> shown.get() == 1);
            trickle.interrupt();
            for (Socket q : squatters) {
                q.close();
            }
        }
    }

    private static SingleInstance owned(SingleInstance.Claim claim) {
        assertThat(claim.outcome()).isEqualTo(SingleInstance.Outcome.OWNED);
        return claim.instance();
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(end);
            Thread.sleep(10);
        }
    }
}
