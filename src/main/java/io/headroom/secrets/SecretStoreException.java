package io.headroom.secrets;

/** The secret store could not be used. The message names the store and the problem, never a secret. */
public final class SecretStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
