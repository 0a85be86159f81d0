package io.headroom.service.refresh;

import io.headroom.domain.windows.WindowEngine;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When the refresh engine must refresh although nothing was written: the figures it shows change
 * with time alone only when a window ends (the 5-hour window closes, the week resets) and when a
 * source with an interval may be asked again (the usage endpoint every few minutes). Everything
 * else (new transcript lines, proxy calls, log entries) arrives as an event. The quiet period caps
 * the wait, so a missed event or a moved clock is caught up within it.
 */
final class NextRefresh {

    /** After the instant itself, so the window engine sees the window ended and the source's turn come. */
    static final Duration SLACK = Duration.ofSeconds(1);
    /** Never sooner than this after a refresh: an instant that does not move on cannot spin the thread. */
    static final Duration AT_LEAST = Duration.ofSeconds(1);

    private NextRefresh() {
    }

    /**
     * @param shown      the windows last shown, or null (the refresh failed)
     * @param sourcesDue when each source with an interval may be asked next
     * @param quiet      the longest wait
     */
    static Duration after(Instant now, WindowEngine.Result shown, List<Instant> sourcesDue, Duration quiet) {
        List<Instant> moments = new ArrayList<>(sourcesDue);
        if (shown != null) {
            List<WindowStatus> all = new ArrayList<>(List.of(shown.fiveHour(), shown.weekly()));
            all.addAll(shown.weeklyByModel());
            for (WindowStatus st : all) {
                if (st != null && st.window() != null && st.window().end() != null) {
                    moments.add(st.window().end());
                }
            }
        }
        Duration wait = quiet;
        for (Instant at : moments) {
            if (at.isAfter(now)) {
                Duration until = Duration.between(now, at).plus(SLACK);
                if (until.compareTo(wait) < 0) {
                    wait = until;
                }
            }
        }
        return wait.compareTo(AT_LEAST) < 0 ? AT_LEAST : wait;
    }
}
