package io.headroom.sources.otel;

import io.headroom.domain.UsageSource;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import io.headroom.store.TelemetryStore;
import io.headroom.telemetry.OtlpReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Claude Code's OpenTelemetry export, received while the OTLP receiver runs (in the window when
 * switched on in Settings, or in {@code headroom serve --otlp}). Events are stored as they arrive,
 * so a read only compares the token metric with the stored events and says how it stands.
 */
public final class OtelSource implements Source {

    public static final String ID = UsageSource.OTEL.code();
    /** Claude Code exports metrics every 60 s by default; a session is compared once both had time to arrive. */
    static final Duration SETTLED = Duration.ofMinutes(3);
    static final Duration COMPARED = Duration.ofDays(7);

    private final Supplier<OtlpReceiver.Status> receiver;
    private final Supplier<TelemetryStore> store;

    /** @param receiver the running receiver's status, null while it is stopped */
    public OtelSource(Supplier<OtlpReceiver.Status> receiver, Supplier<TelemetryStore> store) {
        this.receiver = receiver;
        this.store = store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Claude Code's telemetry";
    }

    @Override
    public String description() {
        return "Claude Code's OpenTelemetry export sent to Headroom (OTEL_EXPORTER_OTLP_ENDPOINT): one api_request "
                + "event per call, keyed by its request id, so a call also in a transcript or the proxy counts once.";
    }

    @Override
    public List<String> lookedAt() {
        OtlpReceiver.Status s = receiver.get();
        return s == null ? List.of() : List.of(s.listen() + "/v1/logs", s.listen() + "/v1/metrics");
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        OtlpReceiver.Status s = receiver.get();
        if (s == null) {
            return previous.withState(SourceState.OFF, null);
        }
        TelemetryStore.CrossCheck check = store.get().crossCheck(request.now().minus(COMPARED),
                request.now().minus(SETTLED));
        String received = received(s, request.zone());
        if (check.differing() > 0) {
            long gap = check.metricTokens() - check.eventTokens();
            String problem = "For " + check.differing() + " of " + check.sessions() + " recent sessions Claude Code's "
                    + "token metric counts " + String.format(java.util.Locale.ROOT, "%,d", Math.abs(gap)) + " tokens "
                    + (gap > 0 ? "more" : "fewer") + " than the calls stored"
                    + (gap > 0 ? "; are its logs exported too (OTEL_LOGS_EXPORTER=otlp)?" : ".");
            return new SourceStatus(SourceState.ERROR, received, request.now(), request.now(), null, problem, null);
        }
        String agreed = check.sessions() == 0 ? "" : "; its token metric agrees over " + check.sessions()
                + (check.sessions() == 1 ? " session" : " sessions");
        return new SourceStatus(SourceState.ON, received + agreed, request.now(), request.now(), null, s.lastProblem(),
                null);
    }

    @Override
    public SourceStatus current(SourceStatus previous) {
        OtlpReceiver.Status s = receiver.get();
        return s == null ? previous.withState(SourceState.OFF, null) : previous.withState(
                previous.state() == SourceState.ERROR ? SourceState.ERROR : SourceState.ON, previous.problem());
    }

    static String received(OtlpReceiver.Status s, java.time.ZoneId zone) {
        if (s.requests() == 0) {
            return "listening at " + s.listen() + ", nothing received yet";
        }
        return s.usageEvents() + (s.usageEvents() == 1 ? " call" : " calls") + " and " + s.errorEvents()
                + (s.errorEvents() == 1 ? " error" : " errors") + " received at " + s.listen()
                + (s.lastReceivedAt() == null ? "" : ", last at " + java.time.format.DateTimeFormatter
                        .ofPattern("HH:mm:ss z").format(s.lastReceivedAt().atZone(zone)));
    }

    /** When the receiver last heard from Claude Code, for the caller's refresh decisions. */
    public Instant lastReceivedAt() {
        OtlpReceiver.Status s = receiver.get();
        return s == null ? null : s.lastReceivedAt();
    }
}
