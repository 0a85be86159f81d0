package io.headroom.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.glass.ui.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class IdlePulsesTest {

    @Start
    void start(Stage stage) {
        // The toolkit runs (Monocle); Timer's period bounds come from it.
    }

    /** GTK's timer as JavaFX 21 has it: starts and stops; pause and resume do nothing. */
    static final class UnpausableTimer extends Timer {
        final List<String> calls = new ArrayList<>();

        UnpausableTimer() {
            super(() -> { });
        }

        @Override
        protected long _start(Runnable runnable) {
            calls.add("start");
            return 7;
        }

        @Override
        protected long _start(Runnable runnable, int period) {
            calls.add("start " + period);
            return 7;
        }

        @Override
        protected void _stop(long handle) {
            calls.add("stop");
        }

        @Override
        protected void _pause(long handle) {
        }

        @Override
        protected void _resume(long handle) {
        }
    }

    @Test
    void pausingStopsTheInnerTimerAndResumingStartsItAtThePulseInterval() {
        UnpausableTimer gtk = new UnpausableTimer();
        gtk.start(16); // as the toolkit started it
        PausingPulseTimer pausing = new PausingPulseTimer(gtk, 16);
        pausing.start(16);
        assertThat(gtk.calls).containsExactly("start 16"); // adopted, not started twice
        assertThat(pausing.isRunning()).isTrue();

        pausing.pause();
        assertThat(gtk.isRunning()).isFalse();
        pausing.pause(); // the toolkit asks again while idle: nothing more happens
        pausing.resume();
        pausing.resume();
        assertThat(gtk.calls).containsExactly("start 16", "stop", "start 16");
        assertThat(gtk.isRunning()).isTrue();

        pausing.stop(); // the toolkit exits
        pausing.resume(); // a late request after exit starts nothing
        assertThat(gtk.calls).containsExactly("start 16", "stop", "start 16", "stop");
        assertThat(pausing.isRunning()).isFalse();
    }

    /** The reflection reaches this JavaFX's pulse timer; Monocle's pauses by itself, so it is left in place. */
    @Test
    void reachesTheToolkitsTimerAndReplacesOnlyGtks() throws Exception {
        AtomicReference<Boolean> installed = new AtomicReference<>();
        AtomicReference<Object> timer = new AtomicReference<>();
        Platform.runLater(() -> {
            installed.set(IdlePulses.install());
            try {
                timer.set(IdlePulses.pulseTimer());
            } catch (ReflectiveOperationException e) {
                timer.set(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(installed.get()).isFalse();
        assertThat(timer.get().getClass().getName()).isEqualTo("com.sun.glass.ui.monocle.MonocleTimer");
    }
}
