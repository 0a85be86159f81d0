package io.headroom.domain.windows;

import java.time.Instant;

/**
 * Where the current window is heading.
 *
 * @param costPerHour API-equivalent USD per hour over the recent span (null without data)
 * @param tokensPerMinute tokens excluding cache reads per minute over the same span
 * @param pace used percent minus elapsed percent of the window (positive: ahead of an even pace)
 * @param limitAt when the limit is reached at the recent rate, if before the reset
 * @param earliest the soonest plausible limit instant (faster rate, smaller limit)
 * @param latest the latest plausible limit instant before the reset, or null if it may not be hit
 */
public record Forecast(State state, Double costPerHour, Double tokensPerMinute, Double pace, Instant limitAt,
        Instant earliest, Instant latest, String note) {

    public enum State {
        /** At the recent rate, the limit is not reached before the reset. */
        WITHIN_LIMIT,
        /** At the recent rate, the limit is reached before the reset (see limitAt). */
        WILL_HIT,
        /** The limit has been reached in this window. */
        LIMIT_REACHED,
        /** Too little data for an honest figure. */
        NOT_ENOUGH_DATA
    }
}
