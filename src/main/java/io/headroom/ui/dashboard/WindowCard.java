package io.headroom.ui.dashboard;

import io.headroom.domain.Provenance;
import io.headroom.ui.view.ProvenanceBadge;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** One window's card: gauge, live countdown, used, limit, burn rate and the forecast sentence. */
final class WindowCard extends VBox {

    /** @param setWeeklyReset opens the setting a window without a known reset waits on */
    WindowCard(WindowCardModel m, String id, Runnable setWeeklyReset) {
        super(10);
        setId(id);
        getStyleClass().add("window-card");
        setFillWidth(true);

        Label title = new Label(m.title);
        title.getStyleClass().add("card-title");

        // The percentage's badge sits in the gap at the bottom of the ring.
        Gauge gauge = new Gauge(m.gauge, m.percentText, m.gaugeCaption);
        ProvenanceBadge percentBadge = badge(m.percentProvenance, "percent-badge").origin(m.percentOrigin,
                m.percentStale);
        // "official · from Claude Code · 3 min ago" wraps in a narrow card rather than running off it.
        percentBadge.setMinWidth(0);
        percentBadge.setWrapText(true);
        percentBadge.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        StackPane gaugeBox = new StackPane(gauge, percentBadge);
        StackPane.setAlignment(percentBadge, Pos.BOTTOM_CENTER);
        gaugeBox.setMaxWidth(Double.MAX_VALUE);

        TickingLabel countdownRoot = ticking(m.countdownText, "countdown");
        Label countdown = countdownRoot.label();
        countdown.setWrapText(true);
        countdown.setMinWidth(0);
        countdown.setMinHeight(Region.USE_PREF_SIZE);
        TickingLabel resetRoot = ticking(m.resetText, "reset-time");
        Label resetAt = resetRoot.label();
        resetAt.setWrapText(true);
        resetAt.setMinWidth(0);
        resetAt.setMinHeight(Region.USE_PREF_SIZE);
        javafx.scene.control.Hyperlink setReset = new javafx.scene.control.Hyperlink("Set the weekly reset");
        setReset.getStyleClass().add("set-reset");
        setReset.setOnAction(e -> setWeeklyReset.run());
        setReset.visibleProperty().bind(m.resetUnset);
        setReset.managedProperty().bind(setReset.visibleProperty());
        VBox countdownBox = new VBox(2, ticking(m.countdownCaption, "caption"), countdownRoot,
                flow(resetRoot, badge(m.resetProvenance, "reset-badge")), setReset);
        countdownBox.getStyleClass().add("countdown-box");

        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(12);
        facts.setVgap(2);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        facts.getColumnConstraints().addAll(half, half);

        TickingLabel usedTokensRoot = ticking(m.usedTokens, "used-tokens");
        Label usedTokens = usedTokensRoot.label();
        usedTokens.setWrapText(true);
        usedTokens.setMinHeight(Region.USE_PREF_SIZE);
        Tooltip tokensTip = new Tooltip();
        tokensTip.textProperty().bind(m.usedTokensDetail);
        tokensTip.setWrapText(true);
        tokensTip.setMaxWidth(360);
        usedTokens.setTooltip(tokensTip);
        ProvenanceBadge usedBadge = new ProvenanceBadge(Provenance.MEASURED);
        usedBadge.getStyleClass().add("used-badge");
        facts.add(fact("Used", flow(ticking(m.usedText, "used-value"), usedBadge), usedTokensRoot), 0, 0);

        TickingLabel limitRoot = ticking(m.limitText, "limit-value");
        Label limit = limitRoot.label();
        Tooltip limitTip = new Tooltip();
        limitTip.textProperty().bind(m.limitDetail);
        limitTip.setWrapText(true);
        limitTip.setMaxWidth(360);
        limit.setTooltip(limitTip);
        facts.add(fact("Limit", flow(limitRoot, badge(m.limitProvenance, "limit-badge").detail(m.limitDetail)), null), 1, 0);
        facts.add(fact("Burn rate", flow(ticking(m.burnText, "burn-value"), badge(m.burnProvenance, "burn-badge")), null),
                0, 1, 2, 1);

        Label forecastCaption = new Label("Forecast");
        forecastCaption.getStyleClass().add("caption");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox forecastHead = new HBox(6, forecastCaption, gap, badge(m.forecastProvenance, "forecast-badge"));
        forecastHead.setAlignment(Pos.CENTER_LEFT);
        TickingLabel forecastRoot = ticking(m.forecastText, "forecast");
        Label forecast = forecastRoot.label();
        forecast.setWrapText(true);
        forecast.setMinWidth(0);
        forecast.setMinHeight(Region.USE_PREF_SIZE);
        forecast.setMaxWidth(Double.MAX_VALUE);
        VBox forecastBox = new VBox(4, forecastHead, forecastRoot);
        forecastBox.getStyleClass().add("forecast-box");
        forecastState(forecastBox, m.forecastState.get());
        m.forecastState.addListener((o, a, b) -> forecastState(forecastBox, b));

        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        getChildren().addAll(title, gaugeBox, countdownBox, facts, grow, forecastBox);
    }

    private static void forecastState(Node box, String state) {
        box.getStyleClass().removeIf(s -> s.startsWith("state-"));
        if (state != null && !state.isEmpty()) {
            box.getStyleClass().add("state-" + state);
        }
    }

    /** A caption above a value line (and an optional smaller line under it). */
    private static VBox fact(String caption, Node value, TickingLabel sub) {
        Label c = new Label(caption);
        c.getStyleClass().add("caption");
        VBox v = new VBox(2, c, value);
        if (sub != null) {
            sub.label().getStyleClass().add("fact-sub");
            v.getChildren().add(sub);
        }
        v.setPadding(new javafx.geometry.Insets(0, 0, 6, 0));
        return v;
    }

    /** A value and its badge on one line, the badge wrapping below when the card is narrow. */
    private static FlowPane flow(Node value, Node badge) {
        FlowPane f = new FlowPane(6, 2, value, badge);
        f.setAlignment(Pos.CENTER_LEFT);
        f.setPrefWrapLength(400);
        f.setMinWidth(0);
        return f;
    }

    /**
     * A label showing a model text. Each is laid out on its own (see {@link TickingLabel}): the
     * countdown changes every second and the burn rate and forecast with each refresh.
     */
    private static TickingLabel ticking(ObservableValue<String> value, String style) {
        TickingLabel t = new TickingLabel();
        t.label().textProperty().bind(value);
        t.label().getStyleClass().add(style);
        return t;
    }

    private static ProvenanceBadge badge(ObservableValue<Provenance> value, String style) {
        ProvenanceBadge b = new ProvenanceBadge().bind(value);
        b.getStyleClass().add(style);
        return b;
    }
}
