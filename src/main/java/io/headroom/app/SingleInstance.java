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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One desktop Headroom per data folder. The first launch holds a lock on {@code instance.lock}
 * and listens on a loopback-only port, written with a random token to {@code instance.port}
 * (0600). A second launch finds the lock taken, sends the token and "show", and exits: the
 * running window comes forward. If the holder does not answer, the second launch still exits
 * (the lock, not the port, says who owns the data). The operating system drops the lock with a
 * dead process, so files left by a crash are simply taken over. Command-line commands never come here.
 */
final class SingleInstance implements AutoCloseable {

    static final String LOCK_FILE = "instance.lock";
    static final String PORT_FILE = "instance.port";
    private static final Logger LOG = Logger.getLogger(SingleInstance.class.getName());
    private static final int MAX_LINE = 256;
    /** A launch's whole message ("token show") must arrive within this; a real launch sends it in one write. */
    static final Duration MESSAGE_DEADLINE = Duration.ofSeconds(1);
    private static final int MAX_PEERS = 4;

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

    /** What a launch found. */
    enum Outcome {
        /** This launch owns the data folder and runs. */
        OWNED,
        /** Another Headroom owns it and was asked to show its window. */
        SHOWN_OTHER,
        /** Another process holds the folder's lock but does not answer: this launch must not run on the same data. */
        HELD_BY_SILENT
    }

    /** The result of {@link #claim}: the instance when owned; the holder's process id when known. */
    record Claim(Outcome outcome, SingleInstance instance, String holderPid) {
    }

    /**
     * Becomes the running instance, or tells the running one to show itself. The operating
     * system's lock on {@code instance.lock} decides who owns the data folder: a holder that does
     * not answer (hung, or a stranger squatting on its port) still owns it, and this launch stops.
     *
     * @param onShow run (on a listener thread) each time another launch asks to be shown
     * @param patience how long to keep trying a running instance that does not answer yet (it may be starting)
     */
    static Claim claim(Path folder, Runnable onShow, Duration patience) throws IOException {
        DataDirectory.ensurePrivateDirectory(folder);
        Path portFile = folder.resolve(PORT_FILE);
        PrivateFiles.createIfMissing(folder.resolve(LOCK_FILE));
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return new Claim(Outcome.OWNED, listen(channel, lock, portFile, onShow), null);
            }
            channel.close();
            if (askToShow(portFile)) {
                return new Claim(Outcome.SHOWN_OTHER, null, null);
            }
            if (System.nanoTime() > deadline) {
                return new Claim(Outcome.HELD_BY_SILENT, null, holderPid(portFile));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking for a running Headroom", e);
            }
        }
    }

    /** The process id the running instance wrote next to its port, or null. */
    private static String holderPid(Path portFile) {
        try {
            String[] parts = Files.readString(portFile, StandardCharsets.US_ASCII).strip().split(" ");
            return parts.length >= 3 && parts[2].chars().allMatch(Character::isDigit) ? parts[2] : null;
        } catch (IOException | RuntimeException e) {
            return null;
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

    /**
     * Answers launches several at a time, each within {@link #MESSAGE_DEADLINE} for its whole
     * line: one connection that trickles bytes (any local process can connect) must not keep a
     * real second launch from being answered.
     */
    private static void serve(ServerSocket server, String token, Runnable onShow) {
        byte[] expected = (token + " show").getBytes(StandardCharsets.US_ASCII);
        ThreadPoolExecutor peers = BackgroundWork.elastic("headroom-single-instance-peer", MAX_PEERS, Duration.ofSeconds(5));
        try {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        LOG.log(Level.FINE, "accepting a second launch failed", e);
                    }
                    continue;
                }
                try {
                    peers.execute(() -> answer(s, expected, onShow));
                } catch (RejectedExecutionException busy) {
                    closeQuietly(s); // as many peers as allowed are being answered; each has a short deadline
                }
            }
        } finally {
            peers.shutdownNow();
        }
    }

    private static void answer(Socket socket, byte[] expected, Runnable onShow) {
        try (Socket s = socket) {
            String line = readLine(s, System.nanoTime() + MESSAGE_DEADLINE.toNanos());
            boolean ok = line != null && MessageDigest.isEqual(expected, line.getBytes(StandardCharsets.US_ASCII));
            write(s.getOutputStream(), ok ? "ok" : "refused");
            if (ok) {
                onShow.run();
            }
        } catch (SocketTimeoutException slowClient) {
            // dropped at the deadline
        } catch (IOException e) {
            LOG.log(Level.FINE, "a second launch's request failed", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "showing the window for a second launch failed", e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
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
            write(s.getOutputStream(), parts[1] + " show");
            return "ok".equals(readLine(s, System.nanoTime() + MESSAGE_DEADLINE.toNanos()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * One line of at most {@link #MAX_LINE} bytes, without its end, complete before {@code deadline}
     * (System.nanoTime); null if the peer sent nothing. The read timeout is what is left of the
     * deadline, so bytes trickled one at a time cannot stretch it.
     */
    private static String readLine(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("the message did not arrive within " + MESSAGE_DEADLINE.toMillis() + " ms");
            }
            s.setSoTimeout((int) left);
            c = in.read();
            if (c == -1 || c == '\n') {
                break;
            }
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
