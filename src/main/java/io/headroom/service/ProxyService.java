package io.headroom.service;

import io.headroom.domain.ProxyCall;
import io.headroom.proxy.ProxyConfig;
import io.headroom.proxy.RecordingProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The recording proxy as the app and the command line run it: start, stop, status, and
 * listeners that see every call as soon as it finished (the dashboard's live view). Listeners
 * stay registered across restarts.
 */
public final class ProxyService implements AutoCloseable {

    public static final String JOURNAL_FILE = "proxy-journal.jsonl";

    private final Workspace workspace;
    private final List<Consumer<ProxyCall>> listeners = new CopyOnWriteArrayList<>();
    /** Read without the lock so the window can poll it while a start holds the lock (opening the database). */
    private volatile RecordingProxy proxy;

    ProxyService(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The default configuration: loopback:8787 to api.anthropic.com, journal beside the database. */
    public ProxyConfig defaults() {
        Path journal = workspace.databaseFile().toAbsolutePath().resolveSibling(JOURNAL_FILE);
        return ProxyConfig.defaults(journal);
    }

    public synchronized RecordingProxy start(int port, URI upstream) throws IOException {
        return start(defaults().withPort(port).withUpstream(upstream));
    }

    public synchronized RecordingProxy start(ProxyConfig config) throws IOException {
        if (proxy != null) {
            throw new IllegalStateException("The proxy is already running on " + proxy.baseUrl() + ".");
        }
        RecordingProxy p;
        try {
            p = RecordingProxy.start(config, workspace.database(), workspace.prices().table());
        } catch (IOException e) {
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new IOException("Port " + config.port() + " is already in use by another program. "
                        + "Choose another port, or stop the program that uses it.", e);
            }
            throw e;
        }
        p.addListener(call -> listeners.forEach(l -> l.accept(call)));
        proxy = p;
        return p;
    }

    public boolean running() {
        return proxy != null;
    }

    /** Null when stopped. */
    public RecordingProxy.Status status() {
        RecordingProxy p = proxy;
        return p == null ? null : p.status();
    }

    public void addListener(Consumer<ProxyCall> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ProxyCall> listener) {
        listeners.remove(listener);
    }

    /** Stops the proxy; queued records are written (or journaled) first. Returns the final status, or null. */
    public synchronized RecordingProxy.Status stop() {
        if (proxy == null) {
            return null;
        }
        proxy.stop();
        RecordingProxy.Status last = proxy.status();
        proxy = null;
        return last;
    }

    @Override
    public void close() {
        stop();
    }
}
