package io.headroom.domain.notify;

import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides which notifications a refresh sends, from the current windows and what was sent before.
 *
 * <ul>
 *   <li>Each window notifies once per threshold. When one refresh finds several thresholds newly
 *       crossed (80 and 95 at once, say after the app was closed), only the highest is sent: the
 *       lower ones would be stale news a second later. All of them count as sent.
 *   <li>A window is recognised by its kind and start; a start that moves by less than
 *       {@link #SAME_WINDOW} is the same window (an estimated start that becomes an official one).
 *       Consecutive windows of one kind start at least five hours apart.
 *   <li>A reset is announced only for a window that reached a threshold (a reset at 10% is no
 *       news), when its reset time passes or a newer window of its kind appears, and only if that
 *       happened within {@link #FRESH} of now: a reset that passed while the app was not running
 *       is recorded silently.
 *   <li>Thresholds and instants, never wall-clock times, decide; the zone only matters to the text.
 * </ul>
 */
public final class NotificationPolicy {

    /** Two starts of one kind closer than this are one window. */
    public static final Duration SAME_WINDOW = Duration.ofHours(1);
    /** A reset older than this is recorded without a message. */
    public static final Duration FRESH = Duration.ofMinutes(30);
    /** Entries are forgotten this long after their window ended (or began, when its end is unknown). */
    public static final Duration KEEP = Duration.ofDays(15);

    /** The user's choices: thresholds in percent (any order), and whether resets are announced. */
    public record Thresholds(List<Integer> atPercent, boolean onReset) {
        public Thresholds {
            atPercent = List.copyOf(new TreeSet<>(atPercent));
        }
    }

    /** What to send now, and the ledger to keep (save it when it differs from the one given). */
    public record Decision(List<Notification> send, SentLedger ledger) {
    }

    private NotificationPolicy() {
    }

    public static Decision decide(List<WindowStatus> current, Instant now, Thresholds thresholds, SentLedger sent) {
        List<SentLedger.Entry> entries = new ArrayList<>(sent.entries());
        List<Notification> out = new ArrayList<>();
        for (WindowStatus st : current) {
            Window w = st.window();
            if (w == null || st.usedPercent() == null) {
                continue;
            }
            int i = find(entries, st);
            SentLedger.Entry e = i < 0 ? null : entries.get(i);
            if (e != null && w.end() != null && !w.end().equals(e.end())) {
                e = new SentLedger.Entry(e.window(), e.start(), w.end(), e.notifiedPercent(), e.resetSent());
                entries.set(i, e);
            }
            int already = e == null ? 0 : e.notifiedPercent();
            int crossed = 0;
            for (int t : thresholds.atPercent()) {
                if (st.usedPercent() >= t && t > already) {
                    crossed = t;
                }
            }
            if (crossed == 0) {
                continue;
            }
            out.add(new Notification(crossed >= 100 ? Notification.Type.LIMIT_REACHED : Notification.Type.THRESHOLD,
                    st.kind(), crossed, st.usedPercent(), w.end()));
            SentLedger.Entry updated = new SentLedger.Entry(st.kind(), e == null ? w.start() : e.start(), w.end(), crossed,
                    false);
            if (i < 0) {
                entries.add(updated);
            } else {
                entries.set(i, updated);
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            SentLedger.Entry e = entries.get(i);
            if (e.resetSent()) {
                continue;
            }
            Instant resetAt = resetOf(e, current, now);
            if (resetAt == null) {
                continue;
            }
            entries.set(i, new SentLedger.Entry(e.window(), e.start(), e.end(), e.notifiedPercent(), true));
            if (thresholds.onReset() && Duration.between(resetAt, now).compareTo(FRESH) <= 0) {
                out.add(new Notification(Notification.Type.RESET, e.window(), 0, usedNow(e, current), resetAt));
            }
        }
        entries.removeIf(e -> Duration.between(e.end() == null ? e.start() : e.end(), now).compareTo(KEEP) > 0);
        return new Decision(List.copyOf(out), new SentLedger(entries));
    }

    private static int find(List<SentLedger.Entry> entries, WindowStatus st) {
        for (int i = 0; i < entries.size(); i++) {
            SentLedger.Entry e = entries.get(i);
            if (e.window() == st.kind() && same(e.start(), st.window().start())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(SAME_WINDOW) < 0;
    }

    /** When the entry's window reset, or null while it runs: its end passed, or a newer window of its kind is current. */
    private static Instant resetOf(SentLedger.Entry e, List<WindowStatus> current, Instant now) {
        if (e.end() != null && !now.isBefore(e.end())) {
            return e.end();
        }
        for (WindowStatus st : current) {
            Window w = st.window();
            if (st.kind() == e.window() && w != null && w.start().isAfter(e.start()) && !same(w.start(), e.start())) {
                return e.end() != null && e.end().isBefore(w.start()) ? e.end() : w.start();
            }
        }
        return null;
    }

    /** The used percent of the window now current for the entry's kind (0 when idle): what the fresh window starts from. */
    private static double usedNow(SentLedger.Entry e, List<WindowStatus> current) {
        for (WindowStatus st : current) {
            if (st.kind() == e.window() && st.window() != null && st.usedPercent() != null
                    && !same(st.window().start(), e.start())) {
                return st.usedPercent();
            }
        }
        return 0;
    }
}
