package io.headroom.proxy;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.ProxyCall;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.store.Database;
import io.headroom.store.EventBatch;
import io.headroom.store.ProxyCallStore;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;

/**
 * The recording proxy: set {@code ANTHROPIC_BASE_URL=http://127.0.0.1:8787} and every call is
 * forwarded to the upstream unchanged and recorded off the request path. One thread per client
 * connection from a bounded pool; keep-alive on both sides.
 */
public final class RecordingProxy implements AutoCloseable {

    /** A snapshot for the command line and the dashboard. */
    public record Status(boolean running, String listen, URI upstream, long calls, long stored, int queued,
            boolean journalPending, long journaled, long lost, long rejected, String storeProblem) {
    }

    private final ProxyConfig config;
    private final ServerSocket server;
    private final ThreadPoolExecutor workers;
    private final UpstreamPool pool;
    private final Recorder recorder;
    private final Thread acceptor;
    private final AtomicLong rejected = new AtomicLong();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<Socket, ProxyConnection> connections = new java.util.concurrent.ConcurrentHashMap<>();
    /** Real clients send a head in one write; a connection silent or mid-head this long is a candidate. */
    private static final long STALL_EVICT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** A head that started arriving and did not finish within this is trickled, not sent. */
    private static final long MID_HEAD_EVICT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private volatile boolean running = true;

    private RecordingProxy(ProxyConfig config, Recorder.Store store, SSLSocketFactory tls) throws IOException {
        this.config = config;
        this.pool = new UpstreamPool(config, tls);
        this.recorder = new Recorder(config.queueCapacity(), store, new Journal(config.journal()));
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(config.bindAddress(), config.port()), 256);
        } catch (IOException e) {
            recorder.close();
            server.close();
            throw new IOException("Cannot listen on " + config.bindAddress().getHostAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        this.workers = BackgroundWork.elastic("headroom-proxy", config.maxConnections(), java.time.Duration.ofSeconds(60));
        this.acceptor = BackgroundWork.start("headroom-proxy-accept", this::accept);
    }

    /** Starts a proxy that writes to {@code store} (tests and other sinks). */
    static RecordingProxy start(ProxyConfig config, Recorder.Store store) throws IOException {
        return start(config, store, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With the TLS factory to reach an https upstream (the JDK's default trust store otherwise). */
    static RecordingProxy start(ProxyConfig config, Recorder.Store store, SSLSocketFactory tls) throws IOException {
        return new RecordingProxy(config, store, tls);
    }

    /** Starts a proxy that records into the Headroom database. */
    public static RecordingProxy start(ProxyConfig config, Database database, PriceTable prices) throws IOException {
        ProxyCallStore calls = new ProxyCallStore(database);
        return start(config, batch -> write(calls, prices, batch));
    }

    static void write(ProxyCallStore store, PriceTable prices, List<ProxyCall> batch) {
        List<UsageEvent> usage = new ArrayList<>();
        List<ErrorEvent> errors = new ArrayList<>();
        List<UtilizationSample> samples = new ArrayList<>();
        for (ProxyCall c : batch) {
            ProxyEvents.usage(c, prices).ifPresent(usage::add);
            ProxyEvents.error(c).ifPresent(errors::add);
            samples.addAll(ProxyEvents.samples(c));
        }
        store.writeNow(batch, new EventBatch(usage, errors, List.of(), List.of(), null), samples);
    }

    private void accept() {
        ProxyConnection.Sink sink = new ProxyConnection.Sink() {
            @Override
            public void ending(PendingCall call) {
                recorder.writeAhead(call);
            }

            @Override
            public void completed(PendingCall call) {
                recorder.submit(call);
            }

            @Override
            public void rejected() {
                rejected.incrementAndGet();
            }
        };
        while (running) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                continue;
            }
            ProxyConnection connection = new ProxyConnection(s, config, pool, sink);
            open.add(s);
            connections.put(s, connection);
            Runnable serve = () -> {
                try {
                    connection.run();
                } finally {
                    open.remove(s);
                    connections.remove(s);
                }
            };
            try {
                executeOrEvict(serve);
            } catch (RejectedExecutionException e) {
                open.remove(s);
                connections.remove(s);
                rejected.incrementAndGet();
                try (s) {
                    ProxyConnection.writeError(s.getOutputStream(), 503, "overloaded_error",
                            "Too many connections (" + config.maxConnections() + "); try again.", true);
                } catch (IOException ignored) {
                    // The client left.
                }
            }
        }
    }

    /**
     * Runs a new connection; when every slot is taken, first closes the connection that has held
     * one longest without sending a whole head (see {@link ProxyConnection#stalledSince}): one
     * trickling a head for over 20 ms, or silent since it connected a quarter of a second ago. Then
     * it waits briefly for the freed slot.
     */
    private void executeOrEvict(Runnable serve) {
        try {
            workers.execute(serve);
            return;
        } catch (RejectedExecutionException full) {
            long now = System.nanoTime();
            ProxyConnection oldest = null;
            long oldestSince = 0;
            ProxyConnection anyOldest = null;
            long anySince = 0;
            for (ProxyConnection c : connections.values()) {
                long since = c.stalledSince();
                if (since == 0) {
                    continue; // relaying, or between requests of a client that sends whole heads
                }
                long allowed = c.midHead() ? MID_HEAD_EVICT_NANOS : STALL_EVICT_NANOS;
                if (now - since > allowed && (oldest == null || since - oldestSince < 0)) {
                    oldest = c;
                    oldestSince = since;
                }
                if (anyOldest == null || since - anySince < 0) {
                    anyOldest = c;
                    anySince = since;
                }
            }
            // Slow clients that reconnect at once keep every stalled connection young; the oldest of
            // them still goes (a new well-behaved connection is the youngest, so never the one).
            ProxyConnection victim = oldest != null ? oldest : anyOldest;
            if (victim == null) {
                throw full;
            }
            closeQuietly(victim.socket());
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (true) {
            try {
                workers.execute(serve);
                return;
            } catch (RejectedExecutionException stillFull) {
                if (System.nanoTime() - end > 0) {
                    throw stillFull;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(500_000); // the closed connection's thread is ending
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The base URL clients should use (ANTHROPIC_BASE_URL). */
    public String baseUrl() {
        return "http://" + config.bindAddress().getHostAddress() + ":" + port();
    }

    public ProxyConfig config() {
        return config;
    }

    /** Called on the recorder thread for every finished call, typically within milliseconds. */
    public void addListener(Consumer<ProxyCall> listener) {
        recorder.addListener(listener);
    }

    public void removeListener(Consumer<ProxyCall> listener) {
        recorder.removeListener(listener);
    }

    public Status status() {
        return new Status(running, baseUrl(), config.upstream(), recorder.received(), recorder.stored(),
                recorder.queued(), recorder.journalPending(), recorder.journaled(), recorder.lost(), rejected.get(),
                recorder.storeProblem());
    }

    /** Stops accepting, lets running calls finish (up to 5 s), then writes what is queued. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        workers.shutdown();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!workers.awaitTermination(100, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                closeIdle();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(RecordingProxy::closeQuietly);
        workers.shutdownNow();
        pool.close();
        recorder.close();
    }

    /** Keep-alive connections waiting for their next request are closed; busy ones finish. */
    private void closeIdle() {
        // A connection between requests is blocked reading a head; shutting its input ends that read
        // at once, while a connection relaying a response is writing and unaffected until done.
        for (Socket s : open) {
            try {
                if (s.getInputStream().available() == 0) {
                    s.shutdownInput();
                }
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        stop();
    }
}
