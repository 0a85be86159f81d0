package io.headroom.ui.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.service.ManualLog;
import io.headroom.service.Workspace;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sessions tab's view model without JavaFX, on a real store in Madrid: what a write says,
 * which field a bad value marks, and the rows of both tables.
 */
class SessionsViewModelTest {

    /** 23:00 on Friday 27 November in Madrid. */
    private static final Instant NIGHT = Instant.parse("2026-11-27T22:00:00Z");

    @TempDir
    Path tmp;

    Workspace workspace;
    SessionsViewModel model;

    @BeforeEach
    void open() throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
        workspace.saveSettings(new Settings("max5", "Europe/Madrid", null, null));
        model = new SessionsViewModel(workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static UsageEvent event(String id, String session, String project, String at, String model, long input,
            double cost) {
        return new UsageEvent(id, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, Instant.parse(at), model,
                new TokenCounts(input, 0, 0, 0, 0), 0, 0, Speed.STANDARD, cost, model, false, project, session, "m" + id,
                "r" + id, false, false);
    }

    @Test
    void writesSayWhatWasLoggedInTheUsersZone() {
        assertThat(model.logMessage(SessionsViewModel.ANY_MODEL, NIGHT))
                .isEqualTo(new SessionsViewModel.Outcome("Logged 1 message at Fri 27 Nov 23:00.", null, null));
        assertThat(model.logMessage("Opus", NIGHT.minus(Duration.ofHours(1))).done())
                .isEqualTo("Logged 1 message (opus) at Fri 27 Nov 22:00.");
        assertThat(model.logUtilization("42", "", NIGHT.minus(Duration.ofHours(2))).done())
                .isEqualTo("Logged the percentage seen at Fri 27 Nov 21:00.");
        assertThat(model.logUtilization("42", "10", NIGHT.minus(Duration.ofHours(3))).done())
                .isEqualTo("Logged both percentages seen at Fri 27 Nov 20:00.");
        assertThat(model.logLimitHit("in 2h 15m", NIGHT.minus(Duration.ofMinutes(30))).done())
                .isEqualTo("Logged a limit hit: 5-hour limit, resets Sat 28 Nov 00:45.");
    }

    @Test
    void aBadValueNamesItsFieldAndWritesNothing() {
        SessionsViewModel.Outcome weekly = model.logUtilization("42", "140", NIGHT);
        assertThat(weekly.invalid()).isTrue();
        assertThat(weekly.error()).isEqualTo("A percentage is from 0 to 100; 140 is out of range.");
        assertThat(SessionsViewModel.marksWeekly(weekly)).isTrue();
        SessionsViewModel.Outcome five = model.logUtilization("-1", "", NIGHT);
        assertThat(five.invalid()).isTrue();
        assertThat(SessionsViewModel.marksWeekly(five)).isFalse();
        SessionsViewModel.Outcome reset = model.logLimitHit("25:99", NIGHT);
        assertThat(reset.invalid()).isTrue();
        assertThat(reset.error()).startsWith("Cannot read \"25:99\" as a time");
        assertThat(model.load(NIGHT).rows()).isEmpty();
        assertThat(SessionsViewModel.saveFailed("disk full")).isEqualTo("Could not save: disk full");
    }

    @Test
    void theListIsNewestFirstAndEditsAndDeletesSayWhatTheyDid() {
        model.logMessage(SessionsViewModel.ANY_MODEL, NIGHT);
        model.logLimitHit("in 2h 15m", NIGHT.minus(Duration.ofMinutes(30)));
        model.logUtilization("42", "", NIGHT.minus(Duration.ofHours(2)));

        SessionsViewModel.Loaded loaded = model.load(NIGHT);
        assertThat(loaded.intro()).isEqualTo("Log what you use on claude.ai (the browser and desktop app keep no record"
                + " Headroom can read). Times are in Europe/Madrid.");
        assertThat(loaded.rows()).extracting(SessionsViewModel.Row::when, SessionsViewModel.Row::kind,
                SessionsViewModel.Row::detail).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Fri 27 Nov 23:00", "Message", "1 message"),
                        org.assertj.core.groups.Tuple.tuple("Fri 27 Nov 22:30", "Limit hit",
                                "5-hour limit, resets Sat 28 Nov 00:45"),
                        org.assertj.core.groups.Tuple.tuple("Fri 27 Nov 21:00", "Utilization", "5-hour 42%"));
        SessionsViewModel.Row message = loaded.rows().get(0);
        assertThat(message.whenText()).isEqualTo("2026-11-27 23:00");
        assertThat(message.valueText()).isEqualTo("1");
        assertThat(SessionsViewModel.editTitle(message)).isEqualTo("Edit the message of Fri 27 Nov 23:00");
        assertThat(SessionsViewModel.editValueLabel(message)).isEqualTo("Messages");
        assertThat(SessionsViewModel.editValueLabel(loaded.rows().get(1))).isEqualTo("Resets");
        assertThat(SessionsViewModel.editValueLabel(loaded.rows().get(2))).isEqualTo("Percent (5-hour)");
        assertThat(SessionsViewModel.confirmDeleteText(loaded.rows().get(1)))
                .isEqualTo("Delete limit hit \"5-hour limit, resets Sat 28 Nov 00:45\" of Fri 27 Nov 22:30?");

        SessionsViewModel.Outcome badTime = model.edit(message, "25:99", "3", NIGHT);
        assertThat(badTime.invalid()).isTrue();
        assertThat(SessionsViewModel.marksWhen(badTime)).isTrue();
        assertThat(model.edit(message, "22:15", "3", NIGHT).done()).isEqualTo("Saved the message.");

        List<SessionsViewModel.Row> after = model.load(NIGHT).rows();
        assertThat(after).extracting(SessionsViewModel.Row::detail)
                .containsExactly("5-hour limit, resets Sat 28 Nov 00:45", "3 messages", "5-hour 42%");
        SessionsViewModel.Row edited = SessionsViewModel.reselect(after, message);
        assertThat(edited.when()).isEqualTo("Fri 27 Nov 22:15");

        assertThat(model.delete(edited).done()).isEqualTo("Deleted the message of Fri 27 Nov 22:15.");
        SessionsViewModel.Outcome again = model.delete(edited);
        assertThat(again).isEqualTo(new SessionsViewModel.Outcome(null, ManualLog.Field.WHEN, "That entry was already gone."));
        List<SessionsViewModel.Row> left = model.load(NIGHT).rows();
        assertThat(left).hasSize(2);
        assertThat(SessionsViewModel.reselect(left, edited)).isNull();
        assertThat(SessionsViewModel.reselect(left, null)).isNull();
    }

    @Test
    void claudeCodeSessionsOfTheLastThirtyLocalDaysNewestFirst() throws Exception {
        new EventStore(workspace.database()).writeNow(new EventBatch(List.of(
                event("a1", "s-a", "/home/dev/a", "2026-11-27T10:00:00Z", "claude-opus-4-5-20251101", 1_000, 0.50),
                event("a2", "s-a", "/home/dev/a", "2026-11-27T12:00:00Z", "claude-sonnet-4-6", 2_000, 0.25),
                event("c1", "s-c", null, "2026-11-26T08:00:00Z", "claude-sonnet-4-6", 1_234_567, 1_234.50),
                // 27 October in Madrid: the 31st local day back, not listed.
                event("b1", "s-b", "/home/dev/b", "2026-10-27T22:30:00Z", "claude-haiku-4-5", 5, 0.01)),
                List.of(), List.of(), List.of(), null));

        assertThat(model.load(NIGHT).code()).containsExactly(
                new SessionsViewModel.CodeRow("Fri 27 Nov 13:00", "/home/dev/a", "opus-4-5, sonnet-4-6", "3,000", "$0.75"),
                new SessionsViewModel.CodeRow("Thu 26 Nov 09:00", "—", "sonnet-4-6", "1,234,567", "$1,234.50"));
    }
}
