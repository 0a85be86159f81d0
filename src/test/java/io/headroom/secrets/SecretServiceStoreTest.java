package io.headroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.SessionBus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Secret Service store against a real {@code dbus-daemon --session} and a keyring exported on it. */
class SecretServiceStoreTest {

    private static final String NAME = "claude_ai_session_key";
    private static final String KEY = "sk-ant-sid01-Vb5nM2qW8eR3tY6uI1oP4aS7dF0gH9jK-lZ_xC3vB6nM1-DDD";

    @TempDir
    Path tmp;

    @Test
    void putGetReplaceAndDeleteAnItemWithHeadroomsAttributesInAPlainSession() throws Exception {
        try (SessionBus bus = SessionBus.start(tmp); FakeSecretService keyring = FakeSecretService.on(bus.address(),
                false)) {
            SecretServiceStore store = new SecretServiceStore(bus.address());
            assertThat(store.get(NAME)).isEmpty();

            store.put(NAME, KEY);
            assertThat(keyring.items()).hasSize(1);
            FakeSecretService.StoredItem item = keyring.items().get(0);
            assertThat(item.attributes()).isEqualTo(Map.of("application", "headroom", "name", NAME));
            assertThat(item.label()).isEqualTo("Headroom: " + NAME);
            assertThat(FakeSecretService.text(item.value())).isEqualTo(KEY);
            assertThat(store.get(NAME)).contains(KEY);

            store.put(NAME, KEY + "2");
            assertThat(keyring.items()).hasSize(1);
            assertThat(store.get(NAME)).contains(KEY + "2");

            store.delete(NAME);
            assertThat(keyring.items()).isEmpty();
            assertThat(store.get(NAME)).isEmpty();
            assertThat(keyring.algorithms()).isNotEmpty().allMatch("plain"::equals);
        }
    }

    @Test
    void aLockedKeyringIsUnlockedThroughItsPrompt() throws Exception {
        try (SessionBus bus = SessionBus.start(tmp); FakeSecretService keyring = FakeSecretService.on(bus.address(),
                true)) {
            SecretServiceStore store = new SecretServiceStore(bus.address());
            store.put(NAME, KEY);
            assertThat(keyring.promptsShown()).isEqualTo(1);
            assertThat(keyring.locked()).isFalse();

            keyring.lock();
            assertThat(store.get(NAME)).contains(KEY);
            assertThat(keyring.promptsShown()).isEqualTo(2);
        }
    }

    @Test
    void theSystemChoiceIsTheKeyringWhenItAnswersAndTheFileWhenNot() throws Exception {
        try (SessionBus bus = SessionBus.start(tmp)) {
            Map<String, String> env = Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address());
            assertThat(SecretStores.forSystem(env, "Linux", tmp.resolve("data"))).isInstanceOf(FileSecretStore.class);
            try (FakeSecretService keyring = FakeSecretService.on(bus.address(), false)) {
                assertThat(SecretStores.forSystem(env, "Linux", tmp.resolve("data")))
                        .isInstanceOf(SecretServiceStore.class);
                assertThat(SecretStores.forSystem(Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address(),
                        SecretStores.OVERRIDE_ENV, "file"), "Linux", tmp.resolve("data")))
                        .isInstanceOf(FileSecretStore.class);
            }
        }
        assertThat(SecretStores.forSystem(Map.of(), "Linux", tmp.resolve("data"))).isInstanceOf(FileSecretStore.class);
    }
}
