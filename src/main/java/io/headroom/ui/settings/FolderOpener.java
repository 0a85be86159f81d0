package io.headroom.ui.settings;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a folder in the platform's file manager, where the platform lets Java do so. */
final class FolderOpener {

    private FolderOpener() {
    }

    /** Off the FX thread: the first call starts the AWT toolkit. */
    static boolean supported() {
        try {
            return Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN);
        } catch (RuntimeException | LinkageError headless) {
            return false;
        }
    }

    static void open(Path folder) throws IOException {
        Desktop.getDesktop().open(folder.toFile());
    }
}
