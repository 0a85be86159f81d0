package io.headroom.secrets;

import java.util.Optional;

/**
 * Where Headroom keeps a secret the user gave it (the claude.ai session key): the operating
 * system's own store where there is one, else a private file. Secrets are named ({@code claude_ai_session_key});
 * no method ever puts a secret into an exception message.
 */
public interface SecretStore {

    /** For people: "Secret Service (GNOME Keyring, KWallet)", "macOS Keychain", "a private file". */
    String displayName();

    Optional<String> get(String name) throws SecretStoreException;

    void put(String name, String secret) throws SecretStoreException;

    void delete(String name) throws SecretStoreException;

    /** What the user should know about this store (a plain file is weaker than a keyring); null when nothing. */
    default String warning() {
        return null;
    }
}
