package io.headroom.ui.api;

import io.headroom.domain.ProxyCall;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.service.ApiActivity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One line of the recent-calls table, already formatted (made off the FX thread). */
public record CallRow(String id, String time, String model, String status, String input, String output, String cache,
        String duration, String cost) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE HH:mm:ss", Locale.ENGLISH);

    static CallRow of(ProxyCall c, ZoneId zone, PriceTable prices) {
        ProxyCall.Usage u = c.usage();
        String status = c.status() + (c.errorType() == null ? "" : " " + c.errorType())
                + (c.incomplete() ? " (cut)" : "");
        Double cost = prices == null ? null : ApiActivity.cost(c, prices);
        return new CallRow(c.callId(), TIME.format(Instant.ofEpochMilli(c.startedAtMs()).atZone(zone)),
                c.model() == null ? c.method() + " " + c.path() : c.model(), status,
                u == null ? "—" : ApiText.count(u.input()), u == null ? "—" : ApiText.count(u.output()),
                u == null ? "—" : ApiText.count(u.cacheWrite5m() + u.cacheWrite1h()) + " / " + ApiText.count(u.cacheRead()),
                String.format(Locale.ROOT, "%,.0f ms", c.latencyMs()), cost == null ? "—" : ApiText.usd(cost));
    }
}
