package io.headroom.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Windows Credential Manager: one generic credential per secret, target
 * {@code Headroom/<name>} (shown so in the control panel's Windows Credentials), user name
 * {@code Headroom}, the secret as UTF-8 bytes, persisted for this user on this machine.
 */
public final class WindowsCredentialStore implements SecretStore {

    static final String TARGET_PREFIX = "Headroom/";
    /** CRED_MAX_CREDENTIAL_BLOB_SIZE: 5 * 512 bytes. */
    static final int MAX_BLOB = 5 * 512;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

    private final WindowsCredentials credentials;

    public WindowsCredentialStore() {
        this(new Advapi32Credentials());
    }

    WindowsCredentialStore(WindowsCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String displayName() {
        return "the Windows Credential Manager";
    }

    @Override
    public Optional<String> get(String name) throws SecretStoreException {
        Optional<byte[]> blob = credentials.read(target(name));
        if (blob.isEmpty() || blob.get().length == 0) {
            return Optional.empty();
        }
        return Optional.of(new String(blob.get(), StandardCharsets.UTF_8));
    }

    @Override
    public void put(String name, String secret) throws SecretStoreException {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BLOB) {
            throw new SecretStoreException("The Windows Credential Manager keeps at most " + MAX_BLOB
                    + " bytes in one item; this secret has " + bytes.length + ".");
        }
        credentials.write(target(name), "Headroom", bytes);
    }

    @Override
    public void delete(String name) throws SecretStoreException {
        credentials.delete(target(name));
    }

    private static String target(String name) throws SecretStoreException {
        if (!NAME.matcher(name).matches()) {
            throw new SecretStoreException("A secret's name is 1-64 lower-case letters, digits or _.");
        }
        return TARGET_PREFIX + name;
    }
}
