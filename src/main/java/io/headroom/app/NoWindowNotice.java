package io.headroom.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one line Headroom prints instead of JavaFX's stack trace when its window cannot open: what
 * is missing, how to get it, and that every command works without it. Decided before JavaFX starts
 * where the environment already tells (no display on Linux), else from the toolkit's startup failure.
 */
final class NoWindowNotice {

    /** The exit code of a launch whose window could not open. */
    static final int EXIT_CODE = 3;

    static final String NO_DISPLAY = "headroom: no window can open here: no display (DISPLAY and WAYLAND_DISPLAY"
            + " are unset); start it from a desktop session, or use the commands, which all work without one"
            + " (headroom --help)";
    static final String NO_GTK = "headroom: no window can open here: GTK 3 is not installed (Debian/Ubuntu:"
            + " sudo apt install libgtk-3-0; Fedora: sudo dnf install gtk3); the commands all work without it"
            + " (headroom --help)";

    private NoWindowNotice() {
    }

    /** The notice when the environment alone shows no window can open; empty when it may. */
    static Optional<String> beforeStart(String osName, Map<String, String> env) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        if (blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.of(NO_DISPLAY);
        }
        return Optional.empty();
    }

    /**
     * The notice for a toolkit that failed to start, read from the failure's chain; empty for a
     * failure that is not about the display or GTK (that one is a bug and keeps its trace).
     */
    static Optional<String> afterFailure(Throwable failure, Map<String, String> env) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof UnsupportedOperationException && message.startsWith("Unable to open DISPLAY")) {
                return Optional.of(unreachableDisplay(env));
            }
            if (t instanceof UnsupportedOperationException && message.startsWith("Unable to load glass GTK library")) {
                return Optional.of(NO_GTK);
            }
            // glass itself links against GTK and X11: with those gone its own library does not load
            if (t instanceof UnsatisfiedLinkError && message.contains("glass")
                    && (message.contains("libgtk") || message.contains("libgdk") || message.contains("libX"))) {
                return Optional.of(NO_GTK);
            }
        }
        return Optional.empty();
    }

    private static String unreachableDisplay(Map<String, String> env) {
        String display = env.get("DISPLAY");
        if (blank(display) && blank(env.get("WAYLAND_DISPLAY"))) {
            return NO_DISPLAY;
        }
        if (blank(display)) {
            // JavaFX draws through X11, on Wayland by way of XWayland, which then sets DISPLAY
            return "headroom: no window can open here: DISPLAY is unset and the window needs X11 (on Wayland,"
                    + " install or enable XWayland); the commands all work without it (headroom --help)";
        }
        return "headroom: no window can open here: the display " + display + " does not answer (is the X server"
                + " running, and may this user reach it?); the commands all work without one (headroom --help)";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
