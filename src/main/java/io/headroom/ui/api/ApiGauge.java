package io.headroom.ui.api;

import io.headroom.domain.Provenance;
import io.headroom.ui.view.ProvenanceBadge;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One rate limit: what the last minute used (measured by the proxy) against the limit the API's
 * own headers reported (official), as a bar that turns amber at 70% and red at 90%.
 */
final class ApiGauge extends VBox {

    private final Label value = new Label("—");
    private final ProgressBar bar = new ProgressBar(0);
    private final ProvenanceBadge limitBadge = new ProvenanceBadge();

    ApiGauge(String id, String title, String explanation) {
        setId(id);
        getStyleClass().addAll("tile", "api-gauge");
        Label caption = new Label(title);
        caption.getStyleClass().add("caption");
        value.getStyleClass().add("gauge-value-text");
        ProvenanceBadge used = new ProvenanceBadge(Provenance.MEASURED);
        used.getStyleClass().add("used-badge");
        limitBadge.getStyleClass().add("limit-badge");
        HBox badges = new HBox(6, new Label("used"), used, new Label("limit"), limitBadge);
        badges.getStyleClass().add("badge-line");
        badges.setAlignment(Pos.CENTER_LEFT);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(14);
        Label note = new Label(explanation);
        note.getStyleClass().add("tile-sub");
        note.setWrapText(true);
        getChildren().addAll(caption, value, bar, badges, note);
        setSpacing(6);
        HBox.setHgrow(this, Priority.ALWAYS);
        setMaxWidth(Double.MAX_VALUE);
        setPrefWidth(0); // equal shares of the row, whatever the text
        setMinWidth(0);
    }

    /** @param g null while no call of the last hour fills the gauge */
    void show(ApiViewModel.Gauge g) {
        value.setText(g == null ? "—" : g.text());
        bar.setProgress(g == null ? 0 : g.fraction());
        bar.getStyleClass().removeAll("level-ok", "level-warn", "level-high");
        if (g != null) {
            bar.getStyleClass().add(g.level());
        }
        limitBadge.set(g == null || g.limit() == null ? null : Provenance.OFFICIAL);
    }

    Label value() {
        return value;
    }
}
