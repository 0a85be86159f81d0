package io.headroom.ui.history;

import javafx.beans.property.SimpleStringProperty;

/** What a view model must not be: it holds a JavaFX property (the view-model rule's own check). */
public final class FxLeakingViewModel {

    private final SimpleStringProperty text = new SimpleStringProperty("");

    public String text() {
        return text.get();
    }
}
