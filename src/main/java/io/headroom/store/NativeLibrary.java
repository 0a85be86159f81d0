package io.headroom.store;

import io.headroom.config.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc extracts its native library to a temporary file and compares it byte for byte on
 * every start. Headroom keeps one extracted copy per driver version in its own (private) data
 * folder instead, which makes every command start faster. Any problem falls back to the driver's
 * own loading.
 */
public final class NativeLibrary {

    private static volatile boolean prepared;

    private NativeLibrary() {
    }

    public static synchronized void prepare(Path dataFolder) {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        prepared = true;
        try {
            String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
            String name = System.mapLibraryName("sqlitejdbc");
            if (name.endsWith(".jnilib")) {
                name = name.replace(".jnilib", ".dylib");
            }
            URL resource = NativeLibrary.class.getResource("/org/sqlite/native/" + folder + "/" + name);
            if (resource == null) {
                return;
            }
            URLConnection connection = resource.openConnection();
            long size = connection.getContentLengthLong();
            Path dir = dataFolder.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                    .resolve(folder);
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file) || Files.size(file) != size) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                PrivateFiles.restrict(tmp);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            // The driver extracts the library itself, as it would without this.
        }
    }
}
