package io.headroom.store;

import java.nio.file.Path;

/** The file was written by a newer Headroom; it is left exactly as it was. */
public final class DatabaseTooNewException extends StoreException {

    public DatabaseTooNewException(Path file, int found, int known) {
        super("The database " + file + " was written by a newer version of Headroom (schema " + found
                + "; this version knows schema " + known + " at most). Nothing was changed. "
                + "Update Headroom, or choose another file with --db.");
    }
}
