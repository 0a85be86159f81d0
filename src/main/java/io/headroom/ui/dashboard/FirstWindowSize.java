package io.headroom.ui.dashboard;

/**
 * The size the main window opens at: 1280x800, or the screen's usable area (without task bars
 * and docks) where that is smaller, so no part of the first window hangs off a small screen. The
 * least size the user may shrink it to follows the same rule.
 */
record FirstWindowSize(double width, double height, double minWidth, double minHeight) {

    static final double WIDTH = 1280;
    static final double HEIGHT = 800;
    static final double MIN_WIDTH = 960;
    static final double MIN_HEIGHT = 600;

    /** The window's sizes on a screen whose usable area is {@code visibleWidth} x {@code visibleHeight}. */
    static FirstWindowSize on(double visibleWidth, double visibleHeight) {
        double w = Math.floor(Math.min(WIDTH, visibleWidth));
        double h = Math.floor(Math.min(HEIGHT, visibleHeight));
        return new FirstWindowSize(w, h, Math.min(MIN_WIDTH, w), Math.min(MIN_HEIGHT, h));
    }
}
