package io.headroom.proxy;

import io.headroom.config.DataDirectory;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.headroom.config.PrivateFiles;
import io.headroom.domain.ProxyCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The append-only spill file (mode 0600): one JSON line per call the store could not take. A
 * replay moves the file aside, writes its calls in chunks and deletes it only once all were
 * written; calls appended meanwhile go to a new file. Writing the same call twice is harmless
 * because every row is keyed.
 */
final class Journal {

    private static final ObjectWriter WRITER = ResponseTap.MAPPER.writerFor(ProxyCall.class);
    private static final ObjectReader READER = ResponseTap.MAPPER.readerFor(ProxyCall.class);
    private static final int CHUNK = 500;

    private final Path file;
    private final Path replaying;
    private volatile boolean pending;

    Journal(Path file) {
        this.file = file;
        this.replaying = file.resolveSibling(file.getFileName() + ".replay");
        this.pending = nonEmpty(file) || Files.exists(replaying);
    }

    Path file() {
        return file;
    }

    boolean pending() {
        return pending;
    }

    void append(List<ProxyCall> calls) throws IOException {
        append(calls, true);
    }

    /** Appends; with {@code sync} the data is forced to the disk before returning. */
    synchronized void append(List<ProxyCall> calls, boolean sync) throws IOException {
        StringBuilder sb = new StringBuilder(calls.size() * 512);
        for (ProxyCall c : calls) {
            sb.append(WRITER.writeValueAsString(c)).append('\n');
        }
        DataDirectory.ensurePrivateDirectory(file.toAbsolutePath().getParent());
        PrivateFiles.createIfMissing(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (sync) {
                ch.force(false);
            }
        }
        pending = true;
    }

    /**
     * Writes every journaled call through {@code writer} (which throws if the store is still
     * unavailable); returns how many were replayed.
     */
    long replay(Consumer<List<ProxyCall>> writer) throws IOException {
        synchronized (this) {
            if (!Files.exists(replaying)) {
                if (!nonEmpty(file)) {
                    pending = false;
                    return 0;
                }
                Files.move(file, replaying, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        long n = 0;
        List<ProxyCall> chunk = new ArrayList<>(CHUNK);
        try (BufferedReader r = Files.newBufferedReader(replaying, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    chunk.add(READER.readValue(line));
                } catch (IOException torn) {
                    continue; // a line torn by a crash mid-append: the rest is intact
                }
                if (chunk.size() == CHUNK) {
                    writer.accept(chunk);
                    n += chunk.size();
                    chunk = new ArrayList<>(CHUNK);
                }
            }
        }
        if (!chunk.isEmpty()) {
            writer.accept(chunk);
            n += chunk.size();
        }
        synchronized (this) {
            Files.delete(replaying);
            pending = nonEmpty(file);
        }
        return n;
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.exists(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return true;
        }
    }
}
