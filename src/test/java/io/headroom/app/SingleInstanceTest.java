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
import java.util.Optional;
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
        Optional<SingleInstance> first = SingleInstance.claim(data, shown::countDown, Duration.ofSeconds(3));
        assertThat(first).isPresent();
        try (SingleInstance running = first.get()) {
            Path portFile = data.resolve(SingleInstance.PORT_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(portFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(SingleInstance.LOCK_FILE))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(portFile)).startsWith(running.port() + " ");

            Optional<SingleInstance> second = SingleInstance.claim(data, () -> { }, Duration.ofSeconds(3));
            assertThat(second).isEmpty();
            assertThat(shown.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(data.resolve(SingleInstance.PORT_FILE)).doesNotExist();
    }

    @Test
    void aWrongTokenIsRefusedAndShowsNothing() throws Exception {
        AtomicInteger shown = new AtomicInteger();
        try (SingleInstance running = SingleInstance.claim(data, shown::incrementAndGet, Duration.ofSeconds(3)).orElseThrow();
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
        try (SingleInstance running = SingleInstance.claim(data, shown::incrementAndGet, Duration.ofSeconds(3)).orElseThrow()) {
            assertThat(running.port()).isPositive().isNotEqualTo(deadPort);
            assertThat(Files.readString(data.resolve(SingleInstance.PORT_FILE))).startsWith(running.port() + " ")
                    .doesNotContain("feedface");
            assertThat(SingleInstance.claim(data, () -> { }, Duration.ofSeconds(3))).isEmpty();
            waitUntil(() -> shown.get() == 1);
        }
    }

    @Test
    void aLockHolderThatNeverAnswersDoesNotKeepHeadroomFromStarting() throws Exception {
        try (SingleInstance running = SingleInstance.claim(data, () -> { }, Duration.ofSeconds(3)).orElseThrow()) {
            Files.writeString(data.resolve(SingleInstance.PORT_FILE), "1 wrong\n"); // as if hung before answering
            long t0 = System.nanoTime();
            Optional<SingleInstance> second = SingleInstance.claim(data, () -> { }, Duration.ofMillis(300));
            assertThat(second).isPresent();
            assertThat(second.get().port()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            second.get().close();
        }
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
