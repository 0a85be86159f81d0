package io.headroom.domain.notify;

import static io.headroom.domain.LimitWindow.FIVE_HOUR;
import static io.headroom.domain.LimitWindow.WEEKLY;
import static io.headroom.domain.LimitWindow.WEEKLY_OPUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.notify.Notification.Type;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which notifications a refresh sends, with exact instants; none of it depends on AWT or JavaFX. */
class NotificationPolicyTest {

    static final NotificationPolicy.Thresholds DEFAULT = new NotificationPolicy.Thresholds(List.of(80, 95, 100), true);
    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(5));
    static final Instant NOW = START.plus(Duration.ofHours(2));

    static WindowStatus status(LimitWindow kind, Instant start, Instant end, Number percent) {
        Forecast f = new Forecast(Forecast.State.WITHIN_LIMIT, null, null, null, null, null, null, "");
        return new WindowStatus(kind, new Window(start, end, Provenance.OFFICIAL), new Measures(0, 0, 0, 0, 0),
                percent == null ? null : percent.doubleValue(),
                Provenance.OFFICIAL, null, null, List.of(), f);
    }

    static WindowStatus five(double percent) {
        return status(FIVE_HOUR, START, END, percent);
    }

    static WindowStatus idle(LimitWindow kind) {
        Forecast f = new Forecast(Forecast.State.NOT_ENOUGH_DATA, null, null, null, null, null, null, "idle");
        return new WindowStatus(kind, null, new Measures(0, 0, 0, 0, 0), null, Provenance.ESTIMATE, null, null, List.of(), f);
    }

    static NotificationPolicy.Decision decide(SentLedger ledger, Instant now, WindowStatus... st) {
        return NotificationPolicy.decide(List.of(st), now, DEFAULT, ledger);
    }

    @Test
    void belowEveryThresholdNothingIsSentOrRecorded() {
        NotificationPolicy.Decision d = decide(SentLedger.empty(), NOW, five(79.99));
        assertThat(d.send()).isEmpty();
        assertThat(d.ledger().entries()).isEmpty();
    }

    @Test
    void crossingEightySendsOnceEvenOverManyRefreshes() {
        NotificationPolicy.Decision first = decide(SentLedger.empty(), NOW, five(80.0));
        assertThat(first.send()).containsExactly(new Notification(Type.THRESHOLD, FIVE_HOUR, 80, 80.0, END));
        assertThat(first.ledger().entries()).containsExactly(new SentLedger.Entry(FIVE_HOUR, START, END, 80, false));

        NotificationPolicy.Decision second = decide(first.ledger(), NOW.plusSeconds(5), five(84));
        assertThat(second.send()).isEmpty();
        assertThat(second.ledger()).isEqualTo(first.ledger());
    }

    @Test
    void crossingEightyAndNinetyFiveInOneRefreshSendsOnlyTheHighest() {
        NotificationPolicy.Decision d = decide(SentLedger.empty(), NOW, five(96.5));
        assertThat(d.send()).containsExactly(new Notification(Type.THRESHOLD, FIVE_HOUR, 95, 96.5, END));
        assertThat(d.ledger().entries().get(0).notifiedPercent()).isEqualTo(95);
        // 80 counts as sent: dropping back to 85% in the same window says nothing
        assertThat(decide(d.ledger(), NOW.plusSeconds(5), five(85)).send()).isEmpty();
    }

    @Test
    void eightyThenNinetyFiveThenTheLimitAreThreeMessages() {
        NotificationPolicy.Decision a = decide(SentLedger.empty(), NOW, five(81));
        NotificationPolicy.Decision b = decide(a.ledger(), NOW.plusSeconds(600), five(95));
        NotificationPolicy.Decision c = decide(b.ledger(), NOW.plusSeconds(1200), five(100));
        assertThat(a.send()).extracting(Notification::threshold).containsExactly(80);
        assertThat(b.send()).extracting(Notification::threshold).containsExactly(95);
        assertThat(c.send()).containsExactly(new Notification(Type.LIMIT_REACHED, FIVE_HOUR, 100, 100, END));
        assertThat(decide(c.ledger(), NOW.plusSeconds(1300), five(104)).send()).isEmpty();
    }

    @Test
    void aJumpStraightPastTheLimitIsOneLimitMessage() {
        assertThat(decide(SentLedger.empty(), NOW, five(120)).send())
                .containsExactly(new Notification(Type.LIMIT_REACHED, FIVE_HOUR, 100, 120, END));
    }

    @Test
    void eachWindowKindIsTrackedApart() {
        Instant weekStart = Instant.parse("2026-11-23T08:00:00Z");
        Instant weekEnd = Instant.parse("2026-11-30T08:00:00Z");
        NotificationPolicy.Decision d = decide(SentLedger.empty(), NOW, five(50),
                status(WEEKLY, weekStart, weekEnd, 81), status(WEEKLY_OPUS, weekStart, weekEnd, 100));
        assertThat(d.send()).containsExactly(
                new Notification(Type.THRESHOLD, WEEKLY, 80, 81, weekEnd),
                new Notification(Type.LIMIT_REACHED, WEEKLY_OPUS, 100, 100, weekEnd));
        assertThat(decide(d.ledger(), NOW.plusSeconds(5), five(82), status(WEEKLY, weekStart, weekEnd, 82)).send())
                .containsExactly(new Notification(Type.THRESHOLD, FIVE_HOUR, 80, 82, END));
    }

    @Test
    void theNextWindowNotifiesAgain() {
        NotificationPolicy.Decision a = decide(SentLedger.empty(), NOW, five(90));
        Instant nextStart = END.plus(Duration.ofMinutes(40));
        Instant later = nextStart.plus(Duration.ofHours(1));
        NotificationPolicy.Decision b = decide(a.ledger(), later,
                status(FIVE_HOUR, nextStart, nextStart.plus(Duration.ofHours(5)), 83));
        assertThat(b.send()).extracting(Notification::type, Notification::threshold)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Type.THRESHOLD, 80));
        assertThat(b.ledger().entries()).hasSize(2);
    }

    @Test
    void aStartThatMovesALittleIsTheSameWindow() {
        NotificationPolicy.Decision a = decide(SentLedger.empty(), NOW, five(81));
        // the estimated start 10:00 becomes the official 10:20 (reset 15:20 reported by the headers)
        Instant end = END.plus(Duration.ofMinutes(20));
        NotificationPolicy.Decision b = decide(a.ledger(), NOW.plusSeconds(5),
                status(FIVE_HOUR, START.plus(Duration.ofMinutes(20)), end, 82));
        assertThat(b.send()).isEmpty();
        assertThat(b.ledger().entries()).containsExactly(new SentLedger.Entry(FIVE_HOUR, START, end, 80, false));
    }

    @Test
    void aResetIsAnnouncedOnceWhenTheResetTimePasses() {
        NotificationPolicy.Decision a = decide(SentLedger.empty(), NOW, five(100));
        NotificationPolicy.Decision running = decide(a.ledger(), END.minusSeconds(1), five(100));
        assertThat(running.send()).isEmpty();
        NotificationPolicy.Decision reset = decide(running.ledger(), END.plusSeconds(15), idle(FIVE_HOUR));
        assertThat(reset.send()).containsExactly(new Notification(Type.RESET, FIVE_HOUR, 0, 0, END));
        assertThat(reset.ledger().entries()).containsExactly(new SentLedger.Entry(FIVE_HOUR, START, END, 100, true));
        assertThat(decide(reset.ledger(), END.plusSeconds(30), idle(FIVE_HOUR)).send()).isEmpty();
    }

    @Test
    void aResetIsAnnouncedWhenANewerWindowAppearsEvenWithoutAKnownEnd() {
        Instant weekStart = Instant.parse("2026-11-16T08:00:00Z");
        NotificationPolicy.Decision a = decide(SentLedger.empty(), NOW, status(WEEKLY, weekStart, null, 96));
        Instant newStart = Instant.parse("2026-11-27T11:50:00Z");
        NotificationPolicy.Decision b = decide(a.ledger(), NOW, status(WEEKLY, newStart, null, 2));
        assertThat(b.send()).containsExactly(new Notification(Type.RESET, WEEKLY, 0, 2, newStart));
    }

    @Test
    void aResetMissedWhileTheAppWasClosedIsRecordedSilently() {
        NotificationPolicy.Decision a = decide(SentLedger.empty(), NOW, five(97));
        NotificationPolicy.Decision b = decide(a.ledger(), END.plus(NotificationPolicy.FRESH).plusSeconds(1),
                idle(FIVE_HOUR));
        assertThat(b.send()).isEmpty();
        assertThat(b.ledger().entries().get(0).resetSent()).isTrue();
        NotificationPolicy.Decision atTheEdge = decide(a.ledger(), END.plus(NotificationPolicy.FRESH), idle(FIVE_HOUR));
        assertThat(atTheEdge.send()).extracting(Notification::type).containsExactly(Type.RESET);
    }

    @Test
    void resetsOfWindowsThatNeverReachedAThresholdAreNoNews() {
        NotificationPolicy.Decision a = decide(SentLedger.empty(), NOW, five(40));
        assertThat(decide(a.ledger(), END.plusSeconds(5), idle(FIVE_HOUR)).send()).isEmpty();
    }

    @Test
    void resetsAreSilentWhenTheUserTurnedThemOff() {
        NotificationPolicy.Thresholds noReset = new NotificationPolicy.Thresholds(List.of(80, 95, 100), false);
        NotificationPolicy.Decision a = NotificationPolicy.decide(List.of(five(90)), NOW, noReset, SentLedger.empty());
        NotificationPolicy.Decision b = NotificationPolicy.decide(List.of(idle(FIVE_HOUR)), END.plusSeconds(5), noReset,
                a.ledger());
        assertThat(b.send()).isEmpty();
        assertThat(b.ledger().entries().get(0).resetSent()).isTrue();
    }

    @Test
    void customThresholdsInAnyOrder() {
        NotificationPolicy.Thresholds custom = new NotificationPolicy.Thresholds(List.of(90, 50), true);
        assertThat(custom.atPercent()).containsExactly(50, 90);
        NotificationPolicy.Decision d = NotificationPolicy.decide(List.of(five(100)), NOW, custom, SentLedger.empty());
        assertThat(d.send()).containsExactly(new Notification(Type.THRESHOLD, FIVE_HOUR, 90, 100, END));
    }

    @Test
    void unknownPercentagesAndIdleWindowsSendNothing() {
        WindowStatus noPercent = status(FIVE_HOUR, START, END, null);
        assertThat(decide(SentLedger.empty(), NOW, noPercent, idle(WEEKLY)).send()).isEmpty();
    }

    @Test
    void oldEntriesAreForgotten() {
        SentLedger old = new SentLedger(List.of(new SentLedger.Entry(FIVE_HOUR, START.minus(Duration.ofDays(20)),
                START.minus(Duration.ofDays(20)).plus(Duration.ofHours(5)), 80, true)));
        assertThat(decide(old, NOW, idle(FIVE_HOUR)).ledger().entries()).isEmpty();
    }

    @Test
    void aWindowAcrossTheDaylightSavingChangeIsKeyedByInstantsAndReadInLocalTime() {
        // Europe/Berlin springs forward on Sunday 29 Mar 2026 at 02:00 local (01:00 UTC).
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant start = Instant.parse("2026-03-28T23:30:00Z"); // 00:30 CET
        Instant end = start.plus(Duration.ofHours(5)); // 04:30 UTC = 06:30 CEST: five real hours, six on the wall clock
        Instant now = Instant.parse("2026-03-29T02:10:00Z"); // 04:10 CEST
        NotificationPolicy.Decision a = NotificationPolicy.decide(List.of(status(FIVE_HOUR, start, end, 95.2)), now,
                DEFAULT, SentLedger.empty());
        Notification n = a.send().get(0);
        assertThat(NotificationText.title(n)).isEqualTo("5-hour window at 95%");
        assertThat(NotificationText.body(n, now, berlin)).isEqualTo("95% used · resets in 2 h 20 min (06:30)");

        NotificationPolicy.Decision b = NotificationPolicy.decide(List.of(idle(FIVE_HOUR)), end.plusSeconds(10), DEFAULT,
                a.ledger());
        assertThat(b.send()).hasSize(1);
        assertThat(NotificationText.body(b.send().get(0), end.plusSeconds(10), berlin))
                .isEqualTo("A fresh allowance since 06:30.");
        // falling back on 25 Oct 2026: 02:30 happens twice; the instant decides which one is meant
        Instant fallEnd = Instant.parse("2026-10-25T01:30:00Z"); // the second 02:30, CET
        Instant fallNow = Instant.parse("2026-10-25T00:15:00Z"); // 02:15 CEST
        Notification limit = new Notification(Type.LIMIT_REACHED, FIVE_HOUR, 100, 100, fallEnd);
        assertThat(NotificationText.body(limit, fallNow, berlin)).isEqualTo("Resets in 1 h 15 min (02:30)");
    }

    @Test
    void textsForEveryKind() {
        ZoneId utc = ZoneId.of("UTC");
        assertThat(NotificationText.title(new Notification(Type.LIMIT_REACHED, WEEKLY_OPUS, 100, 100, null)))
                .isEqualTo("Weekly Opus limit reached");
        assertThat(NotificationText.body(new Notification(Type.LIMIT_REACHED, WEEKLY_OPUS, 100, 100, null), NOW, utc))
                .isEqualTo("Reset time unknown");
        Notification weekly = new Notification(Type.THRESHOLD, WEEKLY, 80, 80.7, Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(NotificationText.body(weekly, NOW, utc)).isEqualTo("80% used · resets in 2 d 20 h (Mon 30 Nov 08:00)");
        assertThat(NotificationText.title(new Notification(Type.RESET, FIVE_HOUR, 0, 0, END))).isEqualTo("5-hour window reset");
    }

    @Test
    void spansAreTheCountdownEveryViewShowsCutToTheMinute() {
        assertThat(Wording.span(Duration.ofMinutes(80))).isEqualTo("1 h 20 min");
        assertThat(Wording.span(Duration.ofMinutes(79).plusSeconds(59))).isEqualTo("1 h 19 min");
        assertThat(Wording.span(Duration.ofHours(2))).isEqualTo("2 h 00 min");
        assertThat(Wording.span(Duration.ofSeconds(30))).isEqualTo("under 1 min");
        assertThat(Wording.span(Duration.ZERO)).isEqualTo("under 1 min");
        assertThat(Wording.span(Duration.ofHours(76))).isEqualTo("3 d 04 h");
        assertThat(Wording.percent(99.6)).isEqualTo("99%");
    }
}
