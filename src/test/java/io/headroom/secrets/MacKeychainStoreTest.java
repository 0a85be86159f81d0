package io.headroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Keychain store against a stand-in for {@code /usr/bin/security} that keeps items in a folder
 * and logs its arguments, so the test sees what other users' {@code ps} would see.
 */
class MacKeychainStoreTest {

    private static final String KEY = "sk-ant-sid01-Kc2vB5nM8qW1eR4tY7uI0oP3aS6dF9gH-jK_lZ2xC5vB8-FFF";

    @TempDir
    Path tmp;

    /** Implements find/add (through -i on stdin)/delete-generic-password with security's exit code 44 for "not found". */
    private Path fakeSecurity() throws Exception {
        Path items = Files.createDirectories(tmp.resolve("items"));
        Path script = tmp.resolve("security");
        Files.writeString(script, """
                #!/bin/sh
                echo "$@" >> "%1$s/argv.log"
                items="%2$s"
                account() { while [ $# -gt 0 ]; do [ "$1" = "-a" ] && { echo "$2"; return; }; shift; done; }
                case "$1" in
                  -i)
                    read -r line
                    set -- $line
                    [ "$1" = add-generic-password ] || exit 1
                    a=$(account "$@")
                    w=$(echo "$line" | sed 's/.* -w "\\(.*\\)"$/\\1/')
                    printf '%%s' "$w" > "$items/$a" ;;
                  find-generic-password)
                    a=$(account "$@"); [ -f "$items/$a" ] || exit 44; cat "$items/$a"; echo ;;
                  delete-generic-password)
                    a=$(account "$@"); [ -f "$items/$a" ] || exit 44; rm "$items/$a" ;;
                  *) exit 2 ;;
                esac
                """.formatted(tmp, items));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void theSecretGoesThroughStandardInputNeverTheArguments() throws Exception {
        MacKeychainStore store = new MacKeychainStore(fakeSecurity());
        assertThat(store.get("claude_ai_session_key")).isEmpty();
        store.put("claude_ai_session_key", KEY);
        assertThat(Files.readString(tmp.resolve("items").resolve("claude_ai_session_key"))).isEqualTo(KEY);
        assertThat(store.get("claude_ai_session_key")).contains(KEY);
        store.delete("claude_ai_session_key");
        assertThat(store.get("claude_ai_session_key")).isEmpty();
        store.delete("claude_ai_session_key"); // deleting what is gone is fine

        String argv = Files.readString(tmp.resolve("argv.log"));
        assertThat(argv).doesNotContain("sk-ant").contains("-i").contains(
                "find-generic-password -s headroom -a claude_ai_session_key -w");
    }

    @Test
    void aSecretThatCannotBeQuotedSafelyIsRefusedWithoutRepeatingIt() throws Exception {
        MacKeychainStore store = new MacKeychainStore(fakeSecurity());
        assertThatThrownBy(() -> store.put("claude_ai_session_key", "abc\" ; rm -rf x"))
                .isInstanceOf(SecretStoreException.class).hasMessageNotContaining("rm -rf");
    }
}
