package io.headroom.app;

import io.headroom.service.Workspace;
import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * Opens the desktop app: first makes sure it is the only one on this data folder (a second launch
 * brings the first one's window forward and exits), then starts JavaFX with the dashboard; the
 * tray and notifications follow (see {@link DesktopApp}).
 */
final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /** Held so the level set on it stays: JavaFX looks the logger up by name, which is weakly kept. */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    /**
     * JavaFX caches region backgrounds in one 2048 x 1024 texture. With its software renderer (no
     * usable GPU: virtual machines, remote desktops, Xvfb) that texture is 8 MB of heap, resident
     * for the window's life, for backgrounds our flat views repaint quickly without it
     * (bench/idle.sh: RSS -10 to -17 MB, CPU unchanged). A value the user sets with -D wins.
     */
    static void renderingDefaults(java.util.Properties system) {
        renderingDefaults(system, System.getProperty("os.name", ""), java.nio.file.Path.of("/dev"));
    }

    /**
     * As above; and on Linux without a GPU device ({@code devices}: /dev) JavaFX's own software
     * renderer instead of OpenGL. Without a GPU, OpenGL is Mesa's software rasterizer, which loads
     * LLVM and its JIT into the process (50-60 MB resident for the window's life, bench/idle.sh)
     * to draw what JavaFX's renderer draws itself at the same idle CPU. A value the user sets wins.
     */
    static void renderingDefaults(java.util.Properties system, String osName, java.nio.file.Path devices) {
        system.putIfAbsent("prism.disableRegionCaching", "true");
        if (osName.toLowerCase(java.util.Locale.ROOT).contains("linux") && !GpuDevices.present(devices)) {
            system.putIfAbsent("prism.order", "sw");
        }
    }

    static void open(Workspace workspace) {
        Optional<String> noWindow = NoWindowNotice.beforeStart(System.getProperty("os.name"), System.getenv());
        if (noWindow.isPresent()) {
            refuse(noWindow.get());
            return;
        }
        AtomicReference<DesktopApp> app = new AtomicReference<>();
        SingleInstance instance;
        java.nio.file.Path folder = workspace.dataDirectory().path();
        try {
            SingleInstance.Claim claimed = SingleInstance.claim(folder, () -> {
                DesktopApp a = app.get();
                if (a != null) {
                    a.showWindow();
                }
            }, Duration.ofSeconds(3));
            switch (claimed.outcome()) {
                case SHOWN_OTHER -> {
                    System.out.println("Headroom is already running; its window was brought forward.");
                    System.exit(0);
                    return;
                }
                case HELD_BY_SILENT -> {
                    System.err.println(heldBySilent(folder, claimed.holderPid()));
                    System.exit(1);
                    return;
                }
                default -> instance = claimed.instance();
            }
        } catch (IOException e) {
            // Without the lock nothing says this is the only window on the data; refuse rather than risk two.
            System.err.println("headroom: cannot lock the data folder " + folder + " (" + e.getMessage()
                    + "), so Headroom does not start: two windows must never share one data folder.");
            System.exit(1);
            return;
        }
        SingleInstance held = instance;
        BackgroundWork.onExit("headroom-shutdown", () -> {
            workspace.close();
            if (held != null) {
                held.close();
            }
        });
        renderingDefaults(System.getProperties());
        Platform.setImplicitExit(true);
        // "Unsupported JavaFX configuration" (class path, not module path) means nothing to a user
        JAVAFX_LOG.setLevel(Level.SEVERE);
        try {
            Platform.startup(() -> app.set(DesktopApp.start(workspace, held)));
        } catch (RuntimeException | LinkageError e) {
            Optional<String> notice = NoWindowNotice.afterFailure(e, System.getenv());
            if (notice.isEmpty()) {
                throw e;
            }
            refuse(notice.get());
            return;
        }
        JAVAFX_LOG.setLevel(null);
        startProxyIfWanted(workspace);
        startTeamPartsIfWanted(workspace);
    }

    /** What a launch says when another process owns the data folder but does not answer. */
    static String heldBySilent(java.nio.file.Path folder, String pid) {
        return "headroom: another Headroom" + (pid == null ? "" : " (process " + pid + ")") + " is using the data folder "
                + folder + " but does not answer, so this one does not start: two on the same data would write over "
                + "each other. Close it" + (pid == null ? "" : " or end process " + pid) + ", then start Headroom again.";
    }

    private static void refuse(String notice) {
        System.err.println(notice);
        System.exit(NoWindowNotice.EXIT_CODE);
    }

    /**
     * The telemetry receiver, the metrics endpoint and the push start with the window when switched
     * on in Settings; a busy port or an unreachable collector is reported, not fatal.
     */
    static void startTeamPartsIfWanted(Workspace workspace) {
        BackgroundWork.start("headroom-team-start", () -> {
            try {
                workspace.team().applySaved().problems().forEach(p -> System.err.println("headroom: " + p));
            } catch (RuntimeException e) {
                System.err.println("headroom: the team exports did not start: " + e.getMessage());
            }
        });
    }

    /** The recording proxy starts with the window when the settings say so; a busy port is reported, not fatal. */
    static void startProxyIfWanted(Workspace workspace) {
        BackgroundWork.start("headroom-proxy-start", () -> {
            try {
                io.headroom.config.Settings settings = workspace.settings();
                if (settings.proxyStartsWithApp()) {
                    var proxy = workspace.proxy();
                    proxy.start(proxy.defaults().withPort(settings.proxyPortOrDefault()));
                }
            } catch (Exception e) {
                System.err.println("headroom: the recording proxy did not start: " + e.getMessage());
            }
        });
    }
}
