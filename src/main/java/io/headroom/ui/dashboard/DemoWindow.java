package io.headroom.ui.dashboard;

import io.headroom.service.Workspace;
import io.headroom.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * A second dashboard on the generated demo database, marked as such in its title and by a banner
 * so it is never mistaken for the user's own figures. Closing it closes the demo workspace.
 */
final class DemoWindow {

    static final String TITLE = "Headroom — demo data";

    private static final Logger LOG = Logger.getLogger(DemoWindow.class.getName());

    private DemoWindow() {
    }

    static DashboardWindow open(Workspace demo, Supplier<Instant> clock) {
        DashboardWindow window = new DashboardWindow(new Stage(), demo, clock, DashboardController.REFRESH);
        Stage stage = window.stage();
        stage.setTitle(TITLE);
        BorderPane root = (BorderPane) stage.getScene().getRoot();
        Label banner = new Label("Demo data: three weeks of made-up usage of a Max 5x user. Nothing here is yours, "
                + "and nothing you do here changes your data.");
        banner.setId("demoBanner");
        banner.getStyleClass().add("demo-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        root.setTop(new VBox(banner, root.getTop()));
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            BackgroundWork.start("headroom-demo-close", () -> {
                try {
                    window.controller().awaitStopped(Duration.ofSeconds(30));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                } finally {
                    demo.close();
                }
            });
        });
        window.show();
        LOG.log(Level.FINE, "demo window opened on {0}", demo.databaseFile());
        return window;
    }
}
