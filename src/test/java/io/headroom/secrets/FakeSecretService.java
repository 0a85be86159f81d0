package io.headroom.secrets;

import io.headroom.secrets.SecretServiceApi.Pair;
import io.headroom.secrets.SecretServiceApi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

/**
 * A keyring on a test bus, as the Secret Service specification describes one: owns
 * {@code org.freedesktop.secrets}, opens plain sessions, keeps items with attributes in a
 * {@code login} collection that the {@code default} alias names, and, while locked, refuses to
 * create items or hand out secrets until {@code Unlock}'s prompt is answered (which it does at
 * once, like a user typing the password, emitting {@code Prompt.Completed}).
 */
@SuppressWarnings("checkstyle:MethodName")
final class FakeSecretService implements SecretServiceApi.Service, AutoCloseable {

    static final String COLLECTION = "/org/freedesktop/secrets/collection/login";

    record StoredItem(String path, Map<String, String> attributes, String label, byte[] value) {
    }

    private final DBusConnection connection;
    private final Map<String, StoredItem> items = new ConcurrentHashMap<>();
    private final List<String> algorithms = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger prompts = new AtomicInteger();
    private volatile boolean locked;

    private FakeSecretService(DBusConnection connection, boolean locked) {
        this.connection = connection;
        this.locked = locked;
    }

    static FakeSecretService on(String address, boolean locked) throws Exception {
        DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        FakeSecretService s = new FakeSecretService(c, locked);
        c.exportObject(SecretServiceApi.SERVICE_PATH, s);
        c.exportObject(COLLECTION, s.new Collection());
        c.requestBusName(SecretServiceApi.BUS_NAME);
        return s;
    }

    List<StoredItem> items() {
        return List.copyOf(items.values());
    }

    List<String> algorithms() {
        return List.copyOf(algorithms);
    }

    int promptsShown() {
        return prompts.get();
    }

    boolean locked() {
        return locked;
    }

    void lock() {
        locked = true;
    }

    @Override
    public Pair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input) {
        algorithms.add(algorithm);
        if (!"plain".equals(algorithm)) {
            throw new DBusExecutionException("org.freedesktop.DBus.Error.NotSupported: " + algorithm);
        }
        String path = "/org/freedesktop/secrets/session/s" + ids.incrementAndGet();
        try {
            connection.exportObject(path, new Session(path));
        } catch (DBusException e) {
            throw new DBusExecutionException(e.getMessage());
        }
        return new Pair<>(new Variant<>(""), new DBusPath(path));
    }

    @Override
    public Pair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes) {
        List<DBusPath> found = new ArrayList<>();
        for (StoredItem i : items.values()) {
            if (i.attributes().entrySet().containsAll(attributes.entrySet())) {
                found.add(new DBusPath(i.path()));
            }
        }
        return locked ? new Pair<>(List.of(), found) : new Pair<>(found, List.of());
    }

    @Override
    public Pair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects) {
        if (!locked) {
            return new Pair<>(objects, new DBusPath(SecretServiceApi.NO_PROMPT));
        }
        String path = "/org/freedesktop/secrets/prompt/p" + ids.incrementAndGet();
        try {
            connection.exportObject(path, new Prompt(path));
        } catch (DBusException e) {
            throw new DBusExecutionException(e.getMessage());
        }
        return new Pair<>(List.of(), new DBusPath(path));
    }

    @Override
    public DBusPath ReadAlias(String name) {
        return new DBusPath("default".equals(name) ? COLLECTION : SecretServiceApi.NO_PROMPT);
    }

    @Override
    public String getObjectPath() {
        return SecretServiceApi.SERVICE_PATH;
    }

    @Override
    public void close() throws Exception {
        connection.releaseBusName(SecretServiceApi.BUS_NAME);
        connection.close();
    }

    private final class Collection implements SecretServiceApi.Collection {
        @Override
        public Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret,
                boolean replace) {
            if (locked) {
                throw new DBusExecutionException("org.freedesktop.Secret.Error.IsLocked");
            }
            @SuppressWarnings("unchecked")
            Map<String, String> attrs = Map.copyOf((Map<String, String>) properties
                    .get("org.freedesktop.Secret.Item.Attributes").getValue());
            String label = (String) properties.get("org.freedesktop.Secret.Item.Label").getValue();
            StoredItem existing = items.values().stream().filter(i -> i.attributes().equals(attrs)).findFirst()
                    .orElse(null);
            String path = existing != null && replace ? existing.path() : COLLECTION + "/i" + ids.incrementAndGet();
            items.put(path, new StoredItem(path, attrs, label, secret.value.clone()));
            if (existing == null || !replace) {
                try {
                    connection.exportObject(path, new Item(path));
                } catch (DBusException e) {
                    throw new DBusExecutionException(e.getMessage());
                }
            }
            return new Pair<>(new DBusPath(path), new DBusPath(SecretServiceApi.NO_PROMPT));
        }

        @Override
        public String getObjectPath() {
            return COLLECTION;
        }
    }

    private final class Item implements SecretServiceApi.Item {
        private final String path;

        Item(String path) {
            this.path = path;
        }

        @Override
        public DBusPath Delete() {
            if (locked) {
                throw new DBusExecutionException("org.freedesktop.Secret.Error.IsLocked");
            }
            items.remove(path);
            connection.unExportObject(path);
            return new DBusPath(SecretServiceApi.NO_PROMPT);
        }

        @Override
        public Secret GetSecret(DBusPath session) {
            if (locked) {
                throw new DBusExecutionException("org.freedesktop.Secret.Error.IsLocked");
            }
            StoredItem i = items.get(path);
            return new Secret(session, new byte[0], i.value().clone(), "text/plain; charset=utf8");
        }

        @Override
        public String getObjectPath() {
            return path;
        }
    }

    private final class Session implements SecretServiceApi.Session {
        private final String path;

        Session(String path) {
            this.path = path;
        }

        @Override
        public void Close() {
            connection.unExportObject(path);
        }

        @Override
        public String getObjectPath() {
            return path;
        }
    }

    private final class Prompt implements SecretServiceApi.Prompt {
        private final String path;

        Prompt(String path) {
            this.path = path;
        }

        @Override
        public void Prompt(String windowId) {
            prompts.incrementAndGet();
            locked = false;
            try {
                connection.sendMessage(new Completed(path, false, new Variant<>("")));
            } catch (DBusException e) {
                throw new DBusExecutionException(e.getMessage());
            }
        }

        @Override
        public String getObjectPath() {
            return path;
        }
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
