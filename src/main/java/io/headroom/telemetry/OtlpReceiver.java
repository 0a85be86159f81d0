package io.headroom.telemetry;

import com.google.protobuf.CodedOutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.headroom.config.Json;
import io.headroom.proxy.HostCheck;
import io.headroom.work.BackgroundWork;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver for Claude Code's telemetry ({@code OTEL_EXPORTER_OTLP_ENDPOINT} pointed
 * here): {@code POST /v1/logs} and {@code /v1/metrics}, protobuf or JSON, gzip or plain, with a
 * Content-Length or chunked. Answers as the OTLP specification asks, so the exporter knows what to
 * do: 200 with the service response (and partial success naming refused records), 400 with a
 * Status for a body that cannot be parsed, 413 for one over {@link #MAX_BODY}, 415 for another
 * media type or encoding, and 503 with Retry-After when the store cannot take it now, which the
 * exporter retries, so nothing valid is lost. Traces are acknowledged and dropped.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** Larger than any export Claude Code sends (a few KB every 5 s); the same cap applies after gunzip. */
    public static final int MAX_BODY = 8 * 1024 * 1024;
    public static final int DEFAULT_PORT = 4318;
    private static final Logger LOG = Logger.getLogger(OtlpReceiver.class.getName());
    private static final int INVALID_ARGUMENT = 3;
    private static final int UNAVAILABLE = 14;
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = Json.mapper().writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** How the receiver stands, for the source list and the serve log. */
    public record Status(String listen, long requests, long usageEvents, long errorEvents, long tokenPoints,
            long rejected, Instant lastReceivedAt, String lastProblem) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final TelemetryRecorder recorder;
    private final HostCheck hosts;
    private final List<Consumer<TelemetryRecorder.Stored>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> problemListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong usage = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Instant lastReceivedAt;
    private volatile String lastProblem;

    private OtlpReceiver(HttpServer server, ExecutorService executor, TelemetryRecorder recorder, HostCheck hosts) {
        this.server = server;
        this.executor = executor;
        this.recorder = recorder;
        this.hosts = hosts;
    }

    /**
     * Listens on {@code bind}:{@code port} (0 picks a free port). On a loopback address only Host
     * names no DNS answer can be behind are answered (a web page cannot rebind a name to it).
     */
    public static OtlpReceiver start(InetAddress bind, int port, TelemetryRecorder recorder) throws IOException {
        ExecutorService executor = BackgroundWork.elastic("headroom-otlp", 4, Duration.ofSeconds(60));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            String why = e instanceof java.net.BindException ? "the port is in use by another program; choose another"
                    : e.getMessage();
            throw new IOException("Cannot receive telemetry on " + bind.getHostAddress() + ":" + port + " (" + why + ")",
                    e);
        }
        int actual = server.getAddress().getPort();
        HostCheck hosts = bind.isLoopbackAddress() ? new HostCheck(actual, "localhost", actual) : null;
        OtlpReceiver receiver = new OtlpReceiver(server, executor, recorder, hosts);
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:4318}: what {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to. */
    public String endpoint() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Told after each export that stored something. */
    public void addListener(Consumer<TelemetryRecorder.Stored> listener) {
        listeners.add(listener);
    }

    /** Told each problem in a sentence (a refused export, a store that cannot take one); never a body's content. */
    public void addProblemListener(Consumer<String> listener) {
        problemListeners.add(listener);
    }

    public Status status() {
        return new Status(endpoint(), requests.get(), usage.get(), errors.get(), points.get(), rejected.get(),
                lastReceivedAt, lastProblem);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            boolean logs = path.equals("/v1/logs");
            boolean metrics = path.equals("/v1/metrics");
            boolean traces = path.equals("/v1/traces");
            String host = x.getRequestHeaders().getFirst("Host");
            if (hosts != null && (host == null || !hosts.accepts(host))) {
                plain(x, 403, "This receiver answers only requests addressed to 127.0.0.1 or localhost.");
                return;
            }
            if (!logs && !metrics && !traces) {
                plain(x, 404, "Headroom receives OTLP at /v1/logs and /v1/metrics.");
                return;
            }
            if (!x.getRequestMethod().equals("POST")) {
                x.getResponseHeaders().set("Allow", "POST");
                plain(x, 405, "OTLP exports are POSTed.");
                return;
            }
            OtlpFormat format = OtlpFormat.of(x.getRequestHeaders().getFirst("Content-Type"));
            if (format == null) {
                plain(x, 415, "Send application/x-protobuf or application/json (OTEL_EXPORTER_OTLP_PROTOCOL "
                        + "http/protobuf or http/json).");
                return;
            }
            String encoding = x.getRequestHeaders().getFirst("Content-Encoding");
            boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
            if (encoding != null && !gzip && !encoding.strip().equalsIgnoreCase("identity")) {
                status(x, format, 415, INVALID_ARGUMENT, "Content-Encoding " + encoding + " is not supported; "
                        + "send gzip or none.");
                return;
            }
            byte[] body;
            try {
                body = body(x, gzip);
            } catch (TooLarge e) {
                discard(x.getRequestBody());
                problem("an export larger than " + MAX_BODY / (1024 * 1024) + " MB was refused");
                status(x, format, 413, INVALID_ARGUMENT, "The export is larger than " + MAX_BODY + " bytes; "
                        + "send smaller batches.");
                return;
            } catch (java.util.zip.ZipException e) {
                problem("an export's gzip body was corrupt");
                status(x, format, 400, INVALID_ARGUMENT, "The gzip body is corrupt: " + e.getMessage());
                return;
            }
            requests.incrementAndGet();
            lastReceivedAt = Instant.now();
            if (traces) {
                respond(x, 200, format, format == OtlpFormat.JSON ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : new byte[0]);
                return;
            }
            receive(x, format, body, logs);
        } catch (IOException e) {
            LOG.log(Level.FINE, "an OTLP client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the OTLP receiver failed on a request", e);
            throw e;
        }
    }

    private void receive(HttpExchange x, OtlpFormat format, byte[] body, boolean logs) throws IOException {
        TelemetryRecorder.Stored stored;
        try {
            stored = logs ? recorder.logs(OtlpDecoding.logs(body, format, Instant.now()))
                    : recorder.metrics(OtlpDecoding.metrics(body, format));
        } catch (OtlpException e) {
            problem(e.getMessage());
            status(x, format, 400, INVALID_ARGUMENT, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // The store is locked, full or closing: nothing was kept, so the exporter must send it again.
            problem("could not store an export (" + e.getMessage() + "); Claude Code will send it again");
            x.getResponseHeaders().set("Retry-After", "5");
            status(x, format, 503, UNAVAILABLE, "Headroom cannot store this export now; retry.");
            return;
        }
        usage.addAndGet(stored.usage());
        errors.addAndGet(stored.errors());
        points.addAndGet(stored.tokenPoints());
        rejected.addAndGet(stored.rejected().size());
        if (!stored.rejected().isEmpty()) {
            problem(stored.rejected().size() + " record(s) refused, e.g. " + stored.rejected().get(0));
        }
        respond(x, 200, format, response(format, logs, stored.rejected()));
        if (stored.usage() + stored.errors() + stored.tokenPoints() > 0) {
            for (Consumer<TelemetryRecorder.Stored> l : listeners) {
                try {
                    l.accept(stored);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a telemetry listener failed", e);
                }
            }
        }
    }

    private void problem(String what) {
        lastProblem = what;
        LOG.log(Level.FINE, "telemetry: {0}", what);
        for (Consumer<String> l : problemListeners) {
            try {
                l.accept(what);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a telemetry problem listener failed", e);
            }
        }
    }

    /** The service response; partial success counts and names the refused records. */
    private static byte[] response(OtlpFormat format, boolean logs, List<String> refused) throws IOException {
        String message = refused.isEmpty() ? "" : refused.size() + " record(s) refused: "
                + String.join("; ", refused.subList(0, Math.min(3, refused.size())));
        if (format == OtlpFormat.JSON) {
            var n = Json.mapper().createObjectNode();
            if (!refused.isEmpty()) {
                var p = n.putObject("partialSuccess");
                p.put(logs ? "rejectedLogRecords" : "rejectedDataPoints", Integer.toString(refused.size()));
                p.put("errorMessage", message);
            }
            return COMPACT.writeValueAsBytes(n);
        }
        if (logs) {
            ExportLogsServiceResponse.Builder b = ExportLogsServiceResponse.newBuilder();
            if (!refused.isEmpty()) {
                b.setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(refused.size())
                        .setErrorMessage(message));
            }
            return b.build().toByteArray();
        }
        ExportMetricsServiceResponse.Builder b = ExportMetricsServiceResponse.newBuilder();
        if (!refused.isEmpty()) {
            b.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(refused.size())
                    .setErrorMessage(message));
        }
        return b.build().toByteArray();
    }

    /** An error as OTLP/HTTP wants it: a google.rpc.Status in the request's encoding. */
    private static void status(HttpExchange x, OtlpFormat format, int http, int code, String message) throws IOException {
        byte[] body;
        if (format == OtlpFormat.JSON) {
            var n = Json.mapper().createObjectNode();
            n.put("code", code);
            n.put("message", message);
            body = COMPACT.writeValueAsBytes(n);
        } else {
            // google.rpc.Status { int32 code = 1; string message = 2; }: two fields, written by hand
            // rather than pulling in the common-protos artifact for one message.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            coded.writeInt32(1, code);
            coded.writeString(2, message);
            coded.flush();
            body = out.toByteArray();
        }
        respond(x, http, format, body);
    }

    private static void plain(HttpExchange x, int http, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(http, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body); // closed here so the answer is flushed before an unread request body is drained
        }
    }

    private static void respond(HttpExchange x, int http, OtlpFormat format, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", format.contentType());
        x.sendResponseHeaders(http, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** Signals a body over the cap; the rest is not read. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large");
        }
    }

    private static byte[] body(HttpExchange x, boolean gzip) throws IOException {
        String length = x.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_BODY) {
                    throw new TooLarge();
                }
            } catch (NumberFormatException e) {
                // the server itself refuses a malformed length; read what comes
            }
        }
        byte[] raw = readCapped(x.getRequestBody());
        if (!gzip) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            return readCapped(in);
        }
    }

    /**
     * Reads what is left of a refused body (up to a bound) before answering: closing a socket with
     * unread input makes TCP reset it, and the client would lose the 413 it is owed.
     */
    private static void discard(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long left = 8L * MAX_BODY;
        try {
            int n;
            while (left > 0 && (n = in.read(buffer)) > 0) {
                left -= n;
            }
        } catch (IOException gone) {
            // the client stopped sending; the answer may still reach it
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > MAX_BODY) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

}
