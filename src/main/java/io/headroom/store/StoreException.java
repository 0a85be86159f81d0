package io.headroom.store;

import io.headroom.domain.ExplainedFailure;

/** A store failure explained in words a user can act on. */
public class StoreException extends ExplainedFailure {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
