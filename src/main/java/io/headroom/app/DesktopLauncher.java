package io.headroom.app;

import io.headroom.service.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/**
 * Opens the desktop app: first makes sure it is the only one on this data folder (a second launch
 * brings the first one's window forward and exits), then starts JavaFX with the dashboard; the
 * tray and notifications follow (see {@link DesktopApp}).
 */
final class DesktopLauncher {

    private DesktopLauncher() {
    }

    static void open(Workspace workspace) {
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workspace.close();
            if (held != null) {
                held.close();
            }
        }, "headroom-shutdown"));
        Platform.setImplicitExit(true);
        Platform.startup(() -> app.set(DesktopApp.start(workspace, held)));
        startProxyIfWanted(workspace);
    }

    /** The recording proxy starts with the window when the settings say so; a busy port is reported, not fatal. */
    static void startProxyIfWanted(Workspace workspace) {
        Thread t = new Thread(() -> {
            try {
                io.headroom.config.Settings settings = workspace.settings();
                if (settings.proxyStartsWithApp()) {
                    var proxy = workspace.proxy();
                    proxy.start(proxy.defaults().withPort(settings.proxyPortOrDefault()));
                }
            } catch (Exception e) {
                System.err.println("headroom: the recording proxy did not start: " + e.getMessage());
            }
        }, "headroom-proxy-start");
        t.setDaemon(true);
        t.start();
    }
}
