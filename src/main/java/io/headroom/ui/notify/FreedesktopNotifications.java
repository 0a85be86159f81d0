package io.headroom.ui.notify;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The desktop notification service every Linux desktop runs (GNOME Shell, Plasma, dunst, mako…),
 * as the freedesktop Desktop Notifications Specification defines it. Only the call Headroom makes.
 */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface FreedesktopNotifications extends DBusInterface {

    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /**
     * Shows a notification, or replaces the one with {@code replacesId} (0: a new one).
     *
     * @param expireTimeout milliseconds; -1 leaves it to the desktop
     * @return the notification's id, for replacing it later
     */
    @SuppressWarnings("checkstyle:MethodName") // the D-Bus method is called Notify
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, String[] actions,
            Map<String, Variant<?>> hints, int expireTimeout);
}
