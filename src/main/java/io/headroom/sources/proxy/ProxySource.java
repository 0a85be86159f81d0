package io.headroom.sources.proxy;

import io.headroom.domain.UsageSource;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceStatus;
import io.headroom.sources.SourceState;
import java.util.List;
import java.util.function.Supplier;

/**
 * The recording proxy: it writes each call it forwards as it happens, so there is nothing to read;
 * the source reports whether it runs and where.
 *
 * @param address where it listens while running, null while stopped
 */
public final class ProxySource implements Source {

    public static final String ID = UsageSource.PROXY.code();

    private final Supplier<String> address;

    public ProxySource(Supplier<String> address) {
        this.address = address;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Recording proxy";
    }

    @Override
    public String description() {
        return "Claude Code or API clients routed through Headroom (ANTHROPIC_BASE_URL): tokens and the official "
                + "rate-limit headers of every call, recorded as they pass.";
    }

    @Override
    public List<String> lookedAt() {
        String a = address.get();
        return a == null ? List.of() : List.of(a);
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        return current(previous);
    }

    @Override
    public SourceStatus current(SourceStatus previous) {
        return address.get() == null ? previous.withState(SourceState.OFF, null) : previous.withState(SourceState.ON, null);
    }
}
