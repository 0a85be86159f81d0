package io.headroom.cli;

import io.headroom.secrets.SecretStoreException;
import io.headroom.sources.claudeai.ClaudeAiAccount;
import io.headroom.sources.claudeai.ClaudeAiSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** {@code headroom settings --claude-ai-session-key -} and {@code --claude-ai on|off}. */
final class ClaudeAiFlags {

    private ClaudeAiFlags() {
    }

    static void apply(ClaudeAiAccount account, String key, String switchTo, InputStream stdin)
            throws IOException, SecretStoreException {
        if (key != null) {
            if (!key.equals("-")) {
                // The value given here would stay in the shell's history and in ps for everyone to see.
                throw new IllegalArgumentException("--claude-ai-session-key takes -, and then the key on standard "
                        + "input (paste it and press Enter, or pipe it), so it never lands in your shell history.");
            }
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("No session key on standard input. " + ClaudeAiAccount.WHERE_TO_FIND);
            }
            account.saveKey(line);
        }
        if (switchTo != null) {
            switch (switchTo.strip().toLowerCase(Locale.ROOT)) {
                case "off" -> account.turnOff();
                case "on" -> {
                    if (account.secrets().get(io.headroom.sources.claudeai.ClaudeAiSource.KEY_NAME).isEmpty()) {
                        throw new IllegalArgumentException("No claude.ai session key is saved yet: "
                                + "headroom settings --claude-ai-session-key -");
                    }
                    account.settings().withEnabled(true).save(account.settingsFile());
                }
                default -> throw new IllegalArgumentException("--claude-ai is on or off, not " + switchTo);
            }
        }
    }

    static String describe(ClaudeAiAccount account) {
        ClaudeAiSettings s;
        try {
            s = account.settings();
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + ClaudeAiSettings.FILE + ")";
        }
        if (!s.enabled()) {
            return "off (headroom settings --claude-ai-session-key - to read claude.ai's usage)";
        }
        String warning = account.secrets().warning();
        return "on, key kept in " + account.secrets().displayName() + (warning == null ? "" : "\n  warning: " + warning);
    }
}
