package io.headroom.ui.dashboard;

import io.headroom.service.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.stage.Stage;

/** For view tests in other packages: the window with a test clock and refresh period. */
public final class DashboardWindowAccess {

    private DashboardWindowAccess() {
    }

    /** On the FX thread: opens the dashboard with "now" from {@code clock}. */
    public static DashboardWindow open(Stage stage, Workspace workspace, Supplier<Instant> clock, Duration refresh) {
        DashboardWindow window = new DashboardWindow(stage, workspace, clock, refresh);
        window.show();
        return window;
    }
}
