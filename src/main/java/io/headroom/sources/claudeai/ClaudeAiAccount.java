package io.headroom.sources.claudeai;

import io.headroom.secrets.SecretStore;
import io.headroom.secrets.SecretStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** What Settings and {@code headroom settings} do with the claude.ai source: save a key, switch it off. */
public final class ClaudeAiAccount {

    /** claude.ai's session keys look like {@code sk-ant-sid01-…}; anything else is probably a paste mistake. */
    private static final Pattern KEY = Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{8,}");

    public static final String WHERE_TO_FIND = "In your browser, open claude.ai and its developer tools "
            + "(F12): Application (Chrome, Edge) or Storage (Firefox, Safari) → Cookies → https://claude.ai → "
            + "copy the value of sessionKey (it starts with sk-ant-sid01-).";

    private final Path settingsFile;
    private final SecretStore secrets;
    private final Supplier<Instant> clock;

    public ClaudeAiAccount(Path settingsFile, SecretStore secrets, Supplier<Instant> clock) {
        this.settingsFile = settingsFile;
        this.secrets = secrets;
        this.clock = clock;
    }

    public SecretStore secrets() {
        return secrets;
    }

    public Path settingsFile() {
        return settingsFile;
    }

    public ClaudeAiSettings settings() throws IOException {
        return ClaudeAiSettings.load(settingsFile);
    }

    /** Keeps {@code key} in the secret store and switches the source on. The message never repeats the key. */
    public void saveKey(String key) throws IOException, SecretStoreException {
        String k = key == null ? "" : key.strip();
        if (k.startsWith("sessionKey=")) {
            k = k.substring("sessionKey=".length());
        }
        if (!KEY.matcher(k).matches()) {
            throw new IllegalArgumentException("That does not look like a claude.ai session key (it starts with "
                    + "sk-ant-sid01- and has no spaces). " + WHERE_TO_FIND);
        }
        secrets.put(ClaudeAiSource.KEY_NAME, k);
        ClaudeAiSettings.load(settingsFile).withNewKey(clock.get()).save(settingsFile);
    }

    /** Switches the source off and forgets the key. */
    public void turnOff() throws IOException, SecretStoreException {
        secrets.delete(ClaudeAiSource.KEY_NAME);
        ClaudeAiSettings.load(settingsFile).withEnabled(false).save(settingsFile);
    }
}
