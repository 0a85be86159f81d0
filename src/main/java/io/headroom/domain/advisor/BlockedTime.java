package io.headroom.domain.advisor;

import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.windows.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Time the user wanted to work but could not: from each limit hit to its reset, counted only
 * when they were active again within an hour of the reset (they were waiting for it), and only
 * the part inside their usual working hours (a limit hit at 23:00 that resets at 04:00 cost no
 * one sleep).
 */
public final class BlockedTime {

    public static final Duration RESUME_WITHIN = Duration.ofMinutes(60);
    /** A reset announced this far past a 5-hour window's length still names the 5-hour limit (clock skew). */
    static final Duration SLACK = Duration.ofMinutes(2);

    private BlockedTime() {
    }

    /** Hits and official 100% samples with a reset in the future, merged where they overlap, oldest first. */
    public static List<BlockedInterval> find(List<ErrorEvent> hits, List<UtilizationSample> samples, List<Activity> activities,
            WorkingHours hours, Instant from, Instant to) {
        List<BlockedInterval> raw = new ArrayList<>();
        for (ErrorEvent e : hits) {
            if (e.resetAt() != null && e.resetAt().isAfter(e.timestamp()) && inside(e.timestamp(), from, to)) {
                raw.add(new BlockedInterval(e.timestamp(), e.resetAt(), !fiveHour(e.limitWindow(), e.timestamp(), e.resetAt()),
                        e.source() == UsageSource.MANUAL ? "manual" : "limit event", false, 0, e.project()));
            }
        }
        for (UtilizationSample s : samples) {
            // An allowance Headroom has no window for (seven_day_cowork, an unknown key) is shown, but
            // nothing says it stops Claude use; it does not count as blocked time.
            if (s.window() == io.headroom.domain.LimitWindow.WEEKLY_SCOPED || s.window() == io.headroom.domain.LimitWindow.OTHER) {
                continue;
            }
            if (s.usedPercent() >= 100 && s.resetsAt() != null && s.resetsAt().isAfter(s.observedAt())
                    && inside(s.observedAt(), from, to)) {
                raw.add(new BlockedInterval(s.observedAt(), s.resetsAt(),
                        !fiveHour(s.window(), s.observedAt(), s.resetsAt()),
                        s.source() == UsageSource.MANUAL ? "manual" : "official 100%", false, 0, null));
            }
        }
        raw.sort(Comparator.comparing(BlockedInterval::hitAt));
        List<BlockedInterval> merged = new ArrayList<>();
        for (BlockedInterval b : raw) {
            BlockedInterval same = null;
            for (int i = merged.size() - 1; i >= 0; i--) {
                BlockedInterval m = merged.get(i);
                if (m.weekly() == b.weekly() && !b.hitAt().isAfter(m.resetAt())) {
                    same = m;
                    merged.set(i, new BlockedInterval(m.hitAt(), max(m.resetAt(), b.resetAt()), m.weekly(),
                            m.source(), false, 0, m.project() != null ? m.project() : b.project()));
                    break;
                }
            }
            if (same == null) {
                merged.add(b);
            }
        }
        List<BlockedInterval> out = new ArrayList<>();
        for (BlockedInterval b : merged) {
            boolean resumed = activities.stream().anyMatch(a -> !a.at().isBefore(b.resetAt())
                    && a.at().isBefore(b.resetAt().plus(RESUME_WITHIN)) && (a.tokens() + a.cacheReadTokens() > 0 || a.prompts() > 0));
            out.add(new BlockedInterval(b.hitAt(), b.resetAt(), b.weekly(), b.source(), resumed,
                    resumed ? hours.hoursWithin(b.hitAt(), b.resetAt()) : 0, b.project()));
        }
        return out;
    }

    static boolean fiveHour(LimitWindow w, Instant at, Instant reset) {
        if (w == LimitWindow.FIVE_HOUR) {
            return true;
        }
        return w == LimitWindow.UNSPECIFIED && !reset.isAfter(at.plus(Duration.ofHours(5)).plus(SLACK));
    }

    private static boolean inside(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
