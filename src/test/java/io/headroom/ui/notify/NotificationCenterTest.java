package io.headroom.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.SentLedgerFile;
import io.headroom.config.Settings;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.notify.Notification;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowEngine;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.service.WindowsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refreshes in, messages out through a recording sink, with the ledger in a real file. */
class NotificationCenterTest {

    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(5));
    static final Forecast F = new Forecast(Forecast.State.WITHIN_LIMIT, null, null, null, null, null, null, "");

    @TempDir
    Path data;

    record Sent(Notification.Type type, String title, String body) {
    }

    final List<Sent> sent = new ArrayList<>();
    Settings settings = Settings.empty();

    NotificationCenter center() {
        return new NotificationCenter(data.resolve(SentLedgerFile.FILE), () -> settings,
                (n, title, body) -> sent.add(new Sent(n.type(), title, body)));
    }

    static WindowsService.Snapshot snapshot(Instant now, Double fivePercent, Double opusPercent) {
        WindowStatus five = new WindowStatus(LimitWindow.FIVE_HOUR, fivePercent == null ? null
                : new Window(START, END, Provenance.OFFICIAL), new Measures(0, 0, 0, 0, 0), fivePercent,
                Provenance.OFFICIAL, null, null, List.of(), F);
        Window week = new Window(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-30T08:00:00Z"),
                Provenance.OFFICIAL);
        WindowStatus weekly = new WindowStatus(LimitWindow.WEEKLY, week, new Measures(0, 0, 0, 0, 0), 40.0,
                Provenance.OFFICIAL, null, null, List.of(), F);
        WindowStatus opus = new WindowStatus(LimitWindow.WEEKLY_OPUS, week, new Measures(0, 0, 0, 0, 0), opusPercent,
                Provenance.OFFICIAL, null, null, List.of(), F);
        return new WindowsService.Snapshot(new WindowEngine.Result(now, five, weekly, List.of(opus), List.of()), MADRID,
                null, null, Settings.empty());
    }

    @Test
    void eachThresholdOnceAndNotAgainAfterARestart() throws Exception {
        Instant now = START.plus(Duration.ofHours(3).plusMinutes(40)); // 14:40 in Madrid, 80 min to the reset
        NotificationCenter c = center();
        c.refreshed(now, snapshot(now, 82.0, 10.0));
        c.refreshed(now.plusSeconds(15), snapshot(now.plusSeconds(15), 83.0, 10.0));
        assertThat(sent).containsExactly(new Sent(Notification.Type.THRESHOLD, "5-hour window at 80%",
                "82% used · resets in 1 h 20 min (16:00)"));
        assertThat(Files.readString(data.resolve(SentLedgerFile.FILE))).contains("\"five_hour\"");

        NotificationCenter afterRestart = center();
        afterRestart.refreshed(now.plusSeconds(30), snapshot(now.plusSeconds(30), 84.0, 100.0));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(new Sent(Notification.Type.LIMIT_REACHED, "Weekly Opus limit reached",
                "Resets in 2 d 18 h (Mon 30 Nov 09:00)"));

        afterRestart.refreshed(END.plusSeconds(10), snapshot(END.plusSeconds(10), null, 100.0));
        assertThat(sent.get(2)).isEqualTo(new Sent(Notification.Type.RESET, "5-hour window reset",
                "A fresh allowance since 16:00."));
        assertThat(sent).hasSize(3);
    }

    @Test
    void theUsersThresholdsAndResetChoiceApply() throws Exception {
        settings = Settings.empty().withNotifications(List.of(50), false);
        NotificationCenter c = center();
        Instant now = START.plusSeconds(3600);
        c.refreshed(now, snapshot(now, 60.0, null));
        c.refreshed(END.plusSeconds(5), snapshot(END.plusSeconds(5), null, null));
        assertThat(sent).extracting(Sent::title).containsExactly("5-hour window at 50%");
    }
}
