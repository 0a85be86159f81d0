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
    private final byte[] buf;
    private int pos;
    private int limit;

    SocketInput(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
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

    @Override
    public int available() {
        return limit - pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
