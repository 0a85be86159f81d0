package io.headroom.domain;

/**
 * A failure explained in words a user can act on (a locked database, a full disk, a folder that
 * cannot be created): the command line prints its message alone, never a stack trace. The layers
 * that throw it (the store, the sources) subclass it, so the command line needs to know none of them.
 */
public class ExplainedFailure extends RuntimeException {

    public ExplainedFailure(String message) {
        super(message);
    }

    public ExplainedFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
