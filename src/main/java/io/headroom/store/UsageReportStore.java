package io.headroom.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.UsageSource;
import io.headroom.domain.official.ExtraUsage;
import io.headroom.domain.official.ExtraUsageReading;
import io.headroom.domain.official.Money;
import io.headroom.domain.official.UsageReport;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes what a usage answer said: its readings as official samples, and its extra usage as the
 * latest known (a month-to-date total, so only the newest matters; an older answer read later,
 * such as a stale cache, does not replace it). One transaction, so both or neither are stored.
 */
public final class UsageReportStore {

    private static final String EXTRA_KEY = "official.extra_usage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;

    public UsageReportStore(Database database) {
        this.database = database;
    }

    public void write(UsageReport report) {
        database.writer().execute(c -> {
            SampleStore.insert(c, report.samples());
            if (report.extraUsage() != null) {
                ExtraUsageReading known = parse(Meta.get(c, EXTRA_KEY));
                if (known == null || !known.observedAt().isAfter(report.observedAt())) {
                    Meta.put(c, EXTRA_KEY, json(new ExtraUsageReading(report.source(), report.observedAt(),
                            report.extraUsage())));
                }
            }
        });
    }

    /** The newest extra-usage figures read from any source, or null. */
    public ExtraUsageReading latestExtraUsage() {
        try (Connection c = database.openReader()) {
            return parse(Meta.get(c, EXTRA_KEY));
        } catch (SQLException e) {
            throw new StoreException("Cannot read the extra usage: " + e.getMessage(), e);
        }
    }

    private static String json(ExtraUsageReading r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("source", r.source().code());
        n.put("observedAt", r.observedAt().toEpochMilli());
        ExtraUsage e = r.extraUsage();
        if (e.enabled() != null) {
            n.put("enabled", e.enabled());
        }
        if (e.limitReached() != null) {
            n.put("limitReached", e.limitReached());
        }
        money(n, "used", e.used());
        money(n, "monthlyLimit", e.monthlyLimit());
        return n.toString();
    }

    private static void money(ObjectNode n, String field, Money m) {
        if (m != null) {
            ObjectNode o = n.putObject(field);
            o.put("amountMinor", m.amountMinor());
            o.put("exponent", m.exponent());
            o.put("currency", m.currency());
        }
    }

    private static ExtraUsageReading parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(text);
            ExtraUsage e = new ExtraUsage(bool(n.get("enabled")), money(n.get("used")), money(n.get("monthlyLimit")),
                    bool(n.get("limitReached")));
            return new ExtraUsageReading(UsageSource.fromCode(n.get("source").asText()),
                    Instant.ofEpochMilli(n.get("observedAt").asLong()), e);
        } catch (IOException | RuntimeException unreadable) {
            return null; // written by a newer version in a shape this one does not know: as if none
        }
    }

    private static Boolean bool(JsonNode n) {
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    private static Money money(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        JsonNode currency = n.get("currency");
        return new Money(n.get("amountMinor").asLong(), n.get("exponent").asInt(),
                currency == null || currency.isNull() ? null : currency.asText());
    }
}
