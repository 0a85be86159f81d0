package io.headroom.ui.view;

import java.util.function.Supplier;
import javafx.scene.Parent;

/**
 * What the dashboard needs of a tab: its title, its content (built when the tab is first
 * selected, so the window opens before any tab but the Overview exists), what to do each time it
 * is selected, and what to do when the data moves while it shows. Tabs never know each other;
 * they meet in the {@link ViewContext}.
 */
public interface TabView {

    String title();

    /** Called once, on the FX thread, the first time the tab is selected. */
    Parent content();

    /** Each time the tab is selected (after {@link #content} the first time). */
    void shown();

    /** The store may have changed while the tab shows. */
    void dataChanged();

    /** A tab from its parts, for a view whose controller is not a {@code TabView} itself. */
    static TabView of(String title, Supplier<Parent> content, Runnable shown, Runnable dataChanged) {
        return new TabView() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public Parent content() {
                return content.get();
            }

            @Override
            public void shown() {
                shown.run();
            }

            @Override
            public void dataChanged() {
                dataChanged.run();
            }
        };
    }
}
