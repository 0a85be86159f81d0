package io.headroom.config;

import java.nio.file.Path;

/**
 * Recognises "no space left" wherever it surfaces (a Java write, SQLite's SQLITE_FULL, a wrapped
 * cause) so every layer can say the same one sentence instead of the symptom it happened to
 * trip over first (a failed rollback, "no transaction is active").
 */
public final class DiskFull {

    private DiskFull() {
    }

    /** True when {@code e} or any of its causes or suppressed failures says the disk is full. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (says(t)) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (says(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean says(Throwable t) {
        return is(t.getMessage());
    }

    /** True when a message (a problem in a report, an exception's) says the disk is full, in our words or the system's. */
    public static boolean is(String m) {
        if (m == null) {
            return false;
        }
        return m.contains(OURS) || m.contains("No space left on device") || m.contains("SQLITE_FULL") || m.contains("disk is full")
                || m.contains("Disk quota exceeded") || m.contains("There is not enough space on the disk");
    }

    private static final String OURS = " is full; nothing was lost. Free some space and run again.";

    /** The one sentence a user sees; {@code where} is the file or folder the write was for, or null when unknown. */
    public static String message(Path where) {
        return where == null ? "The disk" + OURS : "The disk holding " + where + OURS;
    }
}
