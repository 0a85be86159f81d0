package io.headroom.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the secret store for this machine: the Keychain on macOS, the Credential Manager on
 * Windows, the Secret Service on Linux and the BSDs when a session bus with
 * {@code org.freedesktop.secrets} answers, else the private file.
 * {@code HEADROOM_SECRET_STORE=file} forces the file (headless servers, tests).
 */
public final class SecretStores {

    public static final String OVERRIDE_ENV = "HEADROOM_SECRET_STORE";

    private SecretStores() {
    }

    public static SecretStore forSystem(Map<String, String> env, String osName, Path dataFolder) {
        FileSecretStore file = new FileSecretStore(dataFolder.resolve(FileSecretStore.FOLDER));
        String forced = env.getOrDefault(OVERRIDE_ENV, "").strip().toLowerCase(Locale.ROOT);
        if (forced.equals("file")) {
            return file;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac") && Files.isExecutable(MacKeychainStore.SECURITY)) {
            return new MacKeychainStore(MacKeychainStore.SECURITY);
        }
        if (os.contains("win")) {
            return new WindowsCredentialStore();
        }
        if (!os.contains("win")) {
            String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
            if (bus != null && !bus.isBlank() && SecretServiceStore.available(bus)) {
                return new SecretServiceStore(bus);
            }
        }
        return file;
    }
}
