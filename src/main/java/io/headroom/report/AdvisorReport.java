package io.headroom.report;

import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.usage.PeriodUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** What an advisor report shows: the advice, the daily usage behind it, and when and how it was made. */
public record AdvisorReport(AdvisorResult result, List<PeriodUsage> daily, ZoneId zone, Instant generatedAt,
        LocalDate pricesAsOf) {

    public enum Format {
        HTML, CSV, JSON;

        public static Format of(String text) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("the report format is html, csv or json, not \"" + text + "\"");
        }
    }
}
