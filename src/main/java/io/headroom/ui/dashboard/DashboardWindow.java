package io.headroom.ui.dashboard;

import io.headroom.service.Workspace;
import io.headroom.ui.view.Theme;
import io.headroom.ui.view.ViewWiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The main window: loads the dashboard view and its controller. */
public final class DashboardWindow {

    private final Stage stage;
    private final DashboardController controller;
    private boolean staysInBackground;

    public DashboardWindow(Workspace workspace) {
        this(new Stage(), workspace);
    }

    public DashboardWindow(Stage stage, Workspace workspace) {
        this(stage, workspace, Instant::now, DashboardController.REFRESH);
    }

    /** @param clock "now" for the windows and the countdowns (tests pass a fixed one) */
    DashboardWindow(Stage stage, Workspace workspace, Supplier<Instant> clock, Duration refresh) {
        this(stage, workspace, clock, refresh, ViewWiring.defaults());
    }

    /** @param wiring what the views get from outside (tests point the proxy at a fake upstream) */
    DashboardWindow(Stage stage, Workspace workspace, Supplier<Instant> clock, Duration refresh, ViewWiring wiring) {
        this.stage = stage;
        FXMLLoader loader = new FXMLLoader(DashboardWindow.class.getResource("Dashboard.fxml"));
        this.controller = new DashboardController(workspace, clock, refresh, wiring);
        loader.setController(controller);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the dashboard view", e);
        }
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        FirstWindowSize fit = FirstWindowSize.on(screen.getWidth(), screen.getHeight());
        Scene scene = new Scene(root, fit.width(), fit.height());
        Theme.apply(scene, themeOf(workspace));
        stage.setTitle("Headroom");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            stage.getIcons().add(new Image(DashboardWindow.class.getResource("/headroom/icons/headroom-" + size + ".png")
                    .toExternalForm()));
        }
        stage.setMinWidth(fit.minWidth());
        stage.setMinHeight(fit.minHeight());
        stage.setScene(scene);
        stage.setOnShown(e -> {
            keepOn(stage, screen);
            controller.start();
        });
        stage.setOnHidden(e -> {
            if (staysInBackground) {
                controller.background();
            } else {
                controller.dispose();
            }
        });
        stage.iconifiedProperty().addListener((o, was, iconified) -> {
            if (iconified) {
                controller.pause();
            } else if (stage.isShowing()) {
                controller.start();
            }
        });
    }

    /** The title bar and borders come on top of the scene: a window taller or wider than the screen is cut back. */
    private static void keepOn(Stage stage, javafx.geometry.Rectangle2D screen) {
        if (stage.getWidth() > screen.getWidth()) {
            stage.setX(screen.getMinX());
            stage.setWidth(screen.getWidth());
        }
        if (stage.getHeight() > screen.getHeight()) {
            stage.setY(screen.getMinY());
            stage.setHeight(screen.getHeight());
        }
    }

    private static String themeOf(Workspace workspace) {
        try {
            return workspace.settings().theme();
        } catch (IllegalArgumentException unreadable) {
            return io.headroom.config.Settings.LIGHT; // the Overview reports the unreadable settings file
        }
    }

    public Stage stage() {
        return stage;
    }

    /** Shows the window, or brings it forward (restored, on top of others) when it already shows. */
    public void show() {
        if (stage.isShowing()) {
            if (stage.isIconified()) {
                stage.setIconified(false);
            }
            controller.start();
        } else {
            stage.show(); // onShown starts the refresh and the countdowns
        }
        stage.toFront();
        stage.requestFocus();
    }

    /**
     * With true (a tray icon exists), hiding the window keeps the refresh running for the tray;
     * with false, hiding ends it. Either way {@link #dispose} ends it for good.
     */
    public void setStaysInBackground(boolean stays) {
        this.staysInBackground = stays;
    }

    /** Quitting: stops the refresh whether the window shows or not. */
    public void dispose() {
        controller.dispose();
    }

    /** After {@link #dispose}: waits for a refresh in progress to finish (before the database closes). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return controller.awaitStopped(timeout);
    }

    public DashboardController dashboard() {
        return controller;
    }

    DashboardController controller() {
        return controller;
    }
}
