package io.headroom.secrets;

import java.util.Optional;

/**
 * Generic credentials in the Windows Credential Manager, as bytes by target name: the part of
 * {@link WindowsCredentialStore} that calls the operating system, so the store's rules can be
 * tested anywhere with an in-memory stand-in.
 */
interface WindowsCredentials {

    /** The credential's blob, or empty when there is none with that target. */
    Optional<byte[]> read(String target) throws SecretStoreException;

    /** Creates or replaces the credential (persisted for this user on this machine). */
    void write(String target, String userName, byte[] blob) throws SecretStoreException;

    /** Deletes it; nothing to delete is not an error. */
    void delete(String target) throws SecretStoreException;
}
