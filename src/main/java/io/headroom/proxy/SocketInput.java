package io.headroom.proxy;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered socket input for one thread: unlike BufferedInputStream it takes no lock per byte,
 * and {@link #available()} counts only what is already buffered, so asking costs no system call
 * (the relay flushes whenever nothing is buffered).
 */
final class SocketInput extends InputStream {

    private final InputStream in;
    private final java.net.Socket socket;
    private final int idleMillis;
    private final byte[] buf;
    private int pos;
    private int limit;
    /** While a head is read: how long it may take in all, counted from its first byte (0: no bound). */
    private long headAllowanceNanos;
    /** When the first byte of the head being read arrived (System.nanoTime); 0 until then. Read by the acceptor. */
    private volatile long headStartedAt;

    SocketInput(InputStream in, int size) {
        this(in, null, 0, size);
    }

    /** With the socket, so a head's deadline can shorten the read timeout (which restarts with every byte). */
    SocketInput(InputStream in, java.net.Socket socket, int idleMillis, int size) {
        this.in = in;
        this.socket = socket;
        this.idleMillis = idleMillis;
        this.buf = new byte[size];
    }

    /** The next head must arrive whole within {@code allowance} of its first byte. */
    void boundHead(java.time.Duration allowance) {
        headAllowanceNanos = allowance.toNanos();
        headStartedAt = 0;
    }

    /** The head was read: later reads (bodies) are bounded by the idle timeout only. */
    void headDone() throws IOException {
        headAllowanceNanos = 0;
        headStartedAt = 0;
        if (socket != null) {
            socket.setSoTimeout(idleMillis);
        }
    }

    /** When the head being read started arriving (System.nanoTime), or 0 when none is. */
    long headStarted() {
        return headStartedAt;
    }

    private boolean fill() throws IOException {
        long started = headStartedAt;
        if (started != 0 && socket != null) {
            long left = started + headAllowanceNanos - System.nanoTime();
            if (left <= 0) {
                throw new HttpHead.PartialTimeoutException();
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(idleMillis, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left))));
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        if (headAllowanceNanos > 0 && headStartedAt == 0) {
            headStartedAt = System.nanoTime();
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length) {
                return in.read(b, off, len); // large reads bypass the buffer
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Reads a line up to LF, without its CR LF, as ISO-8859-1 (one char per byte); null at the
     * end of the stream before any byte. {@code budget[0]} is the bytes still allowed for the
     * whole head and is decreased; a line beyond it throws {@link HttpHead.TooLargeException}.
     */
    String readLine(int[] budget) throws IOException {
        byte[] acc = null;
        int accLen = 0;
        while (true) {
            if (pos == limit) {
                int n;
                try {
                    n = fill() ? limit : -1;
                } catch (java.net.SocketTimeoutException e) {
                    if (accLen == 0 && budget[1] == 0) {
                        throw e;
                    }
                    throw new HttpHead.PartialTimeoutException();
                }
                if (n < 0) {
                    if (accLen == 0 && budget[1] == 0) {
                        return null;
                    }
                    throw new HttpHead.MalformedException("the connection closed in the middle of the header");
                }
            }
            int start = pos;
            int nl = start;
            while (nl < limit && buf[nl] != '\n') {
                nl++;
            }
            int len = nl - start;
            budget[0] -= len + (nl < limit ? 1 : 0);
            budget[1] += len + (nl < limit ? 1 : 0);
            if (budget[0] < 0) {
                throw new HttpHead.TooLargeException("the header is too large");
            }
            if (nl < limit) {
                pos = nl + 1;
                if (acc == null) {
                    int end = len > 0 && buf[nl - 1] == '\r' ? nl - 1 : nl;
                    return new String(buf, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                acc = grow(acc, accLen, len);
                System.arraycopy(buf, start, acc, accLen, len);
                accLen += len;
                int end = accLen > 0 && acc[accLen - 1] == '\r' ? accLen - 1 : accLen;
                return new String(acc, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            acc = grow(acc, accLen, len);
            System.arraycopy(buf, start, acc, accLen, len);
            accLen += len;
            pos = limit;
        }
    }

    private static byte[] grow(byte[] acc, int used, int more) {
        if (acc == null) {
            return new byte[Math.max(256, more)];
        }
        return used + more <= acc.length ? acc : java.util.Arrays.copyOf(acc, Math.max(acc.length * 2, used + more));
    }

    /**
     * Waits until a byte is buffered or the stream ends (false). A read timeout of the socket
     * surfaces as SocketTimeoutException with nothing lost, so callers can wait in slices.
     */
    boolean await() throws IOException {
        return pos < limit || fill();
    }

    /**
     * Whether the peer has closed its side: reads what is waiting (kept for later reads) with the
     * socket's current timeout; a timeout means the peer is still there.
     */
    boolean peerClosed() throws IOException {
        if (pos < limit) {
            return false;
        }
        try {
            return !fill();
        } catch (java.net.SocketTimeoutException stillThere) {
            return false;
        }
    }

    @Override
    public int available() {
        return limit - pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
