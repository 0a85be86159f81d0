package io.headroom.app;

import io.headroom.config.DataDirectory;
import io.headroom.config.PrivateFiles;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One desktop Headroom per data folder. The first launch holds a lock on {@code instance.lock}
 * and listens on a loopback-only port, written with a random token to {@code instance.port}
 * (0600). A second launch finds the lock taken, sends the token and "show", and exits: the
 * running window comes forward. The operating system drops the lock with a dead process, so
 * files left by a crash are simply taken over. Command-line commands never come here.
 */
final class SingleInstance implements AutoCloseable {

    static final String LOCK_FILE = "instance.lock";
    static final String PORT_FILE = "instance.port";
    private static final Logger LOG = Logger.getLogger(SingleInstance.class.getName());
    private static final int MAX_LINE = 256;

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final Path portFile;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, Path portFile) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.portFile = portFile;
    }

    /**
     * Becomes the running instance, or tells the running one to show itself.
     *
     * @param onShow run (on the listener thread) each time another launch asks to be shown
     * @param patience how long to keep trying a running instance that does not answer yet (it may be starting)
     * @return the running instance to close on quit, or empty when another one was told to show
     */
    static Optional<SingleInstance> claim(Path folder, Runnable onShow, Duration patience) throws IOException {
        DataDirectory.ensurePrivateDirectory(folder);
        Path portFile = folder.resolve(PORT_FILE);
        PrivateFiles.createIfMissing(folder.resolve(LOCK_FILE));
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return Optional.of(listen(channel, lock, portFile, onShow));
            }
            channel.close();
            if (askToShow(portFile)) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                // Held by a process that does not answer: better a second window than none.
                LOG.warning("another Headroom holds " + folder.resolve(LOCK_FILE) + " but does not answer; starting anyway");
                return Optional.of(new SingleInstance(null, null, null, null));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking for a running Headroom", e);
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static SingleInstance listen(FileChannel channel, FileLock lock, Path portFile, Runnable onShow)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        Files.deleteIfExists(portFile);
        PrivateFiles.writeAtomically(portFile, server.getLocalPort() + " " + token + " " + ProcessHandle.current().pid()
                + "\n");
        BackgroundWork.start("headroom-single-instance", () -> serve(server, token, onShow));
        return new SingleInstance(channel, lock, server, portFile);
    }

    private static void serve(ServerSocket server, String token, Runnable onShow) {
        byte[] expected = (token + " show").getBytes(StandardCharsets.US_ASCII);
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(2000);
                String line = readLine(s.getInputStream());
                boolean ok = line != null && MessageDigest.isEqual(expected, line.getBytes(StandardCharsets.US_ASCII));
                write(s.getOutputStream(), ok ? "ok" : "refused");
                if (ok) {
                    onShow.run();
                }
            } catch (SocketTimeoutException slowClient) {
                // dropped
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.FINE, "a second launch's request failed", e);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "showing the window for a second launch failed", e);
            }
        }
    }

    /** Sends the token and "show" to the running instance; true when it answered "ok". */
    static boolean askToShow(Path portFile) {
        String[] parts;
        try {
            parts = Files.readString(portFile, StandardCharsets.US_ASCII).strip().split(" ");
        } catch (IOException | RuntimeException notYetWritten) {
            return false;
        }
        if (parts.length < 2) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(parts[0])), 1000);
            s.setSoTimeout(2000);
            write(s.getOutputStream(), parts[1] + " show");
            return "ok".equals(readLine(s.getInputStream()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line of at most {@link #MAX_LINE} bytes, without its end; null if the peer sent nothing. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (sb.length() >= MAX_LINE) {
                return null;
            }
            sb.append((char) c);
        }
        return c == -1 && sb.length() == 0 ? null : sb.toString();
    }

    /** The port the running instance listens on; -1 when it started without being the single one. */
    int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
                Files.deleteIfExists(portFile);
            }
            if (lock != null) {
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the single-instance lock", e);
        }
    }
}
