package io.headroom.sources.manual;

import io.headroom.domain.UsageSource;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import java.util.List;

/** What the user logs by hand ({@code headroom log}, the window's Log button): written when entered, always on. */
public final class ManualSource implements Source {

    public static final String ID = UsageSource.MANUAL.code();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Logged by hand";
    }

    @Override
    public String description() {
        return "Messages, limit hits and percentages you log yourself, for use Headroom cannot see (claude.ai).";
    }

    @Override
    public List<String> lookedAt() {
        return List.of();
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        return current(previous);
    }

    @Override
    public SourceStatus current(SourceStatus previous) {
        return previous.withState(SourceState.ON, null);
    }
}
