package io.headroom.service;

import io.headroom.telemetry.OtlpReceiver;
import io.headroom.telemetry.TelemetryRecorder;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The OTLP receiver for Claude Code's telemetry as the window and {@code headroom serve} run it:
 * start, stop, status, and listeners told of each export that stored something (the window
 * refreshes on them instead of waiting for its timer). Listeners stay registered across restarts.
 */
public final class TelemetryService implements AutoCloseable {

    /** What to paste into the shell (or Claude Code's settings env) so Claude Code sends its telemetry here. */
    public static List<String> environmentLines(String endpoint) {
        return List.of("CLAUDE_CODE_ENABLE_TELEMETRY=1", "OTEL_LOGS_EXPORTER=otlp", "OTEL_METRICS_EXPORTER=otlp",
                "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "OTEL_EXPORTER_OTLP_ENDPOINT=" + endpoint);
    }

    /** The lines to paste into Claude Code's shell for a receiver on this machine's {@code port}, one export each. */
    public static String pasteLines(int port) {
        return String.join("\n", environmentLines("http://127.0.0.1:" + port).stream().map(l -> "export " + l).toList());
    }

    private final Workspace workspace;
    private final List<Consumer<TelemetryRecorder.Stored>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> problemListeners = new CopyOnWriteArrayList<>();
    private volatile OtlpReceiver receiver;

    TelemetryService(Workspace workspace) {
        this.workspace = workspace;
    }

    public synchronized OtlpReceiver start(InetAddress bind, int port) throws IOException {
        if (receiver != null) {
            throw new IllegalStateException("Telemetry is already received at " + receiver.endpoint() + ".");
        }
        TelemetryRecorder recorder = new TelemetryRecorder(workspace.database(), workspace.prices().table(),
                () -> workspace.settings().zone());
        OtlpReceiver r = OtlpReceiver.start(bind, port, recorder);
        r.addListener(stored -> listeners.forEach(l -> l.accept(stored)));
        r.addProblemListener(problem -> problemListeners.forEach(l -> l.accept(problem)));
        receiver = r;
        return r;
    }

    /** On loopback, where Claude Code on this machine sends it. */
    public OtlpReceiver start(int port) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port);
    }

    public boolean running() {
        return receiver != null;
    }

    /** Null while stopped. */
    public OtlpReceiver.Status status() {
        OtlpReceiver r = receiver;
        return r == null ? null : r.status();
    }

    public void addListener(Consumer<TelemetryRecorder.Stored> listener) {
        listeners.add(listener);
    }

    /** Told each problem in a sentence: a refused export, a store that could not take one. */
    public void addProblemListener(Consumer<String> listener) {
        problemListeners.add(listener);
    }

    public void removeListener(Consumer<TelemetryRecorder.Stored> listener) {
        listeners.remove(listener);
    }

    public synchronized void stop() {
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
