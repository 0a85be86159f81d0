package io.headroom.ui.view;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.skin.ScrollPaneSkin;

/**
 * The skin of every scroll pane in the app (dashboard.css): JavaFX's, without the bitmap cache of
 * its viewport. With that cache, any change inside a scroll pane (the countdown, every second)
 * renders the whole visible content again into an offscreen image before drawing it, instead of
 * repainting only the label that changed; and that image, the size of the viewport, stays on the
 * heap while the window is open (3.4 MB for the Overview in a 1280 x 800 window). Scrolling our
 * views re-renders them quickly enough without it, and the text stays sharp (the cached bitmap is
 * known to blur text at fractional offsets).
 */
public final class UncachedScrollPaneSkin extends ScrollPaneSkin {

    public UncachedScrollPaneSkin(ScrollPane pane) {
        super(pane);
        for (Node child : getChildren()) {
            if (child.getStyleClass().contains("viewport")) {
                child.setCache(false);
            }
        }
    }
}
