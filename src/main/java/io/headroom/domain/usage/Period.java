package io.headroom.domain.usage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Function;

/** How local dates are grouped into report rows. */
public final class Period {

    private Period() {
    }

    public static Function<LocalDate, String> daily() {
        return LocalDate::toString;
    }

    /** Weeks named by their first day, as ccusage does. */
    public static Function<LocalDate, String> weekly(DayOfWeek startOfWeek) {
        return d -> d.with(TemporalAdjusters.previousOrSame(startOfWeek)).toString();
    }

    public static Function<LocalDate, String> monthly() {
        return d -> d.toString().substring(0, 7);
    }
}
