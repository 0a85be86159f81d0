package io.headroom.ui.view;

import io.headroom.domain.Provenance;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The small badge next to every number: official, limit event, manual, measured or estimate,
 * with a tooltip saying what that means ({@link Provenance#explanation()}).
 */
public final class ProvenanceBadge extends Label {

    private final Tooltip tooltip = new Tooltip();
    private String extra = "";
    private Provenance provenance;

    public ProvenanceBadge() {
        getStyleClass().add("badge");
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        setFocusTraversable(false);
        setMinWidth(USE_PREF_SIZE);
        set(null);
    }

    public ProvenanceBadge(Provenance fixed) {
        this();
        set(fixed);
    }

    /** Follows a property (null hides the badge). */
    public ProvenanceBadge bind(ObservableValue<Provenance> value) {
        set(value.getValue());
        value.addListener((o, a, b) -> set(b));
        return this;
    }

    /** A second line for the tooltip, e.g. how a limit was learned. */
    public ProvenanceBadge detail(ObservableValue<String> value) {
        extra = value.getValue() == null ? "" : value.getValue();
        value.addListener((o, a, b) -> {
            extra = b == null ? "" : b;
            set(provenance);
        });
        set(provenance);
        return this;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Shows {@code p} (null hides the badge). */
    public void set(Provenance p) {
        provenance = p;
        for (Provenance each : Provenance.values()) {
            getStyleClass().remove("badge-" + each.code());
        }
        if (p == null) {
            setText("");
            setVisible(false);
            setManaged(false);
            setTooltip(null);
            return;
        }
        getStyleClass().add("badge-" + p.code());
        setText(label(p));
        tooltip.setText(label(p) + ": " + p.explanation() + (extra.isEmpty() ? "" : "\n" + extra));
        setTooltip(tooltip);
        setVisible(true);
        setManaged(true);
    }

    public static String label(Provenance p) {
        return switch (p) {
            case OFFICIAL -> "official";
            case LIMIT_EVENT -> "limit event";
            case MANUAL -> "manual";
            case MEASURED -> "measured";
            case ESTIMATE -> "estimate";
        };
    }
}
