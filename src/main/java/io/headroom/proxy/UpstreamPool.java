package io.headroom.proxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Keep-alive connections to the one upstream. Idle connections older than {@link #MAX_IDLE_NANOS}
 * are dropped rather than reused, because servers close idle keep-alive connections on their own.
 */
final class UpstreamPool implements AutoCloseable {

    static final long MAX_IDLE_NANOS = 4_000_000_000L;
    private static final int MAX_IDLE = 64;

    static final class Conn {
        final Socket socket;
        final SocketInput in;
        final BufferedOutputStream out;
        final boolean reused;
        long idleSince;

        Conn(Socket socket, boolean reused) throws IOException {
            this.socket = socket;
            this.in = new SocketInput(socket.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            this.reused = reused;
        }

        private Conn(Conn c) {
            this.socket = c.socket;
            this.in = c.in;
            this.out = c.out;
            this.reused = true;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }

    private final ProxyConfig config;
    private final Deque<Conn> idle = new ArrayDeque<>();
    private boolean closed;

    private final SSLSocketFactory tls;

    UpstreamPool(ProxyConfig config, SSLSocketFactory tls) {
        this.config = config;
        this.tls = tls;
    }

    /** A pooled connection if a fresh one is idle, else a new one. */
    Conn acquire() throws IOException {
        long now = System.nanoTime();
        synchronized (this) {
            while (!idle.isEmpty()) {
                Conn c = idle.pollLast();
                if (now - c.idleSince < MAX_IDLE_NANOS && !c.socket.isClosed()) {
                    return new Conn(c);
                }
                c.close();
            }
        }
        return open();
    }

    Conn open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(config.upstream().getHost(), config.upstreamPort()),
                    (int) config.connectTimeout().toMillis());
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis()));
            if (config.tls()) {
                SSLSocket secure = (SSLSocket) tls.createSocket(s, config.upstream().getHost(), config.upstreamPort(),
                        true);
                SSLParameters p = secure.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the upstream host
                p.setServerNames(java.util.List.of(new SNIHostName(config.upstream().getHost())));
                secure.setSSLParameters(p);
                secure.startHandshake();
                return new Conn(secure, false);
            }
            return new Conn(s, false);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Returns a connection whose last response was read to its end. */
    void release(Conn c) {
        c.idleSince = System.nanoTime();
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addLast(c);
                return;
            }
        }
        c.close();
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(Conn::close);
        idle.clear();
    }
}
