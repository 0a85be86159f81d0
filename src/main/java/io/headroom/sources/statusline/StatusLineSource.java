package io.headroom.sources.statusline;

import io.headroom.domain.UsageSource;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The official percentages Claude Code hands its statusLine command, which Headroom's hook spools
 * in the data folder; reading this source moves the spool into the store.
 */
public final class StatusLineSource implements Source {

    public static final String ID = UsageSource.STATUSLINE.code();

    /** Moves the spooled samples into the store; returns how many it moved. */
    public interface Drain {
        int run(Instant now) throws IOException;
    }

    private final Drain drain;
    private final BooleanSupplier installed;
    private final String where;

    public StatusLineSource(Drain drain, BooleanSupplier installed, String where) {
        this.drain = drain;
        this.installed = installed;
        this.where = where;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Claude Code statusLine";
    }

    @Override
    public String description() {
        return "The 5-hour and weekly percentages Claude Code shows its statusLine, caught by Headroom's hook.";
    }

    @Override
    public List<String> lookedAt() {
        return List.of(where);
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        int moved;
        try {
            moved = drain.run(request.now());
        } catch (IOException | RuntimeException e) {
            return previous.failed(SourceState.ERROR, "Claude Code status-line samples stay queued for the next run: "
                    + e.getMessage(), request.now(), previous.marker());
        }
        if (moved > 0) {
            return SourceStatus.read(moved + (moved == 1 ? " reading" : " readings") + " from the hook",
                    request.now(), null);
        }
        return current(previous.state() == SourceState.ERROR ? previous.withState(SourceState.ON, null) : previous);
    }

    @Override
    public SourceStatus current(SourceStatus previous) {
        if (previous.state() == SourceState.ERROR) {
            return previous;
        }
        return installed.getAsBoolean() ? previous.withState(SourceState.ON, null)
                : previous.withState(SourceState.OFF, "Headroom's statusLine hook is not installed in Claude Code.");
    }
}
