package io.headroom.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Notices the app shows once per data folder ("no system tray here"): a marker file each, named
 * {@code notice-NAME}, written when the notice was shown.
 */
public final class OneTimeNotices {

    private final Path folder;

    public OneTimeNotices(Path folder) {
        this.folder = folder;
    }

    /** True the first time for {@code name} (and remembers it); false ever after, or when the folder cannot be written. */
    public boolean firstTime(String name) {
        Path marker = folder.resolve("notice-" + name);
        if (Files.exists(marker)) {
            return false;
        }
        try {
            DataDirectory.ensurePrivateDirectory(folder);
            PrivateFiles.createIfMissing(marker);
            return true;
        } catch (IOException e) {
            return false; // better silent than the same notice at every start
        }
    }
}
