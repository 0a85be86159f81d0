package io.headroom.domain.official;

import io.headroom.domain.LimitWindow;
import java.time.Instant;

/**
 * One figure from a usage answer: how full one allowance is and when it resets.
 *
 * @param key         where it came from: the answer's key ({@code five_hour}, {@code seven_day_cowork})
 *                    or {@code limits[].kind} ({@code session}, {@code weekly_scoped})
 * @param window      the window it fills; {@link LimitWindow#WEEKLY_SCOPED} / {@link LimitWindow#OTHER}
 *                    for allowances Headroom has no window for
 * @param scope       what a scoped allowance covers ("Opus 4.8", "cowork"), null for the plan-wide ones
 * @param usedPercent 0-100, may exceed 100
 * @param resetsAt    null when the answer gave none (it does so while nothing is used)
 * @param severity    {@code normal} / {@code warning} where {@code limits[]} says, else null
 * @param active      {@code limits[].is_active}, null when not given
 * @param group       {@code limits[].group}, null when not given
 */
public record UsageReading(String key, LimitWindow window, String scope, double usedPercent, Instant resetsAt,
        String severity, Boolean active, String group, Origin origin) {

    /** Whether the figure came from the {@code limits[]} array or from a top-level key. */
    public enum Origin {
        LIMITS, KEY
    }
}
