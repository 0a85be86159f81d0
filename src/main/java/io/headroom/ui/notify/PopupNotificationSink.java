package io.headroom.ui.notify;

import io.headroom.domain.notify.Notification;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

/**
 * Without a tray: a ControlsFX popup in the corner of the screen the dashboard is on. Only while
 * the window shows (without a tray, closing it quits, so there is nothing to notify then).
 */
public final class PopupNotificationSink implements NotificationSink {

    private final Window owner;

    public PopupNotificationSink(Window owner) {
        this.owner = owner;
    }

    @Override
    public void deliver(Notification n, String title, String body) {
        show(title, body, n.type() != Notification.Type.RESET);
    }

    @Override
    public void notice(String title, String body) {
        show(title, body, false);
    }

    private void show(String title, String body, boolean warning) {
        Platform.runLater(() -> {
            if (!owner.isShowing()) {
                return;
            }
            Notifications popup = Notifications.create().owner(owner).title(title).text(body)
                    .position(Pos.BOTTOM_RIGHT).hideAfter(javafx.util.Duration.seconds(10));
            if (warning) {
                popup.showWarning();
            } else {
                popup.showInformation();
            }
        });
    }
}
