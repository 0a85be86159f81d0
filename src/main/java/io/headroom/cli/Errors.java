package io.headroom.cli;

import io.headroom.domain.ExplainedFailure;

/** One sentence for the user; stack traces stay out of the terminal. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable e) {
        if (e instanceof ExplainedFailure || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
