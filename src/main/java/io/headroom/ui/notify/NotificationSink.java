package io.headroom.ui.notify;

import io.headroom.domain.notify.Notification;

/** Where notifications go: the tray's balloon, a popup in the window, or a test's list. Called on the refresh thread. */
@FunctionalInterface
public interface NotificationSink {
    void deliver(Notification notification, String title, String body);
}
