package io.headroom.proxy;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.headroom.config.DataDirectory;
import io.headroom.config.PrivateFiles;
import io.headroom.domain.ProxyCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The proxy's write-ahead log (mode 0600, one JSON line per call). Every finished call is
 * appended here on its request thread before the client receives the response's last byte, so a
 * crash at any moment (kill -9 included) loses nothing the client saw: the next start replays
 * what the journal holds. The store is written from memory as before; once every call of a
 * segment is in the store the segment is emptied or deleted. A segment whose calls could not all
 * be stored (the store failed, the queue was full) is kept and replayed into the store later.
 * Writing a call twice is harmless because every row is keyed, so a replay never duplicates.
 *
 * <p>Appends are written without fsync: a killed process loses nothing the kernel has, and a
 * sync per call would cost milliseconds. Only a power cut can take the last moments.
 */
final class Journal implements AutoCloseable {

    private static final ObjectWriter WRITER = ResponseTap.MAPPER.writerFor(ProxyCall.class);
    private static final ObjectReader READER = ResponseTap.MAPPER.readerFor(ProxyCall.class);
    private static final int CHUNK = 500;
    /** The active segment is closed and a new one started past this size while calls are unresolved. */
    static final long ROTATE_BYTES = 4L * 1024 * 1024;

    /** One journal file and how many of the calls appended to it are not yet safely in the store. */
    static final class Segment {
        final Path file;
        private int unresolved;
        private boolean needsReplay;

        Segment(Path file) {
            this.file = file;
        }
    }

    private final Path file;
    private final Path folder;
    private Segment active;
    private FileChannel channel;
    private long activeBytes;
    private long rotations;
    private final List<Segment> closedSegments = new ArrayList<>();
    private volatile boolean pending;

    Journal(Path file) {
        this.file = file.toAbsolutePath();
        this.folder = this.file.getParent();
        // Anything left by an earlier run (a crash, a store that was down) is replayed: its state is unknown.
        for (Path left : leftOver()) {
            Segment s = new Segment(left);
            s.needsReplay = true;
            closedSegments.add(s);
        }
        pending = !closedSegments.isEmpty();
    }

    Path file() {
        return file;
    }

    /** True while calls wait in the journal for the store (a replay is due). */
    boolean pending() {
        return pending;
    }

    /** Appends one finished call ahead of the store; returns the segment it belongs to. */
    Segment append(ProxyCall call) throws IOException {
        // Serialised outside the lock: sixteen request threads must not queue behind each other's JSON.
        byte[] json = WRITER.writeValueAsBytes(call);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return appendLine(line);
    }

    private synchronized Segment appendLine(byte[] line) throws IOException {
        FileChannel ch = channel();
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            ch.write(b);
        }
        activeBytes += line.length;
        active.unresolved++;
        return active;
    }

    /** Appends calls the store refused so a later replay writes them (old segments' copies may be gone). */
    synchronized void appendForReplay(List<ProxyCall> calls) throws IOException {
        // append() takes this same lock again in appendLine (monitors are reentrant).
        for (ProxyCall c : calls) {
            append(c);
            active.unresolved--;
        }
        active.needsReplay = true;
        pending = true;
    }

    /** {@code n} calls of {@code segment} are in the store now. */
    synchronized void stored(Segment segment, int n) {
        segment.unresolved -= n;
    }

    /**
     * {@code n} calls of {@code segment} did not reach the store and stay only here: the segment
     * is kept and replayed.
     */
    synchronized void unstored(Segment segment, int n) {
        segment.unresolved -= n;
        segment.needsReplay = true;
        pending = true;
    }

    /**
     * Empties or deletes what the store holds completely; closes an active segment that grew
     * large or must be replayed, so appends never wait on a replay.
     */
    synchronized void checkpoint() throws IOException {
        if (active != null && active.unresolved == 0 && !active.needsReplay && activeBytes > 0) {
            channel.truncate(0);
            activeBytes = 0;
        } else if (active != null && (activeBytes > ROTATE_BYTES || active.needsReplay && activeBytes > 0)) {
            rotate();
        }
        for (var it = closedSegments.iterator(); it.hasNext();) {
            Segment s = it.next();
            if (s.unresolved <= 0 && !s.needsReplay) {
                Files.deleteIfExists(s.file);
                it.remove();
            }
        }
        pending = closedSegments.stream().anyMatch(s -> s.needsReplay)
                || active != null && active.needsReplay;
    }

    /**
     * Writes every closed segment that needs it through {@code writer} (which throws while the
     * store is unavailable) and deletes it; returns how many calls were replayed.
     */
    long replay(Consumer<List<ProxyCall>> writer) throws IOException {
        checkpoint();
        List<Segment> due;
        synchronized (this) {
            due = closedSegments.stream().filter(s -> s.needsReplay).toList();
        }
        long n = 0;
        for (Segment s : due) {
            n += replay(s.file, writer);
            synchronized (this) {
                s.needsReplay = false;
            }
        }
        checkpoint();
        return n;
    }

    private static long replay(Path segment, Consumer<List<ProxyCall>> writer) throws IOException {
        if (!Files.exists(segment)) {
            return 0;
        }
        long n = 0;
        List<ProxyCall> chunk = new ArrayList<>(CHUNK);
        try (BufferedReader r = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
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
        return n;
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            DataDirectory.ensurePrivateDirectory(folder);
            // A name no other process uses, locked while open: another Headroom starting meanwhile
            // replays only segments nobody holds.
            Path path = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + System.currentTimeMillis() + "-" + rotations + ".segment");
            PrivateFiles.createIfMissing(path);
            channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            try {
                channel.tryLock();
            } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                // Locking is a courtesy to other processes; appends work without it.
            }
            active = new Segment(path);
            activeBytes = 0;
        }
        return channel;
    }

    private void rotate() throws IOException {
        channel.close();
        channel = null;
        closedSegments.add(active);
        active = null;
        activeBytes = 0;
        rotations++;
    }

    /** The journal file and the segments and replay files an earlier run left, oldest first. */
    private List<Path> leftOver() {
        List<Path> out = new ArrayList<>();
        String name = file.getFileName().toString();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, name + "*")) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                boolean ours = n.equals(name) || n.equals(name + ".replay") || n.endsWith(".segment");
                if (ours && Files.isRegularFile(p) && nobodyHolds(p)) {
                    if (Files.size(p) > 0) {
                        out.add(p);
                    } else {
                        Files.deleteIfExists(p); // emptied by a run that stopped cleanly
                    }
                }
            }
        } catch (IOException e) {
            // An unreadable folder: appends will say so.
        }
        out.sort(Comparator.comparing((Path p) -> p.getFileName().toString().endsWith(".replay") ? 0 : 1)
                .thenComparing(p -> p.getFileName().toString()));
        return out;
    }

    private static boolean nobodyHolds(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            return ch.tryLock() != null;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            if (active.unresolved <= 0 && !active.needsReplay) {
                Files.deleteIfExists(active.file);
            }
        }
    }
}
