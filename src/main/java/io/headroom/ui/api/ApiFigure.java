package io.headroom.ui.api;

import io.headroom.domain.Provenance;
import io.headroom.ui.view.ProvenanceBadge;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A figure the proxy measured: a caption, the value with its badge, and a line of detail. */
final class ApiFigure extends VBox {

    private final Label value = new Label("—");
    private final Label detail = new Label();

    ApiFigure(String id, String title) {
        setId(id);
        getStyleClass().addAll("tile", "api-figure");
        Label caption = new Label(title);
        caption.getStyleClass().add("caption");
        value.getStyleClass().add("figure-text");
        HBox line = new HBox(8, value, new ProvenanceBadge(Provenance.MEASURED));
        line.setAlignment(Pos.CENTER_LEFT);
        detail.getStyleClass().add("tile-sub");
        detail.setWrapText(true);
        getChildren().addAll(caption, line, detail);
        setSpacing(4);
        HBox.setHgrow(this, Priority.ALWAYS);
        setMaxWidth(Double.MAX_VALUE);
        setPrefWidth(0); // equal shares of the row, whatever the text
        setMinWidth(0);
    }

    void show(ApiViewModel.Figure f) {
        value.setText(f.value());
        detail.setText(f.detail());
    }

    Label value() {
        return value;
    }

    Label detail() {
        return detail;
    }
}
