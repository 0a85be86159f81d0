package io.headroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.notify.SentLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentLedgerFileTest {

    @TempDir
    Path tmp;

    @Test
    void whatWasSentSurvivesARestartInAPrivateFile() throws Exception {
        SentLedger ledger = new SentLedger(List.of(
                new SentLedger.Entry(LimitWindow.FIVE_HOUR, Instant.parse("2026-11-27T10:00:00Z"),
                        Instant.parse("2026-11-27T15:00:00Z"), 95, false),
                new SentLedger.Entry(LimitWindow.WEEKLY, Instant.parse("2026-11-23T08:00:00Z"), null, 80, true)));
        Path file = tmp.resolve("data").resolve(SentLedgerFile.FILE);
        SentLedgerFile.save(file, ledger);
        assertThat(SentLedgerFile.load(file)).isEqualTo(ledger);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aMissingOrDamagedFileIsAnEmptyLedger() throws Exception {
        Path file = tmp.resolve(SentLedgerFile.FILE);
        assertThat(SentLedgerFile.load(file).entries()).isEmpty();
        Files.writeString(file, "{\"windows\":[{\"window\":\"nope\"}]}");
        assertThat(SentLedgerFile.load(file).entries()).isEmpty();
    }

    @Test
    void aOneTimeNoticeIsShownOncePerDataFolder() {
        OneTimeNotices notices = new OneTimeNotices(tmp.resolve("data"));
        assertThat(notices.firstTime("no-tray")).isTrue();
        assertThat(notices.firstTime("no-tray")).isFalse();
        assertThat(new OneTimeNotices(tmp.resolve("data")).firstTime("no-tray")).isFalse();
        assertThat(notices.firstTime("other")).isTrue();
    }
}
