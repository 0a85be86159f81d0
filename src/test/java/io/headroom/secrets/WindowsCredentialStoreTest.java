package io.headroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows Credential Manager store's rules, over an in-memory Credential Manager (the real one
 * exists only on Windows), and the CREDENTIALW layout JNA passes to advapi32.
 */
class WindowsCredentialStoreTest {

    private static final String KEY = "sk-ant-sid01-" + "W".repeat(60);

    @TempDir
    Path dir;

    /** What CredWriteW/CredReadW/CredDeleteW keep, by target. */
    static final class InMemory implements WindowsCredentials {
        final Map<String, byte[]> blobs = new LinkedHashMap<>();
        final Map<String, String> users = new LinkedHashMap<>();

        @Override
        public Optional<byte[]> read(String target) {
            return Optional.ofNullable(blobs.get(target));
        }

        @Override
        public void write(String target, String userName, byte[] blob) {
            blobs.put(target, blob.clone());
            users.put(target, userName);
        }

        @Override
        public void delete(String target) {
            blobs.remove(target);
        }
    }

    @Test
    void aSecretIsOneGenericCredentialNamedForHeadroom() throws Exception {
        InMemory manager = new InMemory();
        WindowsCredentialStore store = new WindowsCredentialStore(manager);

        assertThat(store.get("claude_ai_session_key")).isEmpty();
        store.put("claude_ai_session_key", KEY);
        assertThat(manager.blobs).containsOnlyKeys("Headroom/claude_ai_session_key");
        assertThat(new String(manager.blobs.get("Headroom/claude_ai_session_key"), StandardCharsets.UTF_8)).isEqualTo(KEY);
        assertThat(manager.users).containsEntry("Headroom/claude_ai_session_key", "Headroom");
        assertThat(store.get("claude_ai_session_key")).contains(KEY);

        store.put("claude_ai_session_key", KEY + "x");
        assertThat(store.get("claude_ai_session_key")).contains(KEY + "x");
        store.delete("claude_ai_session_key");
        assertThat(store.get("claude_ai_session_key")).isEmpty();
        store.delete("claude_ai_session_key"); // nothing to delete is fine
        assertThat(store.displayName()).isEqualTo("the Windows Credential Manager");
    }

    @Test
    void tooLongSecretsAndBadNamesAreRefusedWithoutTheSecretInTheMessage() {
        WindowsCredentialStore store = new WindowsCredentialStore(new InMemory());
        String huge = "sk-ant-sid01-" + "Z".repeat(3000);

        assertThatThrownBy(() -> store.put("claude_ai_session_key", huge)).isInstanceOf(SecretStoreException.class)
                .hasMessage("The Windows Credential Manager keeps at most 2560 bytes in one item; this secret has 3013.")
                .message().doesNotContain("ZZZZ");
        assertThatThrownBy(() -> store.put("../other", KEY)).isInstanceOf(SecretStoreException.class)
                .message().doesNotContain(KEY);
    }

    @Test
    void windowsGetsTheCredentialManagerWithoutLoadingItElsewhere() {
        SecretStore chosen = SecretStores.forSystem(Map.of(), "Windows 11", dir);

        assertThat(chosen).isInstanceOf(WindowsCredentialStore.class);
        assertThat(SecretStores.forSystem(Map.of(SecretStores.OVERRIDE_ENV, "file"), "Windows 11", dir))
                .isInstanceOf(FileSecretStore.class);
    }

    @Test
    void theCredentialStructureHasWincredsLayout() {
        Advapi32Credentials.Credential c = new Advapi32Credentials.Credential();
        // CREDENTIALW: 4+4, 2 pointers, FILETIME (8), DWORD + padding, pointer, 2 DWORDs, 3 pointers.
        int expected = Native.POINTER_SIZE == 8 ? 80 : 52;
        assertThat(c.size()).isEqualTo(expected);
    }
}
