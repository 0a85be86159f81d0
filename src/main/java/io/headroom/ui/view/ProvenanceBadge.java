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
    private String suffix = "";
    private boolean stale;
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

    /**
     * Where and how fresh the figure is, after the label: "official · from Claude Code · 3 min ago".
     * A stale figure gets " · stale" and the {@code badge-stale} style.
     */
    public ProvenanceBadge origin(ObservableValue<String> where, ObservableValue<Boolean> isStale) {
        suffix = where.getValue() == null ? "" : where.getValue();
        stale = Boolean.TRUE.equals(isStale.getValue());
        where.addListener((o, a, b) -> {
            suffix = b == null ? "" : b;
            set(provenance);
        });
        isStale.addListener((o, a, b) -> {
            stale = Boolean.TRUE.equals(b);
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
        getStyleClass().remove("badge-stale");
        String origin = suffix.isEmpty() ? "" : " · " + suffix + (stale ? " · stale" : "");
        if (!origin.isEmpty() && stale) {
            getStyleClass().add("badge-stale");
        }
        setText(label(p) + origin);
        tooltip.setText(label(p) + ": " + p.explanation() + (extra.isEmpty() ? "" : "\n" + extra)
                + (origin.isEmpty() ? "" : "\nRead " + suffix + (stale ? "; older than 15 minutes, so it may"
                        + " have moved since." : ".")));
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
