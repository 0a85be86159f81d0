package io.headroom.ui.notify;

import java.util.Locale;

/**
 * Picks how notifications reach the user: the desktop's own wherever there is one. On Linux and
 * the BSDs that is the freedesktop service on the session bus (with {@code otherwise} for when it
 * goes away); on Windows and macOS AWT's tray balloon already is the OS's notification, and the
 * in-window popup is for desktops with neither.
 */
public final class DesktopNotifications {

    private DesktopNotifications() {
    }

    /**
     * @param otherwise the tray's balloon, or the in-window popup where there is no tray
     * @return the sink to use; {@code freedesktop} is closed when it is not part of it
     */
    public static NotificationSink choose(String osName, FreedesktopNotificationSink freedesktop,
            NotificationSink otherwise) {
        if (usesFreedesktop(osName) && freedesktop.available()) {
            return new FallbackNotificationSink(freedesktop, otherwise);
        }
        freedesktop.close();
        return otherwise;
    }

    static boolean usesFreedesktop(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        return !os.startsWith("windows") && !os.startsWith("mac") && !os.isEmpty();
    }
}
