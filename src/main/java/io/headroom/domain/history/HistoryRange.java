package io.headroom.domain.history;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of local dates the History view shows; {@code since} is null for "all".
 */
public record HistoryRange(LocalDate since, LocalDate until) {

    /** The ranges offered as buttons. */
    public enum Preset {
        DAYS_7("7 days", 7), DAYS_30("30 days", 30), DAYS_90("90 days", 90), YEAR("1 year", 365), ALL("All", 0);

        private final String label;
        private final int days;

        Preset(String label, int days) {
            this.label = label;
            this.days = days;
        }

        public String label() {
            return label;
        }

        /** The last {@code days} local days up to and including today. */
        public HistoryRange endingOn(LocalDate today) {
            return new HistoryRange(days == 0 ? null : today.minusDays(days - 1L), today);
        }
    }

    public HistoryRange {
        if (until == null) {
            throw new IllegalArgumentException("a range needs its last day");
        }
        if (since != null && since.isAfter(until)) {
            throw new IllegalArgumentException("\"from\" is after \"to\"");
        }
    }

    /** Days in the range, counting from {@code firstData} when the range is open. */
    public long days(LocalDate firstData) {
        LocalDate start = since != null ? since : firstData != null ? firstData : until;
        return start.isAfter(until) ? 1 : ChronoUnit.DAYS.between(start, until) + 1;
    }
}
