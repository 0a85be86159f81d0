package io.headroom.ui.notify;

import io.headroom.domain.notify.Notification;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The first sink, and the second whenever the first fails (the notification service went away, say). */
public final class FallbackNotificationSink implements NotificationSink {

    private static final Logger LOG = Logger.getLogger(FallbackNotificationSink.class.getName());

    private final NotificationSink first;
    private final NotificationSink otherwise;

    public FallbackNotificationSink(NotificationSink first, NotificationSink otherwise) {
        this.first = first;
        this.otherwise = otherwise;
    }

    @Override
    public void deliver(Notification notification, String title, String body) {
        try {
            first.deliver(notification, title, body);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "notification shown the other way: " + e.getMessage());
            otherwise.deliver(notification, title, body);
        }
    }

    @Override
    public void notice(String title, String body) {
        try {
            first.notice(title, body);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "notice shown the other way: " + e.getMessage());
            otherwise.notice(title, body);
        }
    }
}
