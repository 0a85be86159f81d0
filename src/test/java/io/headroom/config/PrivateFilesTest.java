package io.headroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic saves of the user's files when several writers save the same file at once. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void concurrentSavesAllSucceedAndLeaveOneWholeFileAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("settings.json");
        int writers = 8;
        int saves = 200;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < saves; i++) {
                        PrivateFiles.writeAtomically(file, "{\"writer\":" + writer + ",\"save\":" + i + "}");
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        Set<String> whole = IntStream.range(0, writers).boxed()
                .map(w -> "{\"writer\":" + w + ",\"save\":" + (saves - 1) + "}").collect(Collectors.toSet());
        assertThat(whole).contains(Files.readString(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
        if (PrivateFiles.posix()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
