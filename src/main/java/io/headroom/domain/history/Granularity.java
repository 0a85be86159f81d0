package io.headroom.domain.history;

/**
 * How finely a chart of a range is cut so that no series has more than about a hundred and
 * twenty points: days up to four months, weeks up to two years, months beyond.
 */
public enum Granularity {
    DAY, WEEK, MONTH;

    static final long MAX_DAILY = 120;
    static final long MAX_WEEKLY = 730;

    public static Granularity forDays(long days) {
        return days <= MAX_DAILY ? DAY : days <= MAX_WEEKLY ? WEEK : MONTH;
    }
}
