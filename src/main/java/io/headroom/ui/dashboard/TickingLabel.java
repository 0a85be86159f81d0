package io.headroom.ui.dashboard;

import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * A label whose text changes often (the countdown, every second) without relaying out the whole
 * window each time. A plain Label's text change calls requestLayout all the way up to the scene
 * root, so every tick laid out every card, the grid and the scroll pane. Here the label is an
 * unmanaged child of this small region, which makes it a layout root: its own requestLayout stops
 * at itself and the next pulse lays out only the label. This region reports exactly the label's
 * sizes, so the window looks the same; only when a new text changes the label's preferred width
 * or height (a wrapped line more or less, a wider countdown) does it ask its parents for a layout.
 */
final class TickingLabel extends Region {

    private final Inner label = new Inner();
    private double lastPrefWidth = Double.NaN;
    private double lastPrefHeight = Double.NaN;

    TickingLabel() {
        label.owner = this;
        label.setManaged(false);
        getChildren().add(label);
    }

    /** The label itself: style classes, text binding, wrapping and min/max sizes go on it. */
    Label label() {
        return label;
    }

    private static final class Inner extends Label {
        private TickingLabel owner;

        @Override
        public void requestLayout() {
            super.requestLayout();
            if (owner != null) {
                owner.labelChanged();
            }
        }
    }

    /** The label asked for a layout (new text, font, style): only a new size concerns the parents. */
    private void labelChanged() {
        if (getScene() == null || getWidth() <= 0 || Double.isNaN(lastPrefWidth)) {
            requestLayout();
            return;
        }
        double w = label.prefWidth(-1);
        double h = label.prefHeight(contentWidth());
        if (w != lastPrefWidth || h != lastPrefHeight) {
            requestLayout();
        }
    }

    private double contentWidth() {
        return Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset());
    }

    @Override
    protected void layoutChildren() {
        double w = contentWidth();
        double h = Math.max(0, getHeight() - snappedTopInset() - snappedBottomInset());
        lastPrefWidth = label.prefWidth(-1);
        lastPrefHeight = label.prefHeight(w);
        label.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, h);
    }

    @Override
    public Orientation getContentBias() {
        return label.getContentBias();
    }

    @Override
    protected double computeMinWidth(double height) {
        return label.minWidth(insetHeight(height)) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return label.minHeight(insetWidth(width)) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computePrefWidth(double height) {
        return label.prefWidth(insetHeight(height)) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return label.prefHeight(insetWidth(width)) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMaxWidth(double height) {
        return label.maxWidth(insetHeight(height)) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMaxHeight(double width) {
        return label.maxHeight(insetWidth(width)) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    public double getBaselineOffset() {
        return snappedTopInset() + label.getBaselineOffset();
    }

    private double insetWidth(double width) {
        return width < 0 ? width : Math.max(0, width - snappedLeftInset() - snappedRightInset());
    }

    private double insetHeight(double height) {
        return height < 0 ? height : Math.max(0, height - snappedTopInset() - snappedBottomInset());
    }
}
