package io.headroom.secrets;

import io.headroom.secrets.SecretServiceApi.Pair;
import io.headroom.secrets.SecretServiceApi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.Variant;

/**
 * The Linux desktop's keyring (GNOME Keyring, KWallet) through the freedesktop Secret Service
 * on the session bus. Items live in the {@code default} collection with the attributes
 * {@code application=headroom} and {@code name=<secret's name>}. The session is "plain": the
 * specification allows it, and the secret only crosses the local session bus, which other users
 * cannot read. A locked collection or item is unlocked through the service, which may show the
 * desktop's password prompt. Each call opens and closes its own connection.
 */
public final class SecretServiceStore implements SecretStore {

    private static final String APPLICATION = "headroom";
    private static final String DEFAULT_ALIAS = "default";
    private static final long PROMPT_WAIT_SECONDS = 120;

    private final String busAddress;

    public SecretServiceStore(String busAddress) {
        this.busAddress = busAddress;
    }

    /** Whether the bus answers and something owns {@code org.freedesktop.secrets} or can be started for it. */
    public static boolean available(String busAddress) {
        try (DBusConnection c = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build()) {
            DBus bus = c.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            return bus.NameHasOwner(SecretServiceApi.BUS_NAME)
                    || Arrays.asList(bus.ListActivatableNames()).contains(SecretServiceApi.BUS_NAME);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    @Override
    public String displayName() {
        return "the desktop keyring (Secret Service)";
    }

    @Override
    public Optional<String> get(String name) throws SecretStoreException {
        return withService((c, service, session) -> {
            List<DBusPath> items = unlockedItems(c, service, name);
            if (items.isEmpty()) {
                return Optional.<String>empty();
            }
            SecretServiceApi.Item item = c.getRemoteObject(SecretServiceApi.BUS_NAME, items.get(0).getPath(),
                    SecretServiceApi.Item.class);
            Secret s = item.GetSecret(session);
            String value = new String(s.value, StandardCharsets.UTF_8);
            Arrays.fill(s.value, (byte) 0);
            return value.isEmpty() ? Optional.<String>empty() : Optional.of(value);
        });
    }

    @Override
    public void put(String name, String secret) throws SecretStoreException {
        withService((c, service, session) -> {
            DBusPath collection = service.ReadAlias(DEFAULT_ALIAS);
            if (collection == null || SecretServiceApi.NO_PROMPT.equals(collection.getPath())) {
                throw new SecretStoreException("The keyring has no default collection; create one in the "
                        + "desktop's passwords app.");
            }
            unlock(c, service, List.of(collection));
            Map<String, Variant<?>> props = new HashMap<>();
            props.put("org.freedesktop.Secret.Item.Label", new Variant<>("Headroom: " + name));
            props.put("org.freedesktop.Secret.Item.Attributes", new Variant<>(attributes(name), "a{ss}"));
            SecretServiceApi.Collection col = c.getRemoteObject(SecretServiceApi.BUS_NAME, collection.getPath(),
                    SecretServiceApi.Collection.class);
            Pair<DBusPath, DBusPath> created = col.CreateItem(props, new Secret(session, new byte[0],
                    secret.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf8"), true);
            prompt(c, created.second);
            return null;
        });
    }

    @Override
    public void delete(String name) throws SecretStoreException {
        withService((c, service, session) -> {
            for (DBusPath p : unlockedItems(c, service, name)) {
                SecretServiceApi.Item item = c.getRemoteObject(SecretServiceApi.BUS_NAME, p.getPath(),
                        SecretServiceApi.Item.class);
                prompt(c, item.Delete());
            }
            return null;
        });
    }

    private static Map<String, String> attributes(String name) {
        return Map.of("application", APPLICATION, "name", name);
    }

    private List<DBusPath> unlockedItems(DBusConnection c, SecretServiceApi.Service service, String name)
            throws SecretStoreException, DBusException {
        Pair<List<DBusPath>, List<DBusPath>> found = service.SearchItems(attributes(name));
        if (!found.first.isEmpty()) {
            return found.first;
        }
        if (found.second.isEmpty()) {
            return List.of();
        }
        unlock(c, service, found.second);
        return found.second;
    }

    private void unlock(DBusConnection c, SecretServiceApi.Service service, List<DBusPath> objects)
            throws SecretStoreException, DBusException {
        Pair<List<DBusPath>, DBusPath> r = service.Unlock(objects);
        prompt(c, r.second);
    }

    /** Shows the service's prompt (a password dialog) and waits until the user answers it. */
    private void prompt(DBusConnection c, DBusPath prompt) throws SecretStoreException, DBusException {
        if (prompt == null || SecretServiceApi.NO_PROMPT.equals(prompt.getPath())) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean dismissed = new AtomicBoolean();
        AutoCloseable handler = c.addSigHandler(SecretServiceApi.Prompt.Completed.class, signal -> {
            if (signal.getPath().equals(prompt.getPath())) {
                dismissed.set(signal.dismissed());
                done.countDown();
            }
        });
        try {
            c.getRemoteObject(SecretServiceApi.BUS_NAME, prompt.getPath(), SecretServiceApi.Prompt.class).Prompt("");
            if (!done.await(PROMPT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SecretStoreException("The keyring's password prompt was not answered.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretStoreException("Interrupted while waiting for the keyring's prompt.", e);
        } finally {
            try {
                handler.close();
            } catch (Exception ignored) {
                // The connection closes right after.
            }
        }
        if (dismissed.get()) {
            throw new SecretStoreException("The keyring stays locked: its password prompt was dismissed.");
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run(DBusConnection c, SecretServiceApi.Service service, DBusPath session)
                throws SecretStoreException, DBusException;
    }

    private <T> T withService(Call<T> call) throws SecretStoreException {
        try (DBusConnection c = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build()) {
            SecretServiceApi.Service service = c.getRemoteObject(SecretServiceApi.BUS_NAME,
                    SecretServiceApi.SERVICE_PATH, SecretServiceApi.Service.class);
            Pair<Variant<?>, DBusPath> opened = service.OpenSession("plain", new Variant<>(""));
            try {
                return call.run(c, service, opened.second);
            } finally {
                try {
                    c.getRemoteObject(SecretServiceApi.BUS_NAME, opened.second.getPath(),
                            SecretServiceApi.Session.class).Close();
                } catch (DBusExecutionException ignored) {
                    // The session ends with the connection anyway.
                }
            }
        } catch (DBusException | DBusExecutionException e) {
            // D-Bus error names and messages describe the call, never the secret's value.
            throw new SecretStoreException("The desktop keyring failed: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new SecretStoreException("Cannot reach the session bus (" + e.getClass().getSimpleName() + ").", e);
        }
    }
}
