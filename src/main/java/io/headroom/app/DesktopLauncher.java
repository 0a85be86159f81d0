package io.headroom.app;

import io.headroom.service.Workspace;
import io.headroom.ui.dashboard.DashboardWindow;
import javafx.application.Platform;

/** Starts the JavaFX toolkit and opens the dashboard; closing the last window quits. */
final class DesktopLauncher {

    private DesktopLauncher() {
    }

    static void open(Workspace workspace) {
        Runtime.getRuntime().addShutdownHook(new Thread(workspace::close, "headroom-shutdown"));
        Platform.setImplicitExit(true);
        Platform.startup(() -> new DashboardWindow(workspace).show());
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
