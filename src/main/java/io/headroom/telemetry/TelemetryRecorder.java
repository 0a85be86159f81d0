package io.headroom.telemetry;

import io.headroom.domain.pricing.PriceTable;
import io.headroom.domain.telemetry.TelemetryEvents;
import io.headroom.store.Database;
import io.headroom.store.EventBatch;
import io.headroom.store.TelemetryStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Stores what one export brought: api_request and api_error events, and the token metric's points. */
public final class TelemetryRecorder {

    /** What one export added, and per record refused, why. */
    public record Stored(int usage, int errors, int tokenPoints, List<String> rejected) {
    }

    private final TelemetryStore store;
    private final PriceTable prices;
    private final Supplier<ZoneId> zone;

    public TelemetryRecorder(Database database, PriceTable prices, Supplier<ZoneId> zone) {
        this.store = new TelemetryStore(database);
        this.prices = prices;
        this.zone = zone;
    }

    /** @throws io.headroom.store.StoreException when the store refuses (locked, full): nothing was kept */
    public Stored logs(OtlpDecoding.Logs logs) {
        TelemetryEvents.Reading reading = TelemetryEvents.read(logs.records(), prices, zone.get());
        if (!reading.usage().isEmpty() || !reading.errors().isEmpty()) {
            store.writeNow(new EventBatch(reading.usage(), reading.errors(), List.of(), List.of(), null), reading.calls(),
                    List.of());
        }
        List<String> rejected = new ArrayList<>(logs.unreadable());
        rejected.addAll(reading.rejected());
        return new Stored(reading.usage().size(), reading.errors().size(), 0, rejected);
    }

    public Stored metrics(OtlpDecoding.Metrics metrics) {
        if (!metrics.tokenPoints().isEmpty()) {
            store.writeNow(EventBatch.ofUsage(List.of()), List.of(), metrics.tokenPoints());
        }
        return new Stored(0, 0, metrics.tokenPoints().size(), metrics.unreadable());
    }

    public TelemetryStore store() {
        return store;
    }
}
