import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds Headroom's installers on the OS it runs on, with the JDK's own jlink and jpackage:
 *
 * <pre>
 *   ./mvnw -Pinstaller package -DskipTests        (the jar, then all this OS can build)
 *   java installer/Package.java [app-image|deb|rpm|msi|dmg]   (after ./mvnw package: one type)
 * </pre>
 *
 * The runtime is jlinked from the JDK and the platform JavaFX jars (as named modules); the
 * application and its other libraries stay on the class path. Two launchers: "Headroom" opens the
 * window, "headroom" runs the command line with JVM options for short runs. Output:
 * target/installer/.
 */
public class Package {

    static final String NAME = "Headroom";
    static final String VENDOR = "Headroom";
    static final String DESCRIPTION = "How much headroom you have before a Claude limit";
    /**
     * The JDK modules the runtime image carries: every module the app's classes use (jdeps; the
     * usage endpoints' HTTP client, the OTLP receiver's and Prometheus' HTTP server, the
     * dashboard bench's CPU clocks), checked by InstallerModulesTest, and those the libraries need.
     */
    static final List<String> JDK_MODULES = List.of("java.base", "java.desktop", "java.logging", "java.management",
            "java.net.http", "java.sql", "java.xml", "jdk.crypto.ec", "jdk.httpserver", "jdk.management", "jdk.net",
            "jdk.security.auth", "jdk.unsupported");
    static final List<String> FX_MODULES = List.of("javafx.base", "javafx.graphics", "javafx.controls",
            "javafx.fxml");
    /** The command line's JVM options: the same as bin/headroom (see there for why). */
    static final String CLI_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn48m -XX:-UsePerfData "
            + "-Xshare:auto -Xlog:disable -Xlog:all=off";

    /**
     * The window's JVM options (the main launcher), the ones that open it fastest on few cores: C1
     * only (C2 compiling competes with start-up and saved no time in the dashboard bench), the serial
     * collector, the JDK's class-data archive, no perf-data file; small thread stacks, and a heap
     * that keeps little free room and starts small (a heap never shrinks below its initial size,
     * by default 1/64 of RAM), so the memory a big import took goes back to the system at the next
     * full collection (the refresh engine asks for one after a big import): RSS idle on a 510 MB
     * history 368 -> 275 MB (bench/idle.sh c500). Every 10 s the JVM hands the C heap's free memory
     * back to the system (malloc_trim): SQLite's page cache, freed after a big import, stayed
     * resident in glibc's arenas; 274 -> 233 MB. A JDK 17 build older than 17.0.9 does not know
     * that option and, told to ignore what it does not know, runs without it. bench/dashboard.sh
     * --launcher and bench/idle.sh run with these (they read them from here).
     */
    // one line: the benches read it with sed
    static final String GUI_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xshare:auto -XX:-UsePerfData -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=10000";

    /**
     * The window's environment on Linux, which the launchers that can set one pass (the menu entry,
     * installer/linux/Headroom.desktop; the login entry, io.headroom.service.Autostart; bin/headroom):
     * GTK probes OpenGL when it opens the display, which without a GPU loads Mesa's software
     * rasterizer and LLVM for the window's life although nothing of ours draws with GTK's OpenGL
     * (with JavaFX's own software renderer, chosen without a GPU: RSS idle on a 510 MB history
     * 216 -> 161 MB, bench/idle.sh c500). JavaFX's OpenGL renderer, with a GPU, does not use GTK's.
     */
    // one line: the benches read it with sed
    static final String GUI_ENVIRONMENT = "GDK_GL=disable";

    /**
     * Only for the installed window, whose runtime holds JavaFX as modules: lets the window stop JavaFX's
     * pulse timer while nothing changes (io.headroom.ui.view.IdlePulses). With JavaFX on
     * the class path (java -jar, bin/headroom) the packages are open already, and naming the module would warn.
     */
    static final String GUI_MODULE_OPTIONS = "--add-exports=javafx.graphics/com.sun.javafx.tk=ALL-UNNAMED "
            + "--add-opens=javafx.graphics/com.sun.javafx.tk.quantum=ALL-UNNAMED "
            + "--add-exports=javafx.graphics/com.sun.glass.ui=ALL-UNNAMED";

    static final Path TARGET = Path.of("target");
    static final Path OUT = TARGET.resolve("installer");

    public static void main(String[] args) throws Exception {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        Path jar = TARGET.resolve("headroom.jar");
        if (!Files.isRegularFile(jar)) {
            fail("target/headroom.jar is missing: run ./mvnw -q package -DskipTests first");
        }
        String version = version(args);
        List<String> types = types(args, os);
        deleteTree(OUT);
        Files.createDirectories(OUT);

        Path input = OUT.resolve("input");
        Path lib = input.resolve("lib");
        Files.createDirectories(lib);
        Files.copy(jar, input.resolve("headroom.jar"));
        List<String> fxJars = new ArrayList<>();
        try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
            for (Path j : jars.sorted().toList()) {
                String n = j.getFileName().toString();
                if (n.startsWith("javafx-")) {
                    // The platform jars become runtime modules; the classifier-less ones are empty placeholders.
                    if (n.matches("javafx-[a-z]+-[0-9.]+-(linux|mac|mac-aarch64|win|linux-aarch64)\\.jar")) {
                        fxJars.add(j.toString());
                    }
                } else {
                    Files.copy(j, lib.resolve(n));
                }
            }
        }
        if (fxJars.isEmpty()) {
            fail("no platform JavaFX jars in target/lib");
        }

        Path runtime = OUT.resolve("runtime");
        List<String> modules = new ArrayList<>(JDK_MODULES);
        modules.addAll(FX_MODULES);
        run("jlink", "--module-path", String.join(java.io.File.pathSeparator, fxJars),
                "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2",
                "--output", runtime.toString());

        Path cliProps = OUT.resolve("headroom-cli.properties");
        // A console command: no menu entry or shortcut of its own.
        Files.writeString(cliProps, "java-options=" + CLI_OPTIONS + "\n"
                + "linux-shortcut=false\nwin-shortcut=false\nwin-menu=false\n"
                + (os.contains("win") ? "win-console=true\n" : ""));

        List<String> image = new ArrayList<>(List.of("--type", "app-image", "--name", NAME,
                "--app-version", version, "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--input", input.toString(), "--main-jar", "headroom.jar",
                "--main-class", "io.headroom.app.Launcher",
                "--runtime-image", runtime.toString(),
                "--icon", icon(os).toString(),
                "--dest", OUT.toString()));
        for (String option : (GUI_OPTIONS + " " + GUI_MODULE_OPTIONS).split(" ")) {
            image.addAll(List.of("--java-options", option));
        }
        boolean linux = !os.contains("win") && !os.contains("mac");
        if (!linux) {
            image.addAll(List.of("--add-launcher", "headroom=" + cliProps));
        }
        run("jpackage", image.toArray(String[]::new));
        Path appImage = OUT.resolve(os.contains("mac") ? NAME + ".app" : NAME);
        if (linux) {
            addConsoleLauncher(appImage);
        }
        System.out.println("app-image: " + appImage + " (" + sizeMb(appImage) + " MB)");

        for (String type : types) {
            if (type.equals("app-image")) {
                continue;
            }
            List<String> pkg = new ArrayList<>(List.of("--type", type, "--name", NAME.toLowerCase(Locale.ROOT),
                    "--app-version", version, "--vendor", VENDOR, "--description", DESCRIPTION,
                    "--app-image", appImage.toString(), "--dest", OUT.toString()));
            if (type.equals("deb") || type.equals("rpm")) {
                pkg.addAll(List.of("--linux-shortcut", "--linux-menu-group", "Utility",
                        "--linux-app-category", "utils", "--linux-package-name", "headroom",
                        "--resource-dir", Path.of("installer", "linux").toString()));
                // JavaFX loads GTK 3 at run time; jpackage cannot see that dependency by itself.
                pkg.addAll(List.of("--linux-package-deps", type.equals("deb") ? "libgtk-3-0" : "gtk3"));
                if (type.equals("deb")) {
                    pkg.addAll(List.of("--linux-deb-maintainer", "headroom@localhost"));
                }
            }
            if (type.equals("msi")) {
                pkg.addAll(List.of("--win-menu", "--win-shortcut", "--win-dir-chooser",
                        "--win-upgrade-uuid", "6c1a3c8e-5d3f-4f0c-9c1e-7f1d2b5e8a10", "--win-per-user-install"));
            }
            run("jpackage", pkg.toArray(String[]::new));
        }
        try (Stream<Path> files = Files.list(OUT)) {
            files.filter(p -> p.toString().matches(".*\\.(deb|rpm|msi|dmg|pkg)$"))
                    .forEach(p -> System.out.println("package: " + p + " (" + sizeMb(p) + " MB)"));
        }
    }

    /**
     * The native launcher reads lib/app/NAME.cfg for its own file name, so a copy of it with its
     * own .cfg is a second launcher. jpackage 17's --add-launcher would also give it a menu entry,
     * which a console command must not have.
     */
    static void addConsoleLauncher(Path appImage) throws IOException {
        Path bin = appImage.resolve("bin");
        Path app = appImage.resolve("lib").resolve("app");
        Files.copy(bin.resolve(NAME), bin.resolve("headroom"));
        StringBuilder cfg = new StringBuilder();
        List<String> guiOptions = Stream.of((GUI_OPTIONS + " " + GUI_MODULE_OPTIONS).split(" "))
                .map(o -> "java-options=" + o).toList();
        for (String line : Files.readAllLines(app.resolve(NAME + ".cfg"))) {
            if (guiOptions.contains(line)) {
                continue; // the window's options; the command line has its own below
            }
            cfg.append(line).append('\n');
            if (line.equals("[JavaOptions]")) {
                for (String option : CLI_OPTIONS.split(" ")) {
                    cfg.append("java-options=").append(option).append('\n');
                }
            }
        }
        Files.writeString(app.resolve("headroom.cfg"), cfg.toString());
    }

    static List<String> types(String[] args, String os) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--version")) {
                i++;
            } else if (!args[i].equals("all")) {
                return List.of(args[i]);
            }
        }
        if (os.contains("win")) {
            return List.of("app-image", "msi");
        }
        if (os.contains("mac")) {
            return List.of("app-image", "dmg");
        }
        List<String> linux = new ArrayList<>(List.of("app-image"));
        if (onPath("dpkg-deb") && onPath("fakeroot")) {
            linux.add("deb");
        }
        if (onPath("rpmbuild")) {
            linux.add("rpm");
        }
        return linux;
    }

    static String version(String[] args) throws IOException {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--version")) {
                return args[i + 1];
            }
        }
        String pom = Files.readString(Path.of("pom.xml"));
        int at = pom.indexOf("<version>", pom.indexOf("<artifactId>headroom</artifactId>"));
        return pom.substring(at + 9, pom.indexOf("</version>", at)).replace("-SNAPSHOT", "");
    }

    static Path icon(String os) {
        return Path.of("installer", "icons", os.contains("win") ? "headroom.ico"
                : os.contains("mac") ? "headroom.icns" : "headroom.png");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK"));
        StringWriter out = new StringWriter();
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
        if (code != 0) {
            fail(tool + " failed (" + code + "):\n" + out);
        }
    }

    static long sizeMb(Path p) {
        try (Stream<Path> files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / (1024 * 1024);
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    static void fail(String message) {
        System.err.println("installer: " + message);
        System.exit(1);
    }
}
