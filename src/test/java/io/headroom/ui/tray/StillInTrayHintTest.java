package io.headroom.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.ui.notify.NotificationSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first close of the window says Headroom stays in the tray; later closes, and later runs, do not. */
class StillInTrayHintTest {

    @TempDir
    Path data;

    final List<String> notices = new CopyOnWriteArrayList<>();
    final NotificationSink sink = new NotificationSink() {
        @Override
        public void deliver(io.headroom.domain.notify.Notification n, String title, String body) {
            throw new AssertionError("a window notification for the hint");
        }

        @Override
        public void notice(String title, String body) {
            notices.add(title + " | " + body);
        }
    };

    @Test
    void saidOnceAndRememberedInTheDataFolder() {
        StillInTrayHint hint = new StillInTrayHint(data, sink);
        hint.windowClosed();
        hint.windowClosed();
        assertThat(notices).containsExactly("Headroom is still running in the tray | It keeps watching your limits. "
                + "Click its icon to open the window again; Quit Headroom in its menu ends it.");
        assertThat(Files.exists(data.resolve("notice-still-in-tray"))).isTrue();

        new StillInTrayHint(data, sink).windowClosed(); // the next start
        assertThat(notices).hasSize(1);
    }
}
