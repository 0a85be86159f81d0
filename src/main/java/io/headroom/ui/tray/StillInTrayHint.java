package io.headroom.ui.tray;

import io.headroom.config.OneTimeNotices;
import io.headroom.ui.notify.NotificationSink;
import java.nio.file.Path;

/**
 * Closing the window leaves Headroom in the tray, which surprises people the first time: so the
 * first close says so, once per data folder (remembered there like the no-tray notice).
 */
public final class StillInTrayHint {

    static final String NOTICE = "still-in-tray";
    public static final String TITLE = "Headroom is still running in the tray";
    public static final String BODY = "It keeps watching your limits. Click its icon to open the window again; "
            + "Quit Headroom in its menu ends it.";

    private final OneTimeNotices notices;
    private final NotificationSink sink;

    public StillInTrayHint(Path dataFolder, NotificationSink sink) {
        this.notices = new OneTimeNotices(dataFolder);
        this.sink = sink;
    }

    /** After the user closed the window (off the FX thread: this writes a file). */
    public void windowClosed() {
        if (notices.firstTime(NOTICE)) {
            sink.notice(TITLE, BODY);
        }
    }
}
