package io.headroom.ui.dashboard;

import io.headroom.domain.Countdown;
import io.headroom.domain.Figures;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.LimitEstimate;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Overview's sentences and figures, from the same engine result the {@code windows} command
 * prints. Pure (no JavaFX): every method takes "now" and the user's zone.
 */
final class OverviewText {

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private OverviewText() {
    }

    /** "840 KB", "12.3 MB": sizes of transcript files read. */
    static String megabytes(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%,d KB", (bytes + 999) / 1000);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    /** "40.0%", or an em dash when no percentage is known. */
    static String percent(Double p) {
        return p == null ? "—" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** The card's ticking countdown: "4 h 18 min 09 s", "12 min 05 s", "0 s"; with days "2 d 03 h 05 min". */
    static String countdown(Duration d) {
        return Countdown.precise(d);
    }

    /**
     * The same countdown, coarse, for sentences ("2 h 05 min", "3 d 04 h", "12 min"), with no-break
     * spaces only, so a wrapped sentence never splits it.
     */
    static String span(Duration d) {
        return Countdown.of(d).replace(" ", NB);
    }

    /** No-break space. */
    static final String NB = "\u00a0";

    /** "16:40" today, else "Sat 28 Nov 16:40", in the user's zone. */
    static String clock(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return LocalDate.ofInstant(now, zone).equals(t.toLocalDate()) ? HM.format(t) : DAY_HM.format(t);
    }

    /** The forecast as one sentence, recomputed every second for the countdown in "limit reached". */
    static String forecast(WindowStatus st, Instant now, ZoneId zone) {
        Window w = st.window();
        Forecast f = st.forecast();
        if (w == null) {
            return "No window running: the next message starts one";
        }
        Instant end = w.end();
        return switch (f.state()) {
            case LIMIT_REACHED -> st.limitReached() != null
                    ? "Limit reached · " + (end == null ? "reset time unknown" : "resets " + clock(end, now, zone))
                            + " · " + st.limitReached().evidenceLabel()
                    : end == null ? "Limit reached; reset time unknown"
                            : "Limit reached, resets in " + span(Duration.between(now, end));
            case WILL_HIT -> "Limit at " + clock(f.limitAt(), now, zone)
                    + (end == null ? "" : ", " + span(Duration.between(f.limitAt(), end)) + " before reset");
            case WITHIN_LIMIT -> {
                Double finish = finishPercent(st, now);
                yield finish == null ? "Within the limit at this rate"
                        : String.format(Locale.ROOT, "On pace to finish at %.0f%%", finish);
            }
            case NOT_ENOUGH_DATA -> "Not enough data: " + f.note();
        };
    }

    /** Where the window ends at the recent burn rate, in percent (null without a limit, reset or rate). */
    static Double finishPercent(WindowStatus st, Instant now) {
        Forecast f = st.forecast();
        LimitEstimate l = st.limit();
        if (st.usedPercent() == null || l == null || f.costPerHour() == null || st.window() == null
                || st.window().end() == null) {
            return null;
        }
        double hours = Math.max(0, Duration.between(now, st.window().end()).toMillis() / 3_600_000.0);
        return st.usedPercent() + f.costPerHour() * hours / l.value() * 100;
    }

    /** "$4.20/h · 1,234 tok/min", or null before there is a rate. */
    static String burn(Forecast f) {
        if (f.costPerHour() == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%s/h · %,.0f tok/min", Figures.usd(f.costPerHour()),
                f.tokensPerMinute() == null ? 0 : f.tokensPerMinute());
    }

    /** The limit beside the percent, or why there is none though a percent is known. */
    static String limit(WindowStatus st) {
        if (st.limit() == null && st.usedPercent() != null && st.usedPercent() > 0) {
            return "Not shown: " + percent(st.usedPercent()) + " comes from a reading or limit hit with no usage "
                    + "recorded here, so no dollar figure is that percent of anything";
        }
        return limit(st.limit());
    }

    /** "$30.00 · official utilization paired with measured usage, high confidence". */
    static String limit(LimitEstimate l) {
        if (l == null) {
            return "Unknown: no official data, limit hits or plan yet";
        }
        return Figures.usd(l.value()) + " · " + l.method().description() + ", "
                + l.confidence().name().toLowerCase(Locale.ROOT) + " confidence";
    }
}
