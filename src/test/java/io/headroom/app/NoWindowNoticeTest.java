package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which one line a launch prints when no window can open, from the environment or the toolkit's failure. */
class NoWindowNoticeTest {

    @Test
    void linuxWithoutAnyDisplayIsRefusedBeforeJavaFxStarts() {
        assertThat(NoWindowNotice.beforeStart("Linux", Map.of())).contains(NoWindowNotice.NO_DISPLAY);
        assertThat(NoWindowNotice.beforeStart("Linux", Map.of("DISPLAY", " "))).contains(NoWindowNotice.NO_DISPLAY);
        assertThat(NoWindowNotice.NO_DISPLAY).isEqualTo("headroom: no window can open here: no display (DISPLAY and"
                + " WAYLAND_DISPLAY are unset); start it from a desktop session, or use the commands, which all work"
                + " without one (headroom --help)");
    }

    @Test
    void aDisplayOrAnotherSystemLetsJavaFxTry() {
        assertThat(NoWindowNotice.beforeStart("Linux", Map.of("DISPLAY", ":0"))).isEmpty();
        assertThat(NoWindowNotice.beforeStart("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"))).isEmpty();
        // macOS and Windows have no DISPLAY variable and always a screen in a login session
        assertThat(NoWindowNotice.beforeStart("Mac OS X", Map.of())).isEmpty();
        assertThat(NoWindowNotice.beforeStart("Windows 11", Map.of())).isEmpty();
    }

    @Test
    void glassFailingToLoadGtkSaysToInstallIt() {
        // the exact failure JavaFX 21 raises on a machine with X but without libgtk-3
        RuntimeException failure = new UnsupportedOperationException("Unable to load glass GTK library.");
        assertThat(NoWindowNotice.afterFailure(failure, Map.of("DISPLAY", ":0"))).contains(NoWindowNotice.NO_GTK);
        assertThat(NoWindowNotice.NO_GTK).isEqualTo("headroom: no window can open here: GTK 3 is not installed"
                + " (Debian/Ubuntu: sudo apt install libgtk-3-0; Fedora: sudo dnf install gtk3); the commands all"
                + " work without it (headroom --help)");
    }

    @Test
    void glassNotLinkingForMissingGtkOrX11LibrariesAlsoSaysToInstallGtk() {
        Throwable link = new UnsatisfiedLinkError("/home/u/.openjfx/cache/21/amd64/libglass.so: libX11.so.6:"
                + " cannot open shared object file: No such file or directory");
        assertThat(NoWindowNotice.afterFailure(new RuntimeException("startup", link), Map.of("DISPLAY", ":0")))
                .contains(NoWindowNotice.NO_GTK);
        assertThat(NoWindowNotice.afterFailure(new UnsatisfiedLinkError("libglassgtk3.so: libgtk-3.so.0: cannot open"),
                Map.of())).contains(NoWindowNotice.NO_GTK);
    }

    @Test
    void aDisplayThatDoesNotAnswerIsNamed() {
        RuntimeException failure = new UnsupportedOperationException("Unable to open DISPLAY");
        assertThat(NoWindowNotice.afterFailure(failure, Map.of("DISPLAY", ":7"))).contains("headroom: no window can"
                + " open here: the display :7 does not answer (is the X server running, and may this user reach"
                + " it?); the commands all work without one (headroom --help)");
        assertThat(NoWindowNotice.afterFailure(failure, Map.of("WAYLAND_DISPLAY", "wayland-0"))).contains("headroom:"
                + " no window can open here: DISPLAY is unset and the window needs X11 (on Wayland, install or enable"
                + " XWayland); the commands all work without it (headroom --help)");
    }

    @Test
    void anyOtherStartupFailureIsNotDisguised() {
        assertThat(NoWindowNotice.afterFailure(new IllegalStateException("Toolkit already initialized"), Map.of()))
                .isEmpty();
        assertThat(NoWindowNotice.afterFailure(new UnsatisfiedLinkError("libsqlitejdbc.so: bad ELF"), Map.of()))
                .isEmpty();
    }
}
