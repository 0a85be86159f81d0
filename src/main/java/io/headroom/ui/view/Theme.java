package io.headroom.ui.view;

import io.headroom.config.Settings;
import javafx.scene.Scene;

/** Light or dark, for any scene of the app: the theme's named colours first, then the rules that use them. */
public final class Theme {

    private static final String FOLDER = "/io/headroom/ui/dashboard/";

    private Theme() {
    }

    /** @param theme {@link Settings#DARK}, else light */
    public static void apply(Scene scene, String theme) {
        String palette = Settings.DARK.equals(theme) ? "theme-dark.css" : "theme-light.css";
        scene.getStylesheets().setAll(
                Theme.class.getResource(FOLDER + palette).toExternalForm(),
                Theme.class.getResource(FOLDER + "dashboard.css").toExternalForm());
    }
}
