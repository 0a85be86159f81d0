package io.headroom.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Relays message bodies as they arrive, keeping the sender's framing byte for byte: a chunked
 * body is passed on with its chunk lines, a fixed-length body with its length. The payload is
 * shown to a {@link Tap} after it was handed to the receiver. The output is flushed whenever the
 * input has nothing more buffered, so each SSE event leaves as soon as it came in.
 */
final class Bodies {

    /** Sees payload bytes (chunk framing removed). */
    interface Tap {
        void accept(byte[] b, int off, int len);

        Tap NONE = (b, off, len) -> { };
    }

    /** Writing to the receiver failed: the receiving side went away. */
    static final class WriteFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The body is longer than allowed. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("body too large");
        }
    }

    private static final int BUFFER = 16 * 1024;
    private static final int MAX_CHUNK_LINE = 4096;
    /** One copy buffer per relay thread (taps consume what they are shown at once). */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    private Bodies() {
    }

    static void copyFixed(InputStream in, OutputStream out, long length, Tap tap) throws IOException {
        copyFixed(in, out, length, tap, NO_END);
    }

    /** As above; {@code beforeEnd} runs once the whole body was seen, before its last bytes are written. */
    static void copyFixed(InputStream in, OutputStream out, long length, Tap tap, Runnable beforeEnd)
            throws IOException {
        byte[] buf = SCRATCH.get();
        long left = length;
        if (left == 0) {
            beforeEnd.run();
        }
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                flushQuietly(out);
                throw new EOFException("the body ended after " + (length - left) + " of " + length + " bytes");
            }
            left -= n;
            if (left == 0) {
                tap.accept(buf, 0, n);
                beforeEnd.run();
                write(out, buf, 0, n);
                flush(out);
                return;
            }
            write(out, buf, 0, n);
            if (in.available() == 0) {
                flush(out);
            }
            tap.accept(buf, 0, n);
        }
    }

    /** For copies whose end needs no announcement. */
    static final Runnable NO_END = () -> { };

    /** Copies until the input ends (a response without length that ends with the connection). */
    static void copyToEnd(InputStream in, OutputStream out, Tap tap, Runnable beforeEnd) throws IOException {
        byte[] buf = SCRATCH.get();
        int n;
        while ((n = in.read(buf)) >= 0) {
            write(out, buf, 0, n);
            if (in.available() == 0) {
                flush(out);
            }
            tap.accept(buf, 0, n);
        }
        // Such a body ends for the client when the connection closes, which happens after this.
        beforeEnd.run();
        flush(out);
    }

    /**
     * Relays a chunked body including its chunk lines and trailers; {@code limit} bounds the
     * payload (Long.MAX_VALUE for none).
     */
    static void copyChunked(InputStream in, OutputStream out, Tap tap, long limit) throws IOException {
        copyChunked(in, out, tap, limit, true, NO_END);
    }

    /**
     * As above; without {@code framing} only the payload is written (for an HTTP/1.0 client,
     * which cannot read chunks and learns the end from the connection closing).
     */
    static void copyChunked(InputStream in, OutputStream out, Tap tap, long limit, boolean framing,
            Runnable beforeEnd) throws IOException {
        byte[] buf = SCRATCH.get();
        StringBuilder line = new StringBuilder(16);
        long total = 0;
        while (true) {
            String sizeLine = readLine(in, line);
            long size = chunkSize(sizeLine);
            if (size == 0) {
                // The last chunk: the payload is all seen and the client has not got the terminator yet.
                beforeEnd.run();
            }
            if (framing) {
                write(out, HttpHead.bytes(sizeLine));
            }
            if (size == 0) {
                while (true) {
                    String trailer = readLine(in, line);
                    if (framing) {
                        write(out, HttpHead.bytes(trailer));
                    }
                    if (trailer.equals("\r\n") || trailer.equals("\n")) {
                        flush(out);
                        return;
                    }
                }
            }
            total += size;
            if (total > limit) {
                throw new TooLargeException();
            }
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    flushQuietly(out);
                    throw new EOFException("the chunked body ended in the middle of a chunk");
                }
                write(out, buf, 0, n);
                left -= n;
                if (in.available() == 0) {
                    flush(out);
                }
                tap.accept(buf, 0, n);
            }
            String end = readLine(in, line);
            if (!end.equals("\r\n") && !end.equals("\n")) {
                throw new IOException("a chunk is not followed by a line end");
            }
            if (framing) {
                write(out, HttpHead.bytes(end));
            }
            if (in.available() == 0) {
                flush(out);
            }
        }
    }

    /** Reads one line including its terminator. */
    private static String readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the chunked body ended early");
            }
            line.append((char) b);
            if (b == '\n') {
                return line.toString();
            }
            if (line.length() > MAX_CHUNK_LINE) {
                throw new IOException("a chunk line is too long");
            }
        }
    }

    private static long chunkSize(String line) throws IOException {
        int end = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == 0 || end > 15) {
            throw new IOException("a chunk size is invalid");
        }
        return Long.parseLong(line.substring(0, end), 16);
    }

    static void write(OutputStream out, byte[] b) throws WriteFailedException {
        write(out, b, 0, b.length);
    }

    static void write(OutputStream out, byte[] b, int off, int len) throws WriteFailedException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new WriteFailedException(e);
        }
    }

    static void flush(OutputStream out) throws WriteFailedException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new WriteFailedException(e);
        }
    }

    private static void flushQuietly(OutputStream out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // The read side failed first; that is the error reported.
        }
    }
}
