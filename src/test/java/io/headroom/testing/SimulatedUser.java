package io.headroom.testing;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.UsageSource;
import io.headroom.domain.windows.Activity;
import io.headroom.domain.windows.ModelFamily;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated history: a developer works four weeks from Monday 2 November 2026 (UTC) under a
 * plan's limits and the history is what Claude Code would have logged. Each weekday they work
 * from a start hour to an end hour at a cost per minute that changes from day to day; a 5-hour
 * window opens at the hour of the first minute after the last one ended (as Claude's do) and,
 * when its cost reaches the limit, Claude Code logs a limit hit with the window's end as the reset
 * and the developer waits for it (coming back at the reset if that is before their end hour). The
 * limit in each window is the plan's limit give or take {@code noise}, because the real limit is
 * not a fixed number of API-equivalent dollars. A weekly limit, if given, resets every Thursday at
 * 10:00 and blocks the developer until then.
 */
public final class SimulatedUser {

    public static final LocalDate START = LocalDate.of(2026, 11, 2);
    public static final Instant FROM = START.atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final Instant TO = START.plusDays(28).atStartOfDay(ZoneOffset.UTC).toInstant();

    public final List<Activity> activities = new ArrayList<>();
    public final List<ErrorEvent> hits = new ArrayList<>();

    private SimulatedUser() {
    }

    /**
     * @param fiveHourLimitUsd the plan's 5-hour limit in API-equivalent dollars
     * @param weeklyLimitUsd the weekly limit, or null for none
     * @param noise how far each window's real limit strays from it (0.1 = up to 10% either way)
     * @param intensity the average cost per minute of work
     */
    public static SimulatedUser simulate(long seed, double fiveHourLimitUsd, Double weeklyLimitUsd, double noise,
            double intensity) {
        SimulatedUser u = new SimulatedUser();
        Random random = new Random(seed);
        Instant windowEnd = Instant.MIN;
        double windowSpent = 0;
        double windowLimit = 0;
        Instant blockedUntil = Instant.MIN;
        Instant weekEnd = firstWeeklyReset();
        double weekSpent = 0;
        for (LocalDate d = START; d.isBefore(START.plusDays(28)); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            int from = 8 + random.nextInt(3);
            int to = 16 + random.nextInt(4);
            double dayRate = intensity * (0.4 + 1.2 * random.nextDouble());
            for (int minute = from * 60; minute < to * 60; minute++) {
                Instant t = d.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(minute * 60L);
                while (!t.isBefore(weekEnd)) {
                    weekEnd = weekEnd.plus(Duration.ofDays(7));
                    weekSpent = 0;
                }
                if (t.isBefore(blockedUntil)) {
                    continue;
                }
                if (!t.isBefore(windowEnd)) {
                    Instant start = t.truncatedTo(ChronoUnit.HOURS);
                    windowEnd = (start.isBefore(windowEnd) ? windowEnd : start).plus(Duration.ofHours(5));
                    windowSpent = 0;
                    windowLimit = fiveHourLimitUsd * (1 + noise * (2 * random.nextDouble() - 1));
                }
                double cost = dayRate * (0.7 + 0.6 * random.nextDouble());
                u.activities.add(new Activity(t, ModelFamily.SONNET, Math.round(cost / 15e-6), 0, cost, 0));
                windowSpent += cost;
                weekSpent += cost;
                // Logged within the minute the limit was reached, so always before the reset.
                Instant at = t.plusSeconds(30);
                if (weeklyLimitUsd != null && weekSpent >= weeklyLimitUsd) {
                    u.hit(at, weekEnd, LimitWindow.WEEKLY);
                    blockedUntil = weekEnd;
                } else if (windowSpent >= windowLimit) {
                    u.hit(at, windowEnd, LimitWindow.FIVE_HOUR);
                    blockedUntil = windowEnd;
                }
            }
        }
        return u;
    }

    private static Instant firstWeeklyReset() {
        return START.plusDays(3).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    private void hit(Instant at, Instant reset, LimitWindow window) {
        hits.add(new ErrorEvent("sim" + hits.size(), UsageSource.CLAUDE_CODE_LOG, at, ErrorCategory.USAGE_LIMIT,
                "rate_limit", null, window, reset, "limit reached", "p", "s", null));
    }
}
