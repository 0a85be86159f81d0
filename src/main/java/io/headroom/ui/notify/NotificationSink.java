package io.headroom.ui.notify;

import io.headroom.domain.notify.Notification;

/**
 * Where notifications go: the desktop's notification service, the tray's balloon, a popup in the
 * window, or a test's list. Called on the refresh thread (or another background thread), never on
 * the FX thread.
 */
@FunctionalInterface
public interface NotificationSink {
    void deliver(Notification notification, String title, String body);

    /**
     * A message about Headroom itself rather than a window ("still running in the tray"). Sinks
     * that cannot say one refuse it, so {@link FallbackNotificationSink} passes it on.
     */
    default void notice(String title, String body) {
        throw new UnsupportedOperationException("this sink shows only window notifications");
    }
}
