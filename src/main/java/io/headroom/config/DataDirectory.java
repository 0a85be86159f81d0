package io.headroom.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * Where Headroom keeps the user's data: {@code HEADROOM_HOME} when set, else the platform's
 * convention (XDG data dir on Linux, Application Support on macOS, LOCALAPPDATA on Windows).
 */
public record DataDirectory(Path path) {

    public static final String DATABASE_FILE = "headroom.db";

    public static DataDirectory resolve(Map<String, String> env, String osName, Path userHome) {
        String home = env.get("HEADROOM_HOME");
        if (home != null && !home.isBlank()) {
            return new DataDirectory(Path.of(home));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return new DataDirectory(userHome.resolve("Library").resolve("Application Support").resolve("Headroom"));
        }
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local)
                    : userHome.resolve("AppData").resolve("Local");
            return new DataDirectory(base.resolve("Headroom"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : userHome.resolve(".local").resolve("share");
        return new DataDirectory(base.resolve("headroom"));
    }

    public static DataDirectory fromSystem() {
        return resolve(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
    }

    public Path database() {
        return path.resolve(DATABASE_FILE);
    }

    public Path file(String name) {
        return path.resolve(name);
    }

    /**
     * Creates the folder readable by the user alone (0700 where POSIX permissions exist), and makes
     * an existing one so: whoever created it first (an older Headroom, the statusLine hook, a user's
     * mkdir) may have left it and its files readable by others.
     */
    public DataDirectory ensureExists() throws IOException {
        ensurePrivateDirectory(path);
        PrivateFiles.tighten(path);
        return this;
    }

    public static void ensurePrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (PrivateFiles.posix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process made it first.
        }
    }
}
