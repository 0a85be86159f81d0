package io.headroom.cli;

import io.headroom.config.DiskFull;
import io.headroom.domain.ExplainedFailure;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** One sentence for the user; stack traces stay out of the terminal. */
final class Errors {

    private Errors() {
    }

    /** The exit status for a failure that reached the command line. */
    static final int FAILED = 1;

    /** A full disk: sysexits' EX_TEMPFAIL, "try again later", since freeing space and rerunning is the fix. */
    static final int DISK_FULL = 75;

    static int exitCode(Throwable e) {
        return DiskFull.is(e) ? DISK_FULL : FAILED;
    }

    static String describe(Throwable e) {
        if (e instanceof ExplainedFailure || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (DiskFull.is(e)) {
            Path where = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()).getParent() : null;
            return DiskFull.message(where);
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
