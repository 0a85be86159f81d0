package io.headroom.service;

import io.headroom.domain.manual.ManualEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging by hand from the window: the same time rules as `headroom log`, a field for every error, nothing half-written. */
class ManualLogTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:00:00Z"); // 15:00 in Madrid

    @TempDir
    Path tmp;

    private Workspace workspace;
    private ManualLog log;

    @BeforeEach
    void open() throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
        workspace.saveSettings(new Settings(null, "Europe/Madrid", null, null));
        log = new ManualLog(workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private List<ManualEntry> entries() {
        return log.recent(NOW, Duration.ofDays(30));
    }

    @Test
    void logsMessagesLimitHitsAndPercentagesReadInTheUsersZone() {
        log.message(NOW, 1, "opus");
        log.limitHit(NOW, "16:40");        // 16:40 Madrid = 15:40 UTC, 1 h 40 min away: the 5-hour window
        log.limitHit(NOW, "in 3d");        // a week's reset
        log.utilization(NOW, "42", "18.5%");

        List<ManualEntry> e = entries();
        assertThat(e).extracting(log::describe).containsExactlyInAnyOrder("1 message (opus)",
                "5-hour limit, resets Fri 27 Nov 16:40", "Weekly limit, resets Mon 30 Nov 15:00", "5-hour 42%",
                "Weekly 18.5%");
        assertThat(e).filteredOn(x -> x.kind().equals("limit-hit")).extracting(ManualEntry::resetAt)
                .contains(Instant.parse("2026-11-27T15:40:00Z"));
    }

    @Test
    void badInputNamesItsFieldAndWritesNothing() {
        assertThatThrownBy(() -> log.limitHit(NOW, "25:99")).isInstanceOfSatisfying(ManualLog.InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo(ManualLog.Field.RESETS));
        assertThatThrownBy(() -> log.limitHit(NOW, "abc")).hasMessageStartingWith("Cannot read \"abc\" as a time");
        assertThatThrownBy(() -> log.limitHit(NOW, "")).isInstanceOf(ManualLog.InvalidInput.class);
        assertThatThrownBy(() -> log.utilization(NOW, "40", "140")).isInstanceOfSatisfying(ManualLog.InvalidInput.class,
                e -> {
                    assertThat(e.field()).isEqualTo(ManualLog.Field.WEEKLY);
                    assertThat(e.getMessage()).isEqualTo("A percentage is from 0 to 100; 140 is out of range.");
                });
        assertThatThrownBy(() -> log.utilization(NOW, "abc", "")).isInstanceOfSatisfying(ManualLog.InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo(ManualLog.Field.FIVE_HOUR));
        assertThatThrownBy(() -> log.utilization(NOW, " ", "")).isInstanceOf(ManualLog.InvalidInput.class);
        assertThatThrownBy(() -> log.message(NOW, 0, null)).isInstanceOf(ManualLog.InvalidInput.class);
        assertThat(entries()).isEmpty();
    }

    @Test
    void editsChangeTimeAndValueInPlaceAndRejectBadValues() {
        String id = log.message(NOW, 1, null);
        String hit = log.limitHit(NOW, "in 2h");
        ManualEntry message = entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertThat(log.whenText(message)).isEqualTo("2026-11-27 15:00");
        assertThat(log.valueText(message)).isEqualTo("1");

        log.edit(message, "14:30", "3", NOW);
        ManualEntry edited = entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertThat(edited.at()).isEqualTo(Instant.parse("2026-11-27T13:30:00Z"));
        assertThat(log.describe(edited)).isEqualTo("3 messages");

        ManualEntry h = entries().stream().filter(e -> e.id().equals(hit)).findFirst().orElseThrow();
        assertThatThrownBy(() -> log.edit(h, "now", "25:99", NOW)).isInstanceOfSatisfying(ManualLog.InvalidInput.class,
                e -> assertThat(e.field()).isEqualTo(ManualLog.Field.VALUE));
        assertThatThrownBy(() -> log.edit(h, "tomorrow 9am", "in 1h", NOW)).isInstanceOfSatisfying(
                ManualLog.InvalidInput.class, e -> assertThat(e.field()).isEqualTo(ManualLog.Field.WHEN));
        assertThat(entries().stream().filter(e -> e.id().equals(hit)).findFirst().orElseThrow()).isEqualTo(h);
        log.edit(h, "now", "17:00", NOW);
        assertThat(entries().stream().filter(e -> e.id().equals(hit)).findFirst().orElseThrow().resetAt())
                .isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));

        assertThat(log.delete(id)).isTrue();
        assertThat(log.delete(id)).isFalse();
        assertThat(entries()).extracting(ManualEntry::id).containsExactly(hit);
    }
}
