package io.headroom.store;

import io.headroom.config.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc extracts its native library to a temporary file and compares it byte for byte on
 * every start. Headroom keeps one extracted copy per driver version in its own (private) data
 * folder instead, which makes every command start faster. Any problem falls back to the driver's
 * own loading.
 *
 * <p>The driver's own way of naming the library's folder (OSInfo) lists every file this process
 * has mapped and resolves each one to tell glibc from musl, and runs {@code uname -o} in a child
 * process to rule out Termux: 50 ms at every start on two cores. On Linux this reads
 * {@code /proc/self/maps} once instead, and asks OSInfo only when that leaves any doubt.
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
            String folder = folder();
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

    /** The driver's folder for this system ({@code Linux/x86_64}, {@code Mac/aarch64}, ...). */
    static String folder() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (os.contains("Linux") && !arch.startsWith("arm") && !OSInfo.isAndroidRuntime() && !termux(System.getenv())) {
            try {
                if (glibc(Files.readString(Path.of("/proc/self/maps")))
                        && !Files.exists(Path.of("/system/lib/libGLESv1_CM.so"))
                        && !Files.exists(Path.of("/system/lib64/libGLESv1_CM.so"))) {
                    return "Linux/" + OSInfo.getArchName();
                }
            } catch (IOException | RuntimeException e) {
                // no /proc: the driver's own probes decide
            }
        }
        return OSInfo.getNativeLibFolderPathForCurrentOS();
    }

    /**
     * Whether a process with these mappings runs on glibc and nothing suggests musl or Android's
     * C library: then the driver would name the plain {@code Linux} folder too.
     */
    static boolean glibc(String procSelfMaps) {
        String maps = procSelfMaps.toLowerCase(Locale.ROOT);
        return maps.contains("/libc.so.6") && !maps.contains("musl") && !maps.contains("bionic")
                && !maps.contains("/data/data/") && !maps.contains("/apex/");
    }

    /** Termux sets these for every program it starts (the driver asks {@code uname -o} instead). */
    static boolean termux(java.util.Map<String, String> env) {
        return env.containsKey("TERMUX_VERSION") || env.getOrDefault("PREFIX", "").contains("com.termux");
    }
}
