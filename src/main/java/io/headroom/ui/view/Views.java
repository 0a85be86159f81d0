package io.headroom.ui.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view: its FXML with a given controller, and the stylesheet of the same name beside it. */
public final class Views {

    private Views() {
    }

    /**
     * @param owner a class in the view's package; {@code name} is the FXML's base name
     *     ("History" loads History.fxml and, if present, history.css)
     */
    public static Parent load(Class<?> owner, String name, Object controller) {
        URL fxml = owner.getResource(name + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("missing view " + name + ".fxml beside " + owner.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setController(controller);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the " + name + " view", e);
        }
        URL css = owner.getResource(name.toLowerCase(java.util.Locale.ROOT) + ".css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        return root;
    }
}
