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

    static void open(Workspace workspace) {
        Optional<String> noWindow = NoWindowNotice.beforeStart(System.getProperty("os.name"), System.getenv());
        if (noWindow.isPresent()) {
            refuse(noWindow.get());
            return;
        }
        AtomicReference<DesktopApp> app = new AtomicReference<>();
        SingleInstance instance;
        try {
            Optional<SingleInstance> claimed = SingleInstance.claim(workspace.dataDirectory().path(), () -> {
                DesktopApp a = app.get();
                if (a != null) {
                    a.showWindow();
                }
            }, Duration.ofSeconds(3));
            if (claimed.isEmpty()) {
                System.out.println("Headroom is already running; its window was brought forward.");
                System.exit(0);
                return;
            }
            instance = claimed.get();
        } catch (IOException e) {
            System.err.println("headroom: cannot check for a running Headroom (" + e.getMessage() + "); starting anyway");
            instance = null;
        }
        SingleInstance held = instance;
        BackgroundWork.onExit("headroom-shutdown", () -> {
            workspace.close();
            if (held != null) {
                held.close();
            }
        });
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
    }

    private static void refuse(String notice) {
        System.err.println(notice);
        System.exit(NoWindowNotice.EXIT_CODE);
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
