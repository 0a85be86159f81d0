package io.headroom.ui.dashboard;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.StrokeLineCap;

/**
 * A 270° ring gauge: a grey track, a coloured arc for the used percentage (green, amber from 70%,
 * red from 90%) and the percentage in the middle. A negative value means "unknown": track only.
 */
final class Gauge extends StackPane {

    static final double SIZE = 128;
    private static final double RADIUS = 55;
    private static final double START = 225;
    private static final double SWEEP = 270;

    private final Arc value = arc("gauge-value");
    private final Label percent = new Label();
    private final Label caption = new Label();

    /** @param captionText under the figure: "used", "reached" (with "Limit" as the figure), "no limit known" */
    Gauge(DoubleProperty gauge, StringProperty text, StringProperty captionText) {
        getStyleClass().add("gauge");
        Arc track = arc("gauge-track");
        track.setLength(-SWEEP);
        percent.getStyleClass().add("gauge-percent");
        percent.textProperty().bind(text);
        // "100.0%" and above would touch the ring at the normal size.
        percent.textProperty().addListener((o, a, b) -> longText(b));
        longText(percent.getText());
        caption.getStyleClass().add("gauge-caption");
        caption.textProperty().bind(captionText);
        VBox centre = new VBox(percent, caption);
        centre.getStyleClass().add("gauge-centre");
        Pane ring = new Pane(track, value);
        ring.setMinSize(SIZE, SIZE);
        ring.setPrefSize(SIZE, SIZE);
        ring.setMaxSize(SIZE, SIZE);
        getChildren().addAll(ring, centre);
        setMinSize(SIZE, SIZE);
        setPrefSize(SIZE, SIZE);
        setMaxSize(SIZE, SIZE);
        show(gauge.get());
        gauge.addListener((o, a, b) -> show(b.doubleValue()));
    }

    private void longText(String t) {
        percent.getStyleClass().remove("long");
        if (t != null && t.length() > 5) {
            percent.getStyleClass().add("long");
        }
    }

    private void show(double p) {
        value.getStyleClass().removeAll("level-ok", "level-warn", "level-high");
        if (p < 0) {
            value.setVisible(false);
            return;
        }
        value.setVisible(true);
        value.setLength(-SWEEP * Math.min(100, p) / 100.0);
        value.getStyleClass().add(p >= 90 ? "level-high" : p >= 70 ? "level-warn" : "level-ok");
    }

    private static Arc arc(String style) {
        Arc a = new Arc(SIZE / 2, SIZE / 2, RADIUS, RADIUS, START, 0);
        a.setType(ArcType.OPEN);
        a.setFill(null);
        a.setStrokeWidth(12);
        a.setStrokeLineCap(StrokeLineCap.ROUND);
        a.getStyleClass().add(style);
        return a;
    }
}
