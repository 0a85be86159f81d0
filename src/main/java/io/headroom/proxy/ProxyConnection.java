package io.headroom.proxy;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection: reads requests (keep-alive), forwards each to the upstream and relays
 * the response back as it arrives. Heads are forwarded line for line, bodies byte for byte with
 * their framing; only hop-by-hop headers are dropped and Host is set to the upstream's.
 */
final class ProxyConnection implements Runnable {

    /** Receives finished calls; must not block. */
    interface Sink {
        /** The call's outcome is known and its last bytes are about to go to the client (journal it now). */
        default void ending(PendingCall call) {
        }

        void completed(PendingCall call);

        void rejected();
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "proxy-authenticate", "te", "upgrade", "host", "expect");
    private static final byte[] CONTINUE = HttpHead.bytes("HTTP/1.1 100 Continue\r\n\r\n");

    /**
     * How long a request head may take from its first byte to its blank line. Real clients send a
     * head in one write; a client trickling bytes (slow loris) is cut off here instead of holding a
     * connection for as long as it keeps sending a byte per idle timeout.
     */
    static final java.time.Duration HEAD_DEADLINE = java.time.Duration.ofSeconds(10);

    private final Socket client;
    private final long acceptedAt = System.nanoTime();
    private volatile SocketInput input;
    private volatile int requests;
    private final ProxyConfig config;
    private final UpstreamPool pool;
    private final Sink sink;
    private final HostCheck hostCheck;

    ProxyConnection(Socket client, ProxyConfig config, UpstreamPool pool, Sink sink) {
        this.client = client;
        this.hostCheck = new HostCheck(client.getLocalPort(), config.upstream().getHost(), config.upstreamPort());
        this.config = config;
        this.pool = pool;
        this.sink = sink;
    }

    /**
     * Since when this connection has been holding a slot without sending a whole head (a head
     * that is arriving, or a new connection that has sent nothing), in System.nanoTime; 0 when it
     * is relaying or waiting between requests of a client that sent whole heads. The proxy closes
     * the oldest such connection when all slots are taken, so a slow-client flood cannot lock out
     * well-behaved clients.
     */
    long stalledSince() {
        SocketInput in = input;
        long head = in == null ? 0 : in.headStarted();
        if (head != 0) {
            return head;
        }
        return requests == 0 ? acceptedAt : 0;
    }

    /** True while part of a head has arrived but not its end: a real client's head comes in one piece. */
    boolean midHead() {
        SocketInput in = input;
        return in != null && in.headStarted() != 0;
    }

    Socket socket() {
        return client;
    }

    @Override
    public void run() {
        try (Socket s = client) {
            s.setTcpNoDelay(true);
            int idleMillis = (int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis());
            s.setSoTimeout(idleMillis);
            SocketInput in = new SocketInput(s.getInputStream(), s, idleMillis, 16 * 1024);
            input = in;
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            while (true) {
                HttpHead head;
                try {
                    in.boundHead(HEAD_DEADLINE);
                    head = HttpHead.read(in, config.maxHeaderBytes());
                    in.headDone();
                    requests++;
                } catch (HttpHead.PartialTimeoutException e) {
                    reject(out, 408, "timeout_error", "The request header did not arrive in time: it must arrive "
                            + "whole within " + HEAD_DEADLINE.toSeconds() + " s of its first byte, and the client "
                            + "may not pause for " + config.idleTimeout().toSeconds() + " s.");
                    return;
                } catch (SocketTimeoutException e) {
                    return; // an idle keep-alive connection: close quietly
                } catch (HttpHead.TooLargeException e) {
                    reject(out, 431, "invalid_request_error", "The request header is larger than "
                            + config.maxHeaderBytes() + " bytes.");
                    return;
                } catch (HttpHead.MalformedException e) {
                    reject(out, 400, "invalid_request_error", "Malformed request: " + e.getMessage() + ".");
                    return;
                }
                if (head == null || !handle(head, in, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    /** Handles one request; returns whether the client connection stays open. */
    private boolean handle(HttpHead head, SocketInput in, BufferedOutputStream out) throws IOException {
        long t0 = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        String[] parts = head.startLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            return reject(out, 400, "invalid_request_error", "Malformed request line.");
        }
        String method = parts[0];
        String target = parts[1];
        if (method.equalsIgnoreCase("CONNECT")) {
            return reject(out, 405, "invalid_request_error",
                    "CONNECT is refused: this proxy forwards only to " + config.upstream() + ".");
        }
        if (!target.startsWith("/") && !target.equals("*")) {
            String origin = originForm(target);
            if (origin == null) {
                return reject(out, 403, "permission_error", "Requests for other hosts are refused: this proxy "
                        + "forwards only to " + config.upstream() + ".");
            }
            target = origin;
        }
        if (head.count("host") > 1) {
            return reject(out, 400, "invalid_request_error", "The request has more than one Host header.");
        }
        String host = head.get("host");
        if (host == null ? parts[2].equals("HTTP/1.1") : host.isEmpty()) {
            return reject(out, 400, "invalid_request_error", "The request has no Host header.");
        }
        if (host != null && !hostCheck.accepts(host)) {
            return reject(out, 403, "permission_error", "Host " + host + " is refused: this proxy forwards only to "
                    + config.upstream() + " and answers on loopback only.");
        }
        List<String> connection = head.tokens("connection");
        boolean clientClose = parts[2].equals("HTTP/1.0") || connection.contains("close");
        boolean chunked;
        long length;
        try {
            chunked = head.chunked();
            length = head.contentLength();
        } catch (HttpHead.MalformedException e) {
            return reject(out, 400, "invalid_request_error", e.getMessage() + ".");
        }
        if (!head.tokens("transfer-encoding").isEmpty() && (!chunked || length >= 0)) {
            return reject(out, 400, "invalid_request_error", "Unsupported Transfer-Encoding.");
        }
        if (length > config.maxRequestBody()) {
            return reject(out, 413, "request_too_large", "The request body (" + length + " bytes) is larger than "
                    + config.maxRequestBody() + " bytes.");
        }
        if (head.tokens("expect").contains("100-continue")) {
            Bodies.write(out, CONTINUE);
            Bodies.flush(out);
        }

        PendingCall call = new PendingCall();
        call.callId = Long.toHexString(startedAt) + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        call.startedAtMs = startedAt;
        call.method = method;
        call.path = target;
        call.userAgent = head.get("user-agent");
        call.xApp = head.get("x-app");
        call.sessionId = head.get("x-claude-code-session-id");
        identify(head, call);
        call.request = new RequestCapture();

        byte[] upstreamHead = upstreamHead(method, target, head, connection);
        UpstreamPool.Conn up = null;
        HttpHead response = null;
        boolean bodyRead = false;
        for (int attempt = 1; response == null; attempt++) {
            try {
                up = attempt == 1 ? pool.acquire() : pool.open();
            } catch (SocketTimeoutException e) {
                return upstreamFault(out, call, t0, 504, "upstream_timeout", "timeout_error",
                        "The upstream " + config.upstream() + " did not accept a connection within "
                                + config.connectTimeout().toSeconds() + " s.");
            } catch (IOException e) {
                return upstreamFault(out, call, t0, 502, "upstream_unreachable", "api_error",
                        "Cannot connect to the upstream " + config.upstream() + ": " + e.getMessage());
            }
            try {
                up.out.write(upstreamHead);
                if (attempt == 1) {
                    relayRequestBody(in, up, chunked, length, call.request);
                    bodyRead = true;
                } else {
                    replayRequestBody(up, chunked, call.request.complete());
                }
                up.out.flush();
                if (!awaitResponse(up, in)) {
                    up.close(); // the client left while the upstream was working: cancel the call
                    call.fault = "client_disconnected";
                    call.cut = true;
                    finish(call, t0);
                    return false;
                }
                response = readResponseHead(up, method);
            } catch (Bodies.TooLargeException e) {
                up.close();
                return reject(out, 413, "request_too_large", "The request body is larger than "
                        + config.maxRequestBody() + " bytes.");
            } catch (ClientReadException e) {
                up.close();
                if (e.getCause() instanceof SocketTimeoutException) {
                    reject(out, 408, "timeout_error", "The request body stalled for "
                            + config.idleTimeout().toSeconds() + " s.");
                } else if (!(e.getCause() instanceof EOFException) && !(e.getCause() instanceof SocketException)) {
                    reject(out, 400, "invalid_request_error", "Malformed request body: " + e.getMessage() + ".");
                }
                return false;
            } catch (SocketTimeoutException e) {
                up.close();
                return upstreamFault(out, call, t0, 504, "upstream_timeout", "timeout_error",
                        "The upstream " + config.upstream() + " did not answer within "
                                + config.readTimeout().toSeconds() + " s.");
            } catch (IOException e) {
                up.close();
                boolean retry = up.reused && attempt == 1 && bodyRead && call.request.complete() != null;
                if (!retry) {
                    return upstreamFault(out, call, t0, 502, "upstream_unreachable", "api_error",
                            "The upstream " + config.upstream() + " closed the connection: " + e.getMessage());
                }
            }
        }
        call.ttfbMs = (System.nanoTime() - t0) / 1e6;
        return relayResponse(method, response, up, out, call, t0, clientClose, parts[2].equals("HTTP/1.0"));
    }

    private boolean relayResponse(String method, HttpHead response, UpstreamPool.Conn up, BufferedOutputStream out,
            PendingCall call, long t0, boolean clientClose, boolean http10) throws IOException {
        String[] status = response.startLine.split(" ", 3);
        call.status = Integer.parseInt(status[1]);
        List<String> upConnection = response.tokens("connection");
        boolean chunked = response.chunked();
        long length = response.contentLength();
        boolean noBody = method.equalsIgnoreCase("HEAD") || call.status == 204 || call.status == 304;
        boolean toEnd = !noBody && !chunked && length < 0;
        boolean upstreamReusable = !toEnd && !upConnection.contains("close") && status[0].equals("HTTP/1.1");
        boolean keepAlive = !clientClose && !toEnd;
        boolean dechunk = http10 && chunked && !noBody; // an HTTP/1.0 client gets the payload, ended by close

        StringBuilder sb = new StringBuilder(1024);
        sb.append(response.startLine).append("\r\n");
        String contentType = "";
        String contentEncoding = null;
        for (int i = 0; i < response.lines.size(); i++) {
            String line = response.lines.get(i);
            String name = response.names.get(i);
            if (HOP_BY_HOP.contains(name) || upConnection.contains(name)
                    || (dechunk && name.equals("transfer-encoding"))) {
                continue;
            }
            if (name.startsWith("anthropic-ratelimit-") || name.startsWith("anthropic-priority-")
                    || name.equals("retry-after")) {
                call.rateLimitHeaders.put(name, HttpHead.value(line));
            } else if (name.equals("request-id")) {
                call.requestId = HttpHead.value(line);
            } else if (name.equals("content-type")) {
                contentType = HttpHead.value(line).toLowerCase(Locale.ROOT);
            } else if (name.equals("content-encoding")) {
                contentEncoding = HttpHead.value(line);
            }
            sb.append(line).append("\r\n");
        }
        if (!keepAlive) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        call.sse = contentType.startsWith("text/event-stream");
        ResponseTap tap = new ResponseTap(call.sse, contentType.contains("json"), length, contentEncoding);
        call.response = tap;
        Runnable ending = () -> ending(call, t0);
        try {
            if (noBody) {
                ending.run(); // the head is the whole response
            }
            Bodies.write(out, HttpHead.bytes(sb.toString()));
            if (noBody || up.in.available() == 0) {
                Bodies.flush(out);
            }
            if (chunked && !noBody) {
                Bodies.copyChunked(up.in, out, tap, Long.MAX_VALUE, !dechunk, ending);
            } else if (length >= 0 && !noBody) {
                Bodies.copyFixed(up.in, out, length, tap, ending);
            } else if (toEnd) {
                Bodies.copyToEnd(up.in, out, tap, ending);
            }
        } catch (Bodies.WriteFailedException e) {
            up.close(); // the client left: cancel the upstream call
            call.fault = "client_disconnected";
            call.cut = true;
            call.outcomeChanged();
            finish(call, t0);
            return false;
        } catch (IOException e) {
            up.close(); // cut upstream: end the client's stream the same way, without a terminator
            call.fault = e instanceof SocketTimeoutException ? "upstream_timeout" : "stream_cut";
            call.cut = true;
            call.outcomeChanged();
            finish(call, t0);
            return false;
        }
        if (upstreamReusable) {
            pool.release(up);
        } else {
            up.close();
        }
        finish(call, t0);
        return keepAlive;
    }

    /** Journals the call (through the sink) before the client can know the response is complete. */
    private void ending(PendingCall call, long t0) {
        if (call.record == null) {
            call.latencyMs = (System.nanoTime() - t0) / 1e6;
            sink.ending(call);
        }
    }

    private void finish(PendingCall call, long t0) {
        if (call.record == null || call.stale) {
            call.latencyMs = (System.nanoTime() - t0) / 1e6;
        }
        sink.completed(call);
    }

    /** Thrown when reading the request body from the client fails (as opposed to writing upstream). */
    private static final class ClientReadException extends IOException {
        private static final long serialVersionUID = 1L;

        ClientReadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void relayRequestBody(SocketInput in, UpstreamPool.Conn up, boolean chunked, long length,
            RequestCapture capture) throws IOException {
        try {
            if (chunked) {
                Bodies.copyChunked(in, up.out, capture, config.maxRequestBody());
            } else if (length > 0) {
                Bodies.copyFixed(in, up.out, length, capture);
            }
        } catch (Bodies.WriteFailedException e) {
            throw (IOException) e.getCause();
        } catch (Bodies.TooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw new ClientReadException(e);
        }
    }

    private static void replayRequestBody(UpstreamPool.Conn up, boolean chunked, byte[] body) throws IOException {
        if (chunked) {
            if (body.length > 0) {
                up.out.write(HttpHead.bytes(Integer.toHexString(body.length) + "\r\n"));
                up.out.write(body);
                up.out.write(HttpHead.bytes("\r\n"));
            }
            up.out.write(HttpHead.bytes("0\r\n\r\n"));
        } else {
            up.out.write(body);
        }
    }

    private static final int WAIT_SLICE_MS = 1000;

    /**
     * Waits for the upstream's first response byte in slices, checking between slices that the
     * client is still connected; false if the client left. The read timeout still bounds the wait.
     */
    private boolean awaitResponse(UpstreamPool.Conn up, SocketInput client) throws IOException {
        long readTimeoutMs = config.readTimeout().toMillis();
        long deadline = System.nanoTime() + readTimeoutMs * 1_000_000L;
        int slice = (int) Math.min(WAIT_SLICE_MS, readTimeoutMs);
        up.socket.setSoTimeout(slice);
        try {
            while (true) {
                try {
                    up.in.await(); // a byte is buffered, or the upstream closed (readResponseHead reports it)
                    return true;
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() - deadline >= 0) {
                        throw e;
                    }
                    if (clientGone(client)) {
                        return false;
                    }
                }
            }
        } finally {
            up.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeoutMs));
        }
    }

    private boolean clientGone(SocketInput in) {
        try {
            client.setSoTimeout(1);
            try {
                return in.peerClosed();
            } finally {
                client.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
            }
        } catch (IOException e) {
            return true;
        }
    }

    private HttpHead readResponseHead(UpstreamPool.Conn up, String method) throws IOException {
        while (true) {
            HttpHead h = HttpHead.read(up.in, 256 * 1024);
            if (h == null) {
                throw new EOFException("no response");
            }
            String[] s = h.startLine.split(" ", 3);
            if (s.length < 2 || !s[0].startsWith("HTTP/1.") || s[1].length() != 3) {
                throw new IOException("malformed status line");
            }
            int code = Integer.parseInt(s[1]);
            if (code >= 200 || code == 101) {
                return h;
            }
            // 1xx interim responses: the client's Expect was answered locally, skip them.
        }
    }

    private byte[] upstreamHead(String method, String target, HttpHead head, List<String> connection) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(config.upstreamAuthority()).append("\r\n");
        for (int i = 0; i < head.lines.size(); i++) {
            String line = head.lines.get(i);
            String name = head.names.get(i);
            if (HOP_BY_HOP.contains(name) || connection.contains(name)) {
                continue;
            }
            sb.append(line).append("\r\n");
        }
        sb.append("\r\n");
        return HttpHead.bytes(sb.toString());
    }

    /** An absolute-form target for the upstream itself, in origin form; null for any other host. */
    private String originForm(String target) {
        try {
            URI u = URI.create(target);
            if (u.getHost() == null || u.getScheme() == null) {
                return null;
            }
            int port = u.getPort() > 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            if (!u.getHost().equalsIgnoreCase(config.upstream().getHost()) || port != config.upstreamPort()) {
                return null;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Fingerprints the credential; the key itself is never kept. */
    private String lastSecret;
    private String lastFingerprint;

    private void identify(HttpHead head, PendingCall call) {
        String apiKey = head.get("x-api-key");
        String auth = head.get("authorization");
        String secret;
        if (apiKey != null && !apiKey.isEmpty()) {
            call.authKind = "api_key";
            secret = apiKey;
        } else if (auth != null && !auth.isEmpty()) {
            secret = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : auth;
            call.authKind = secret.startsWith("sk-ant-oat") ? "oauth" : secret.startsWith("sk-ant-api") ? "api_key"
                    : "bearer";
        } else {
            call.authKind = "none";
            return;
        }
        if (!secret.equals(lastSecret)) { // a keep-alive client sends the same key each time
            lastSecret = secret;
            lastFingerprint = fingerprint(secret);
        }
        call.keyFingerprint = lastFingerprint;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The first 6 bytes of SHA-256 in hex: tells keys apart, reveals nothing of them. */
    static String fingerprint(String secret) {
        byte[] d = SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 6);
    }

    private boolean upstreamFault(OutputStream out, PendingCall call, long t0, int status, String fault,
            String errorType, String message) {
        call.status = status;
        call.fault = fault;
        call.ttfbMs = (System.nanoTime() - t0) / 1e6;
        ending(call, t0);
        try {
            writeError(out, status, errorType, message, true);
        } catch (IOException ignored) {
            // The client left too.
        }
        finish(call, t0);
        return false;
    }

    /** Answers a request the proxy refuses itself; the connection is closed afterwards. */
    private boolean reject(OutputStream out, int status, String type, String message) {
        sink.rejected();
        try {
            writeError(out, status, type, message, true);
        } catch (IOException ignored) {
            // The client left.
        }
        return false;
    }

    static void writeError(OutputStream out, int status, String type, String message, boolean close)
            throws IOException {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":"
                + ResponseTap.MAPPER.writeValueAsString("Headroom proxy: " + message) + "}}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "content-type: application/json\r\n"
                + "content-length: " + b.length + "\r\n"
                + "x-headroom-proxy: error\r\n"
                + (close ? "connection: close\r\n" : "") + "\r\n";
        out.write(HttpHead.bytes(head));
        out.write(b);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
