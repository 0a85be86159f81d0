package io.headroom.testing;

import io.headroom.ui.notify.FreedesktopNotifications;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Stands in for the desktop's notification daemon on a test bus: owns
 * {@code org.freedesktop.Notifications} and records every Notify call with the time it arrived.
 */
public final class FakeNotificationService implements FreedesktopNotifications, AutoCloseable {

    /** One Notify call as received. */
    public record Received(String appName, long replacesId, String summary, String body, Map<String, Object> hints,
            int expireTimeout, long atNanos) {
    }

    private final DBusConnection connection;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private FakeNotificationService(DBusConnection connection) {
        this.connection = connection;
    }

    public static FakeNotificationService on(String address) throws Exception {
        DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        FakeNotificationService service = new FakeNotificationService(c);
        c.exportObject(OBJECT_PATH, service);
        c.requestBusName(BUS_NAME);
        return service;
    }

    @Override
    public UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
            String[] actions, Map<String, Variant<?>> hints, int expireTimeout) {
        long at = System.nanoTime();
        Map<String, Object> plain = new java.util.TreeMap<>();
        hints.forEach((k, v) -> plain.put(k, v.getValue()));
        received.add(new Received(appName, replacesId.longValue(), summary, body, plain, expireTimeout, at));
        return replacesId.longValue() != 0 ? replacesId : new UInt32(ids.incrementAndGet());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    @Override
    public void close() throws Exception {
        connection.releaseBusName(BUS_NAME);
        connection.close();
    }
}
