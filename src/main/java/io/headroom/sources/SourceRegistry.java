package io.headroom.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.headroom.store.SourceMemory;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every data source, in the order they are read and shown. The refresh engine, {@code headroom
 * import}, every read command (through its import-first step), {@code headroom sources} and the
 * Settings view all go through here, so a source added to the list is read and shown everywhere.
 * Statuses are kept in the store, so another process's last read and problem show too and a
 * source with an interval is asked at most once per interval machine-wide.
 */
public final class SourceRegistry {

    private static final Logger LOG = Logger.getLogger(SourceRegistry.class.getName());

    /** A source and how it stands. {@code nextReadAt} is null when it may be read at any time. */
    public record Entry(Source source, SourceStatus status, Instant nextReadAt) {
    }

    private final List<Source> sources;
    private final Supplier<SourceMemory> memory;
    /** The last status per source in this process, so sources read on every refresh cost no store read. */
    private final Map<String, SourceStatus> known = new ConcurrentHashMap<>();

    public SourceRegistry(List<Source> sources, Supplier<SourceMemory> memory) {
        this.sources = List.copyOf(sources);
        this.memory = memory;
    }

    public List<Source> sources() {
        return sources;
    }

    /** The registered source of this class (the refresh engine wants the transcript import's full report). */
    public <T extends Source> T get(Class<T> type) {
        for (Source s : sources) {
            if (type.isInstance(s)) {
                return type.cast(s);
            }
        }
        throw new IllegalArgumentException("no source of type " + type.getSimpleName());
    }

    /** Reads every source whose interval allows it; one source's failure never stops the others. */
    public List<Entry> readAll(ReadRequest request) {
        return readAll(request, s -> true);
    }

    /** As {@link #readAll(ReadRequest)}, but only the sources {@code which} accepts; the others are listed as they stand. */
    public synchronized List<Entry> readAll(ReadRequest request, java.util.function.Predicate<Source> which) {
        List<Entry> out = new ArrayList<>();
        for (Source s : sources) {
            if (!which.test(s)) {
                SourceStatus standing = previous(s);
                out.add(new Entry(s, safeCurrent(s, standing), nextReadAt(s, standing)));
                continue;
            }
            SourceStatus previous = previous(s);
            Instant next = nextReadAt(s, previous);
            SourceStatus status;
            if (next != null && request.now().isBefore(next) || !claimed(s, request.now())) {
                status = safeCurrent(s, previous(s));
            } else {
                status = readOne(s, request, previous);
                remember(s, previous, status);
                next = nextReadAt(s, status);
            }
            out.add(new Entry(s, status, next));
        }
        return out;
    }

    /** Every source as it stands, without reading any. */
    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (Source s : sources) {
            SourceStatus previous = stored(s).orElse(known.getOrDefault(s.id(), SourceStatus.UNREAD));
            out.add(new Entry(s, safeCurrent(s, previous), nextReadAt(s, previous)));
        }
        return out;
    }

    /** Sources with an interval are asked by one process per interval: the store hands out the turn. */
    private boolean claimed(Source s, Instant now) {
        if (s.minInterval().isZero()) {
            return true;
        }
        try {
            return memory.get().claim(s.id(), now, s.minInterval());
        } catch (RuntimeException e) {
            // Without the store no turn can be shared; asking anyway could overrun the budget, so wait.
            LOG.log(Level.FINE, "cannot claim a turn for " + s.id(), e);
            return false;
        }
    }

    private static SourceStatus readOne(Source s, ReadRequest request, SourceStatus previous) {
        try {
            return Objects.requireNonNull(s.read(request, previous), "no status");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the source " + s.id() + " failed", e);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return previous.failed(SourceState.ERROR, "Reading failed: " + why, request.now(), previous.marker());
        }
    }

    private static SourceStatus safeCurrent(Source s, SourceStatus previous) {
        try {
            return s.current(previous);
        } catch (RuntimeException e) {
            return previous.withState(SourceState.ERROR, e.getMessage());
        }
    }

    private static Instant nextReadAt(Source s, SourceStatus status) {
        Instant byInterval = s.minInterval().isZero() || status.askedAt() == null ? null
                : status.askedAt().plus(s.minInterval());
        Instant byServer = status.notBefore();
        if (byInterval == null) {
            return byServer;
        }
        return byServer == null || byServer.isBefore(byInterval) ? byInterval : byServer;
    }

    /**
     * Sources with an interval read the store every time (another process may have asked
     * meanwhile); the others trust this process's copy once they have one.
     */
    private SourceStatus previous(Source s) {
        SourceStatus mine = known.get(s.id());
        if (mine != null && s.minInterval().isZero()) {
            return mine;
        }
        return stored(s).orElse(mine == null ? SourceStatus.UNREAD : mine);
    }

    private void remember(Source s, SourceStatus previous, SourceStatus status) {
        known.put(s.id(), status);
        if (status.equals(previous)) {
            return;
        }
        try {
            memory.get().put(s.id(), Json.mapper().writeValueAsString(toJson(status)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot keep the status of " + s.id(), e);
        }
    }

    private java.util.Optional<SourceStatus> stored(Source s) {
        try {
            String text = memory.get().get(s.id());
            return text == null ? java.util.Optional.empty() : java.util.Optional.of(fromJson(Json.mapper().readTree(text)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot read the status of " + s.id(), e);
            return java.util.Optional.empty();
        }
    }

    static ObjectNode toJson(SourceStatus s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("state", s.state().code());
        n.put("lastRead", s.lastRead());
        n.put("lastReadAt", s.lastReadAt() == null ? null : s.lastReadAt().toString());
        n.put("askedAt", s.askedAt() == null ? null : s.askedAt().toString());
        n.put("notBefore", s.notBefore() == null ? null : s.notBefore().toString());
        n.put("problem", s.problem());
        n.put("marker", s.marker());
        return n;
    }

    static SourceStatus fromJson(JsonNode n) {
        return new SourceStatus(SourceState.fromCode(n.path("state").asText()), text(n, "lastRead"),
                instant(n, "lastReadAt"), instant(n, "askedAt"), instant(n, "notBefore"), text(n, "problem"),
                text(n, "marker"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }
}
