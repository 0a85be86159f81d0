package io.headroom.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and header lines of an HTTP/1.1 message, kept as the raw text that arrived
 * (ISO-8859-1, one char per byte) so forwarding writes the very same bytes back.
 */
final class HttpHead {

    /** The head is larger than the configured bound. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /** The head cannot be parsed as HTTP/1.1. */
    static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** The connection went idle in the middle of a head (not between requests). */
    static final class PartialTimeoutException extends java.net.SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        PartialTimeoutException() {
            super("the client went idle in the middle of the request header");
        }
    }

    final String startLine;
    /** Raw header lines without their line terminator. */
    final List<String> lines;
    /** The header names, lower case, parallel to {@link #lines}. */
    final List<String> names;

    private HttpHead(String startLine, List<String> lines) {
        this.startLine = startLine;
        this.lines = lines;
        this.names = new ArrayList<>(lines.size());
        for (String l : lines) {
            names.add(name(l).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Reads a head; returns null when the stream ends before its first byte (a keep-alive
     * connection closed between requests).
     */
    static HttpHead read(SocketInput in, int maxBytes) throws IOException {
        int[] budget = {maxBytes, 0}; // bytes left, bytes read
        List<String> all = new ArrayList<>();
        while (true) {
            String line = in.readLine(budget);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (all.isEmpty()) {
                    continue; // tolerate a stray empty line before the request line (RFC 9112 2.2)
                }
                break;
            }
            all.add(line);
        }
        List<String> headers = all.subList(1, all.size());
        for (String h : headers) {
            if (h.indexOf(':') <= 0 || h.charAt(0) == ' ' || h.charAt(0) == '\t') {
                throw new MalformedException("a header line is malformed");
            }
        }
        return new HttpHead(all.get(0), new ArrayList<>(headers));
    }

    static String name(String line) {
        return line.substring(0, line.indexOf(':')).trim();
    }

    static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    /** How many times a header (name in lower case) occurs. */
    int count(String name) {
        return (int) names.stream().filter(name::equals).count();
    }

    /** The first value of a header (name in lower case), or null. */
    String get(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : value(lines.get(i));
    }

    /** All values of a header (name in lower case), comma lists split, lower case. */
    List<String> tokens(String name) {
        if (!names.contains(name)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (names.get(i).equals(name)) {
                for (String t : value(lines.get(i)).split(",")) {
                    if (!t.isBlank()) {
                        out.add(t.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    /** The body length if Content-Length is present, -1 if absent; throws on conflicting values. */
    long contentLength() throws MalformedException {
        long found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (names.get(i).equals("content-length")) {
                long v;
                try {
                    v = Long.parseLong(value(lines.get(i)));
                } catch (NumberFormatException e) {
                    throw new MalformedException("Content-Length is not a number");
                }
                if (v < 0 || (found >= 0 && found != v)) {
                    throw new MalformedException("Content-Length is invalid");
                }
                found = v;
            }
        }
        return found;
    }

    boolean chunked() {
        List<String> te = tokens("transfer-encoding");
        return !te.isEmpty() && te.get(te.size() - 1).equals("chunked");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
