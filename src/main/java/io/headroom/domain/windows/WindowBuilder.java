package io.headroom.domain.windows;

import io.headroom.domain.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts time into usage windows. Windows anchored to a known reset are exact; between them, a
 * window starts at the first activity after the previous one ended, floored to the (UTC) hour,
 * and lasts {@code length} unless the next anchored window begins sooner. Windows never overlap
 * and every activity instant falls in exactly one window, whatever order the inputs came in.
 */
public final class WindowBuilder {

    public static final Duration FIVE_HOURS = Duration.ofHours(5);
    public static final Duration WEEK = Duration.ofDays(7);

    private WindowBuilder() {
    }

    public static List<Window> fiveHour(Collection<Instant> activity, Collection<ResetAnchor> anchors) {
        return build(activity, anchors, FIVE_HOURS);
    }

    public static List<Window> build(Collection<Instant> activity, Collection<ResetAnchor> anchors, Duration length) {
        List<Window> anchored = anchoredWindows(anchors, length);
        List<Window> out = new ArrayList<>(anchored);
        Instant prevEnd = Instant.MIN;
        Window current = null;
        int ai = 0;
        List<Instant> sorted = new ArrayList<>(activity);
        sorted.sort(null);
        Instant previous = null;
        for (Instant t : sorted) {
            if (t.equals(previous)) {
                continue;
            }
            previous = t;
            while (ai < anchored.size() && !anchored.get(ai).end().isAfter(t)) {
                prevEnd = max(prevEnd, anchored.get(ai).end());
                ai++;
            }
            Window next = ai < anchored.size() ? anchored.get(ai) : null;
            if (next != null && next.contains(t)) {
                continue;
            }
            if (current != null && t.isBefore(current.end())) {
                continue;
            }
            Instant start = max(t.truncatedTo(ChronoUnit.HOURS), prevEnd);
            Instant end = start.plus(length);
            if (next != null && next.start().isBefore(end)) {
                end = next.start();
            }
            current = new Window(start, end, Provenance.ESTIMATE);
            out.add(current);
            prevEnd = end;
        }
        out.sort(Comparator.comparing(Window::start));
        return out;
    }

    /**
     * One window per anchor, newest evidence first (see {@link ResetAnchor#NEWEST_FIRST}). An older
     * anchor overlapping a newer one is a stale claim about the same window and is dropped, unless
     * it was observed and its window had already ended when the newer claim was read: then it is a
     * past window, kept whole, and the newer window begins where it ended. A reset nobody observed
     * (the user's weekly setting) never cuts an observed one.
     */
    static List<Window> anchoredWindows(Collection<ResetAnchor> anchors, Duration length) {
        List<ResetAnchor> sorted = new ArrayList<>(anchors);
        sorted.sort(ResetAnchor.NEWEST_FIRST);
        List<Window> accepted = new ArrayList<>();
        List<Instant> seenAt = new ArrayList<>();
        for (ResetAnchor a : sorted) {
            Window w = new Window(a.resetAt().minus(length), a.resetAt(), a.provenance());
            boolean stale = false;
            for (int i = 0; i < accepted.size() && !stale; i++) {
                Window o = accepted.get(i);
                if (o.start().isBefore(w.end()) && w.start().isBefore(o.end())) {
                    stale = a.observedAt().equals(Instant.MIN) || w.end().isAfter(seenAt.get(i))
                            || !w.end().isBefore(o.end());
                }
            }
            if (stale) {
                continue;
            }
            for (int i = 0; i < accepted.size(); i++) {
                Window o = accepted.get(i);
                if (o.start().isBefore(w.end()) && w.start().isBefore(o.end())) {
                    accepted.set(i, new Window(w.end(), o.end(), o.provenance()));
                }
            }
            accepted.add(w);
            seenAt.add(a.observedAt());
        }
        accepted.sort(Comparator.comparing(Window::start));
        return accepted;
    }

    /** The window containing {@code t}, or null. */
    public static Window containing(List<Window> windows, Instant t) {
        for (Window w : windows) {
            if (w.contains(t)) {
                return w;
            }
        }
        return null;
    }

    /**
     * The weekly window at {@code now}: anchored to the future reset within a week that the newest
     * evidence gives, else to the user's setting (a weekday and time in their zone), else the last
     * 7 days with an unknown reset. Weekly resets are never computed from activity.
     */
    public static Window weekly(Instant now, Collection<ResetAnchor> anchors, WeeklyResetSetting setting) {
        ResetAnchor best = null;
        for (ResetAnchor a : anchors) {
            if (!a.resetAt().isAfter(now) || a.resetAt().isAfter(now.plus(WEEK).plusSeconds(120))) {
                continue;
            }
            if (best == null || ResetAnchor.NEWEST_FIRST.compare(a, best) < 0) {
                best = a;
            }
        }
        if (best != null) {
            return new Window(best.resetAt().minus(WEEK), best.resetAt(), best.provenance());
        }
        if (setting != null) {
            ZonedDateTime local = now.atZone(setting.zone());
            ZonedDateTime next = local.with(TemporalAdjusters.nextOrSame(setting.day()))
                    .with(setting.time()).truncatedTo(ChronoUnit.MINUTES);
            if (!next.isAfter(local)) {
                next = next.plusWeeks(1);
            }
            return new Window(next.minusWeeks(1).toInstant(), next.toInstant(), Provenance.MANUAL);
        }
        return new Window(now.minus(WEEK), null, Provenance.ESTIMATE);
    }

    /** The user's weekly reset: a weekday and wall time in a zone. */
    public record WeeklyResetSetting(java.time.DayOfWeek day, java.time.LocalTime time, ZoneId zone) {
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
