package io.headroom.service;

import io.headroom.config.PrivateFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starting Headroom at login with each platform's own mechanism: an XDG autostart entry on
 * Linux, a LaunchAgent on macOS, a shortcut in the Startup folder on Windows. Removing it deletes
 * exactly the file Headroom wrote and nothing else.
 */
public final class Autostart {

    static final String DESKTOP_FILE = "headroom.desktop";
    static final String AGENT_FILE = "io.headroom.Headroom.plist";
    static final String SHORTCUT_FILE = "Headroom.lnk";
    /**
     * What the login entry sets on Linux, as the installed menu entry does (GUI_ENVIRONMENT in
     * installer/Package.java, where it is explained): GTK without its OpenGL probe.
     */
    public static final String WINDOW_ENVIRONMENT = "GDK_GL=disable";

    private final String os;
    private final Map<String, String> env;
    private final Path home;
    private final List<String> command;

    /**
     * @param command what starts the window: the installed launcher (jpackage's
     *                {@code jpackage.app-path}), else this Java with this jar
     */
    public Autostart(String osName, Map<String, String> env, Path home, List<String> command) {
        this.os = osName.toLowerCase(Locale.ROOT);
        this.env = Map.copyOf(env);
        this.home = home;
        this.command = List.copyOf(command);
    }

    /** The command that opens this installation's window. */
    public static List<String> currentCommand() {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            return List.of(windowLauncher(Path.of(launcher)).toString());
        }
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0])
                .toAbsolutePath().toString();
        return List.of(javaBinary, "-jar", jar);
    }

    /**
     * The installed window launcher for {@code launcher}, the one this process was started by. On
     * Linux {@code headroom autostart on} runs in the console launcher, {@code bin/headroom}, which
     * opens the window too but with the command line's JVM options (no heap that shrinks back, no
     * trimming of native memory), which a window resident all day must not have: its sibling
     * {@code bin/Headroom} is the window's.
     */
    static Path windowLauncher(Path launcher) {
        Path name = launcher.getFileName();
        if (name != null && name.toString().equals("headroom")) {
            Path window = launcher.resolveSibling("Headroom");
            if (Files.isRegularFile(window)) {
                return window;
            }
        }
        return launcher;
    }

    /** The file that makes the platform start Headroom at login. */
    public Path entry() {
        if (os.contains("mac") || os.contains("darwin")) {
            return home.resolve("Library").resolve("LaunchAgents").resolve(AGENT_FILE);
        }
        if (os.contains("win")) {
            String appData = env.getOrDefault("APPDATA", home.resolve("AppData").resolve("Roaming").toString());
            return Path.of(appData, "Microsoft", "Windows", "Start Menu", "Programs", "Startup", SHORTCUT_FILE);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return config.resolve("autostart").resolve(DESKTOP_FILE);
    }

    public boolean enabled() {
        return Files.isRegularFile(entry());
    }

    public void enable() throws IOException {
        Path entry = entry();
        Files.createDirectories(entry.getParent());
        if (os.contains("win")) {
            windowsShortcut(entry);
            return;
        }
        String text = os.contains("mac") || os.contains("darwin") ? launchAgent() : desktopEntry();
        PrivateFiles.writeAtomically(entry, text);
    }

    public void disable() throws IOException {
        Files.deleteIfExists(entry());
    }

    String desktopEntry() {
        StringBuilder exec = new StringBuilder("env ").append(WINDOW_ENVIRONMENT);
        for (String part : command) {
            exec.append(' ').append(desktopQuote(part));
        }
        return "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=Headroom\n"
                + "Comment=How much headroom you have before a Claude limit\n"
                + "Exec=" + exec + "\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    String launchAgent() {
        StringBuilder args = new StringBuilder();
        for (String part : command) {
            args.append("    <string>").append(xml(part)).append("</string>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n<dict>\n"
                + "  <key>Label</key>\n  <string>io.headroom.Headroom</string>\n"
                + "  <key>ProgramArguments</key>\n  <array>\n" + args + "  </array>\n"
                + "  <key>RunAtLoad</key>\n  <true/>\n"
                + "</dict>\n</plist>\n";
    }

    /** A .lnk is a binary format; Windows' own shell object writes it. */
    private void windowsShortcut(Path entry) throws IOException {
        String target = command.get(0);
        String arguments = String.join(" ", command.subList(1, command.size()).stream().map(a -> "\"" + a + "\"").toList());
        String script = "$s=(New-Object -ComObject WScript.Shell).CreateShortcut('" + ps(entry.toString()) + "');"
                + "$s.TargetPath='" + ps(target) + "';$s.Arguments='" + ps(arguments) + "';$s.Save()";
        Process p = new ProcessBuilder("powershell", "-NoProfile", "-NonInteractive", "-Command", script)
                .redirectErrorStream(true).start();
        try {
            if (p.waitFor() != 0 || !Files.exists(entry)) {
                throw new IOException("Windows did not create the Startup shortcut: "
                        + new String(p.getInputStream().readAllBytes()).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the Startup shortcut", e);
        }
    }

    private static String ps(String s) {
        return s.replace("'", "''");
    }

    /** Desktop Entry spec: quote arguments with reserved characters; escape \ " ` $ inside quotes. */
    static String desktopQuote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> " \t\n\"'\\><~|&;$*?#()`".indexOf(c) >= 0)) {
            return arg;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
