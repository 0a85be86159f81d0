package io.headroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.DesktopTools;
import io.headroom.testing.SessionBus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Secret Service store against a real GNOME Keyring (Debian's gnome-keyring-daemon, secrets
 * component) on a private session bus with its own keyring folder: the key goes in, comes back,
 * is replaced and removed, and the system's choice of store picks the keyring, never a file.
 */
class GnomeKeyringTest {

    private static final String KEY = "sk-ant-sid01-" + "Q".repeat(40) + "-realkeyringtest";

    @TempDir
    Path dir;

    @Test
    void aSessionKeyLivesInTheRealKeyringAndNowhereInTheDataFolder() throws Exception {
        String daemon = DesktopTools.require("gnome-keyring-daemon", "gnome-keyring");
        try (SessionBus bus = SessionBus.start(dir)) {
            ProcessBuilder pb = new ProcessBuilder(daemon, "--foreground", "--components=secrets", "--unlock")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keyring.log").toFile());
            pb.environment().put("DBUS_SESSION_BUS_ADDRESS", bus.address());
            pb.environment().put("HOME", dir.resolve("home").toString());
            pb.environment().put("XDG_DATA_HOME", dir.resolve("home").resolve(".local/share").toString());
            pb.environment().put("XDG_RUNTIME_DIR", Files.createDirectories(dir.resolve("run")).toString());
            Files.createDirectories(dir.resolve("home"));
            Process keyring = pb.start();
            try {
                // --unlock reads the login keyring's password from stdin, creating the keyring on first use.
                keyring.getOutputStream().write("test-password".getBytes(StandardCharsets.UTF_8));
                keyring.getOutputStream().close();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!SecretServiceStore.available(bus.address())) {
                    assertThat(keyring.isAlive()).as("gnome-keyring-daemon runs; log: %s", log()).isTrue();
                    assertThat(System.nanoTime()).as("the keyring answers within 20 s; log: %s", log()).isLessThan(end);
                    Thread.sleep(100);
                }
                Path data = Files.createDirectories(dir.resolve("data"));
                SecretStore store = SecretStores.forSystem(Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address()), "Linux", data);
                assertThat(store).isInstanceOf(SecretServiceStore.class);

                assertThat(store.get("claude_ai_session_key")).isEmpty();
                store.put("claude_ai_session_key", KEY);
                assertThat(store.get("claude_ai_session_key")).contains(KEY);
                store.put("claude_ai_session_key", KEY + "-2");
                assertThat(store.get("claude_ai_session_key")).contains(KEY + "-2");
                // A new connection (another Headroom process) reads the same item.
                assertThat(new SecretServiceStore(bus.address()).get("claude_ai_session_key")).contains(KEY + "-2");

                try (Stream<Path> files = Files.walk(data)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).doesNotContain("realkeyringtest");
                    }
                }
                store.delete("claude_ai_session_key");
                assertThat(store.get("claude_ai_session_key")).isEmpty();
            } finally {
                keyring.destroy();
                keyring.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("keyring.log"));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
