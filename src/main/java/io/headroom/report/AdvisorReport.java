package io.headroom.report;

import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.usage.PeriodUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What an advisor report shows: the advice, the daily usage behind it, and when and how it was made.
 *
 * @param hourlyValueSource where the hourly value came from, said beside it
 */
public record AdvisorReport(AdvisorResult result, List<PeriodUsage> daily, ZoneId zone, Instant generatedAt,
        LocalDate pricesAsOf, HourlyValueSource hourlyValueSource) {

    /** Where the report's hourly value came from. */
    public enum HourlyValueSource {
        SAVED("settings", "your saved hourly value"),
        GIVEN("given", "given for this report"),
        ASSUMED("assumed", "assumed: no hourly value is saved");

        private final String code;
        private final String words;

        HourlyValueSource(String code, String words) {
            this.code = code;
            this.words = words;
        }

        /** As JSON and CSV write it. */
        public String code() {
            return code;
        }

        /** As the HTML report says it. */
        public String words() {
            return words;
        }
    }

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
