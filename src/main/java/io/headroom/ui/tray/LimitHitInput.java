package io.headroom.ui.tray;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.manual.HumanTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * The "Mark limit hit" dialog's one field: when the limit resets, typed the way people type times
 * (see {@link HumanTime}). Empty means the 5-hour default, now + 5 h. A reset within 5 hours
 * (and 2 minutes of slack) is the 5-hour window's, a later one the weekly's, as {@code log limit-hit} decides.
 */
public final class LimitHitInput {

    /** The default shown in the field. */
    public static final String DEFAULT = "in 5h";

    /** A valid entry ({@code error} null) or the message to show next to the field. */
    public record Result(Instant hitAt, Instant resetAt, LimitWindow window, String error) {
    }

    private LimitHitInput() {
    }

    public static Result parse(String text, ZonedDateTime now) {
        String t = text == null || text.isBlank() ? DEFAULT : text;
        Instant reset;
        try {
            reset = HumanTime.parse(t, now, HumanTime.Direction.FUTURE);
        } catch (IllegalArgumentException e) {
            return new Result(null, null, null, "Cannot read that time; see the examples above.");
        }
        Instant hit = now.toInstant();
        if (!reset.isAfter(hit)) {
            return new Result(null, null, null, "The reset must be after now.");
        }
        if (Duration.between(hit, reset).compareTo(Duration.ofDays(7).plusHours(1)) > 0) {
            return new Result(null, null, null, "Limits reset within a week: check the date.");
        }
        return new Result(hit, reset, LimitWindow.ofLoggedHit(hit, reset), null);
    }
}
