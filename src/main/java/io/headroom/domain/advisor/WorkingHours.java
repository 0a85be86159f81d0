package io.headroom.domain.advisor;

import io.headroom.domain.windows.Activity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The user's usual working hours, learned from their history: an hour of the day is usual on
 * weekdays (or on weekends) when they were active in it on at least a quarter of the period's
 * weekdays (weekend days), and on at least two of them. Four weeks give only four samples per
 * hour of the week, too few to tell a habit from a one-off, so the profile pools weekdays and
 * pools weekends.
 */
public final class WorkingHours {

    static final double MIN_SHARE = 0.25;
    static final int MIN_DAYS = 2;

    private final boolean[][] usual = new boolean[2][24];
    private final ZoneId zone;

    private WorkingHours(ZoneId zone) {
        this.zone = zone;
    }

    public static WorkingHours learn(List<Activity> activities, Instant from, Instant to, ZoneId zone) {
        WorkingHours w = new WorkingHours(zone);
        int[] days = new int[2];
        for (LocalDate d = LocalDate.ofInstant(from, zone); d.atStartOfDay(zone).toInstant().isBefore(to); d = d.plusDays(1)) {
            days[kind(d.getDayOfWeek())]++;
        }
        Set<String> seen = new HashSet<>();
        int[][] count = new int[2][24];
        for (Activity a : activities) {
            if (a.at().isBefore(from) || !a.at().isBefore(to) || (a.tokens() + a.cacheReadTokens() == 0 && a.prompts() == 0)) {
                continue;
            }
            ZonedDateTime t = a.at().atZone(zone);
            if (seen.add(t.toLocalDate() + "T" + t.getHour())) {
                count[kind(t.getDayOfWeek())][t.getHour()]++;
            }
        }
        for (int k = 0; k < 2; k++) {
            for (int h = 0; h < 24; h++) {
                w.usual[k][h] = count[k][h] >= MIN_DAYS && count[k][h] >= MIN_SHARE * days[k];
            }
        }
        return w;
    }

    static int kind(DayOfWeek d) {
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? 1 : 0;
    }

    public boolean isUsual(DayOfWeek day, int hour) {
        return usual[kind(day)][hour];
    }

    /** Hours of [from, to) that fall in usual working hours. */
    public double hoursWithin(Instant from, Instant to) {
        double hours = 0;
        Instant t = from;
        while (t.isBefore(to)) {
            ZonedDateTime z = t.atZone(zone);
            Instant next = z.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
            Instant end = next.isBefore(to) ? next : to;
            if (usual[kind(z.getDayOfWeek())][z.getHour()]) {
                hours += (end.toEpochMilli() - t.toEpochMilli()) / 3_600_000.0;
            }
            t = end;
        }
        return hours;
    }

    /** Usual hours per week, for the method section. */
    public int hoursPerWeek() {
        int n = 0;
        for (int h = 0; h < 24; h++) {
            n += (usual[0][h] ? 5 : 0) + (usual[1][h] ? 2 : 0);
        }
        return n;
    }

    /** "weekdays 09-17, weekends none" style summary. */
    public String describe() {
        return "weekdays " + ranges(usual[0]) + "; weekends " + ranges(usual[1]);
    }

    private static String ranges(boolean[] hours) {
        StringBuilder b = new StringBuilder();
        int h = 0;
        while (h < 24) {
            if (!hours[h]) {
                h++;
                continue;
            }
            int start = h;
            while (h < 24 && hours[h]) {
                h++;
            }
            b.append(b.length() == 0 ? "" : ", ").append(String.format("%02d:00-%02d:00", start, h));
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}
