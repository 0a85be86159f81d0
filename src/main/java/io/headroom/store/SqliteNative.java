package io.headroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Keeps one extracted copy of sqlite-jdbc's native library in the data folder and points the
 * driver at it. Without this the driver extracts the library to a temporary file and compares it
 * byte by byte on every start, which costs a short command like {@code windows} a noticeable
 * share of its run. Best effort: on any problem nothing is set and the driver does its own thing
 * (it also falls back by itself if the cached copy cannot be loaded).
 */
public final class SqliteNative {

    private SqliteNative() {
    }

    public static void useCachedCopy(Path dataDir) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        try {
            String version = version();
            String name = System.mapLibraryName("sqlitejdbc");
            if (version == null || name.endsWith(".jnilib")) {
                return;
            }
            String key = (version + "-" + System.getProperty("os.name") + "-" + System.getProperty("os.arch"))
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
            Path dir = dataDir.resolve("native").resolve(key);
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                        + name;
                try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, "lib", ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException | LinkageError e) {
            // The driver extracts its own copy.
        }
    }

    private static String version() throws IOException {
        try (InputStream in = SqliteNative.class.getResourceAsStream("/sqlite-jdbc.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
