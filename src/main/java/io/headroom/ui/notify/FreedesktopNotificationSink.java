package io.headroom.ui.notify;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.notify.Notification;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Linux: the desktop's own notifications, sent to {@code org.freedesktop.Notifications} on the
 * session bus. Talks D-Bus directly (no {@code notify-send}), so it works wherever the desktop runs
 * a notification service and needs no extra package. The connection opens on the first message
 * and is opened again after a failure. A later message about the same window replaces the earlier
 * one on screen (80% then 95% leaves one bubble, not two).
 */
public final class FreedesktopNotificationSink implements NotificationSink, AutoCloseable {

    /** Thrown when the service cannot be reached, so a fallback can show the message instead. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = Logger.getLogger(FreedesktopNotificationSink.class.getName());
    /** dbus-java says which transport it picked at INFO on every connection: held so the level sticks. */
    private static final Logger DBUS_JAVA = Logger.getLogger("org.freedesktop.dbus");

    static {
        DBUS_JAVA.setLevel(Level.WARNING);
    }
    static final String APP_NAME = "Headroom";
    /** The freedesktop urgency hint: 1 normal, 2 critical (stays until dismissed). */
    private static final byte NORMAL = 1;
    private static final byte CRITICAL = 2;

    private final String address;
    private final Map<LimitWindow, UInt32> shownFor = new EnumMap<>(LimitWindow.class);
    private DBusConnection connection;

    /** @param address a D-Bus address ("unix:path=…"), or null for this user's session bus */
    public FreedesktopNotificationSink(String address) {
        this.address = address;
    }

    /** The session bus as the environment names it. */
    public static FreedesktopNotificationSink sessionBus() {
        return new FreedesktopNotificationSink(null);
    }

    @Override
    public synchronized void deliver(Notification n, String title, String body) {
        UInt32 replaces = shownFor.getOrDefault(n.window(), new UInt32(0));
        UInt32 id = send(replaces, title, body, n.type() == Notification.Type.LIMIT_REACHED ? CRITICAL : NORMAL);
        shownFor.put(n.window(), id);
    }

    @Override
    public synchronized void notice(String title, String body) {
        send(new UInt32(0), title, body, NORMAL);
    }

    private UInt32 send(UInt32 replaces, String title, String body, byte urgency) {
        try {
            FreedesktopNotifications service = connection().getRemoteObject(FreedesktopNotifications.BUS_NAME,
                    FreedesktopNotifications.OBJECT_PATH, FreedesktopNotifications.class);
            return service.Notify(APP_NAME, replaces, "", title, body, new String[0],
                    Map.of("urgency", new Variant<>(urgency)), -1);
        } catch (DBusException | RuntimeException e) { // dbus-java reports a missing bus with runtime exceptions too
            disconnect();
            throw new Unavailable("the desktop notification service did not answer: " + e.getMessage(), e);
        }
    }

    /** Whether the session bus has a notification service now, or can start one on demand. */
    public synchronized boolean available() {
        try {
            org.freedesktop.dbus.interfaces.DBus bus = connection().getRemoteObject("org.freedesktop.DBus",
                    "/org/freedesktop/DBus", org.freedesktop.dbus.interfaces.DBus.class);
            return bus.NameHasOwner(FreedesktopNotifications.BUS_NAME)
                    || java.util.Arrays.asList(bus.ListActivatableNames()).contains(FreedesktopNotifications.BUS_NAME);
        } catch (DBusException | RuntimeException e) {
            LOG.log(Level.FINE, "no session bus", e);
            disconnect();
            return false;
        }
    }

    private DBusConnection connection() throws DBusException {
        if (connection == null || !connection.isConnected()) {
            String where = address != null ? address : System.getenv("DBUS_SESSION_BUS_ADDRESS");
            if (where != null && where.startsWith("unix:path=")) {
                // dbus-java retries a missing socket for half a minute; there is nothing to wait for
                String path = where.substring("unix:path=".length()).split(",", 2)[0];
                if (!java.nio.file.Files.exists(java.nio.file.Path.of(path))) {
                    throw new DBusException("no D-Bus socket at " + path);
                }
            }
            // not shared: closing ours must not close a connection someone else in the JVM holds
            connection = (address == null ? DBusConnectionBuilder.forSessionBus() : DBusConnectionBuilder.forAddress(
                    address)).withShared(false).build();
        }
        return connection;
    }

    private void disconnect() {
        DBusConnection c = connection;
        connection = null;
        shownFor.clear();
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing the session bus connection", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
