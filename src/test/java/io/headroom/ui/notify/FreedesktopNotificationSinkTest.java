package io.headroom.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.config.SentLedgerFile;
import io.headroom.config.Settings;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.notify.Notification;
import io.headroom.testing.FakeNotificationService;
import io.headroom.testing.SessionBus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux desktop notification against a real dbus-daemon and a notification service exported on it. */
class FreedesktopNotificationSinkTest {

    @TempDir
    Path tmp;

    SessionBus bus;
    FreedesktopNotificationSink sink;

    @BeforeEach
    void startBus() throws Exception {
        bus = SessionBus.start(tmp);
        sink = new FreedesktopNotificationSink(bus.address());
    }

    @AfterEach
    void stopBus() throws Exception {
        sink.close();
        bus.close();
    }

    @Test
    void aThresholdCrossedInARefreshReachesTheDesktopWithinTwoSeconds() throws Exception {
        try (FakeNotificationService desktop = FakeNotificationService.on(bus.address())) {
            NotificationCenter center = new NotificationCenter(tmp.resolve(SentLedgerFile.FILE), Settings::empty, sink);
            assertThat(sink.available()).isTrue(); // as the app asks at start, which opens the connection
            Instant now = NotificationCenterTest.START.plus(Duration.ofHours(3).plusMinutes(40));

            long refreshed = System.nanoTime();
            center.refreshed(now, NotificationCenterTest.snapshot(now, 82.0, 10.0));
            waitFor(desktop, 1);

            FakeNotificationService.Received got = desktop.received().get(0);
            assertThat(got.appName()).isEqualTo("Headroom");
            assertThat(got.summary()).isEqualTo("5-hour window at 80%");
            assertThat(got.body()).isEqualTo("82% used · resets in 1 h 20 min (16:00)");
            assertThat(got.replacesId()).isZero();
            assertThat(got.hints()).isEqualTo(Map.of("urgency", (byte) 1));
            assertThat(got.expireTimeout()).isEqualTo(-1);
            assertThat(Duration.ofNanos(got.atNanos() - refreshed)).isLessThan(Duration.ofSeconds(2));

            // the next threshold of the same window replaces the bubble; the limit is critical
            center.refreshed(now.plusSeconds(60), NotificationCenterTest.snapshot(now.plusSeconds(60), 100.0, 10.0));
            waitFor(desktop, 2);
            FakeNotificationService.Received limit = desktop.received().get(1);
            assertThat(limit.summary()).isEqualTo("5-hour limit reached");
            assertThat(limit.body()).isEqualTo("Resets in 1 h 19 min (16:00)");
            assertThat(limit.replacesId()).isEqualTo(1);
            assertThat(limit.hints()).isEqualTo(Map.of("urgency", (byte) 2));
            assertThat(desktop.received()).hasSize(2);
        }
    }

    @Test
    void withoutANotificationServiceTheMessageGoesToTheFallback() throws Exception {
        assertThat(sink.available()).isFalse();
        Notification n = new Notification(Notification.Type.THRESHOLD, LimitWindow.WEEKLY, 80, 81.0, null);
        assertThatThrownBy(() -> sink.deliver(n, "Weekly window at 80%", "81% used · reset time unknown"))
                .isInstanceOf(FreedesktopNotificationSink.Unavailable.class);

        List<String> shownInstead = new ArrayList<>();
        new FallbackNotificationSink(sink, (x, title, body) -> shownInstead.add(title + " / " + body))
                .deliver(n, "Weekly window at 80%", "81% used · reset time unknown");
        assertThat(shownInstead).containsExactly("Weekly window at 80% / 81% used · reset time unknown");

        // once the desktop's service is up, the same sink reaches it
        try (FakeNotificationService desktop = FakeNotificationService.on(bus.address())) {
            assertThat(sink.available()).isTrue();
            sink.deliver(n, "Weekly window at 80%", "81% used · reset time unknown");
            waitFor(desktop, 1);
            assertThat(desktop.received().get(0).summary()).isEqualTo("Weekly window at 80%");
        }
    }

    @Test
    void onLinuxTheDesktopServiceIsChosenAndCarriesTheTrayHintToo() throws Exception {
        List<String> balloon = new ArrayList<>();
        NotificationSink tray = new NotificationSink() {
            @Override
            public void deliver(Notification n, String title, String body) {
                balloon.add(title);
            }

            @Override
            public void notice(String title, String body) {
                balloon.add(title);
            }
        };
        assertThat(DesktopNotifications.choose("Linux", new FreedesktopNotificationSink(bus.address()), tray))
                .as("no service on the bus").isSameAs(tray);
        try (FakeNotificationService desktop = FakeNotificationService.on(bus.address())) {
            assertThat(DesktopNotifications.choose("Windows 11", new FreedesktopNotificationSink(bus.address()), tray))
                    .isSameAs(tray);
            assertThat(DesktopNotifications.choose("Mac OS X", new FreedesktopNotificationSink(bus.address()), tray))
                    .isSameAs(tray);
            NotificationSink chosen = DesktopNotifications.choose("Linux", sink, tray);
            assertThat(chosen).isInstanceOf(FallbackNotificationSink.class);
            chosen.notice("Headroom is still running in the tray", "It keeps watching your limits.");
            waitFor(desktop, 1);
            assertThat(desktop.received().get(0).summary()).isEqualTo("Headroom is still running in the tray");
            assertThat(desktop.received().get(0).body()).isEqualTo("It keeps watching your limits.");
            assertThat(balloon).isEmpty();
        }
        // the service went away: the tray's balloon takes over
        NotificationSink chosen = new FallbackNotificationSink(sink, tray);
        chosen.deliver(new Notification(Notification.Type.RESET, LimitWindow.FIVE_HOUR, 0, 0, null),
                "5-hour window reset", "A fresh allowance.");
        assertThat(balloon).containsExactly("5-hour window reset");
    }

    @Test
    void aBusThatIsNotThereIsNoServiceAndNoCrash() {
        FreedesktopNotificationSink nowhere = new FreedesktopNotificationSink("unix:path=" + tmp.resolve("no-bus"));
        assertThat(nowhere.available()).isFalse();
        Notification n = new Notification(Notification.Type.RESET, LimitWindow.FIVE_HOUR, 0, 0, null);
        assertThatThrownBy(() -> nowhere.deliver(n, "5-hour window reset", "A fresh allowance."))
                .isInstanceOf(FreedesktopNotificationSink.Unavailable.class);
        assertThat(DesktopNotifications.choose("Linux", nowhere, sink)).isSameAs(sink);
    }

    static void waitFor(FakeNotificationService desktop, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (desktop.received().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(desktop.received()).hasSizeGreaterThanOrEqualTo(count);
    }
}
