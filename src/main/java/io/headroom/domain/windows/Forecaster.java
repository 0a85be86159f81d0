package io.headroom.domain.windows;

import java.time.Duration;
import java.time.Instant;

/**
 * Burn rate, pace and the instant the limit is reached. The rate is API-equivalent cost (and
 * tokens excluding cache reads) over a recent sliding span, so cache reads never blow the
 * projection up. No forecast once the limit is hit, and "not enough data" rather than a wild
 * number when the span is too short or no limit is known.
 */
public final class Forecaster {

    /** Below this much observed time a rate is noise. */
    static final Duration MIN_SPAN = Duration.ofMinutes(10);

    private Forecaster() {
    }

    /**
     * @param activities the activities (only the recent span's are read)
     * @param used the window's usage so far
     * @param usedPercent the used percentage (official or computed), null if unknown
     * @param recentSpan how far back the burn rate looks (1 hour for 5-hour windows, 1 day for weekly)
     */
    public static Forecast forecast(Instant now, Window window, ActivityIndex activities, Measures used,
            Double usedPercent, LimitEstimate limit, boolean limitHit, Duration recentSpan) {
        Instant spanStart = window.start().isAfter(now.minus(recentSpan)) ? window.start() : now.minus(recentSpan);
        Duration span = Duration.between(spanStart, now);
        Double pace = null;
        if (usedPercent != null && window.end() != null) {
            double elapsed = 100.0 * Duration.between(window.start(), now).toMillis()
                    / Duration.between(window.start(), window.end()).toMillis();
            pace = usedPercent - elapsed;
        }
        if (limitHit || (usedPercent != null && usedPercent >= 100)) {
            return new Forecast(Forecast.State.LIMIT_REACHED, null, null, pace, null, null, null,
                    "limit reached; usage resumes at the reset");
        }
        if (span.compareTo(MIN_SPAN) < 0) {
            return new Forecast(Forecast.State.NOT_ENOUGH_DATA, null, null, pace, null, null, null,
                    "the window began " + span.toMinutes() + " min ago; a rate needs " + MIN_SPAN.toMinutes());
        }
        Measures recent = activities.measures(spanStart, now.plusMillis(1));
        double hours = span.toMillis() / 3_600_000.0;
        double costPerHour = recent.costUsd() / hours;
        double tokensPerMinute = recent.tokens() / (hours * 60);
        if (limit == null || usedPercent == null) {
            return new Forecast(Forecast.State.NOT_ENOUGH_DATA, costPerHour, tokensPerMinute, pace, null, null, null,
                    "no limit known for this window yet");
        }
        double windowHours = Duration.between(window.start(), now).toMillis() / 3_600_000.0;
        double averagePerHour = windowHours > 0 ? used.costUsd() / windowHours : costPerHour;
        double remaining = 100 - usedPercent;
        double err = Math.min(0.5, limit.relativeError());
        Instant at = reach(now, remaining, costPerHour / limit.value() * 100);
        Instant earliest = reach(now, remaining, Math.max(costPerHour, averagePerHour) / (limit.value() * (1 - err)) * 100);
        Instant latest = reach(now, remaining, Math.min(costPerHour, averagePerHour) / (limit.value() * (1 + err)) * 100);
        Instant end = window.end();
        if (end != null) {
            earliest = earliest != null && earliest.isBefore(end) ? earliest : null;
            latest = latest != null && latest.isBefore(end) ? latest : null;
        }
        if (at == null || (end != null && !at.isBefore(end))) {
            return new Forecast(Forecast.State.WITHIN_LIMIT, costPerHour, tokensPerMinute, pace, null, earliest, null,
                    earliest == null ? "the limit is not reached before the reset at this rate"
                            : "within the limit at this rate, but a faster pace could reach it");
        }
        return new Forecast(Forecast.State.WILL_HIT, costPerHour, tokensPerMinute, pace, at, earliest,
                latest, "the limit is reached before the reset at this rate");
    }

    private static Instant reach(Instant now, double remainingPercent, double percentPerHour) {
        if (!(percentPerHour > 0) || !Double.isFinite(percentPerHour)) {
            return null;
        }
        double h = remainingPercent / percentPerHour;
        return h > 24 * 365 ? null : now.plusMillis((long) (h * 3_600_000));
    }
}
