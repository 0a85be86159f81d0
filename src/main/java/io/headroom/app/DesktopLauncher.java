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
    }
}
