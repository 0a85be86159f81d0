package io.headroom.ui.view;

import com.sun.glass.ui.Timer;

/**
 * A pulse timer that can pause: it drives a timer that cannot (GTK's), stopping it to pause and
 * starting it again to resume. Timer's public methods are synchronized, so these never overlap.
 */
final class PausingPulseTimer extends Timer {

    private final Timer inner;
    private final int period;

    PausingPulseTimer(Timer inner, int period) {
        super(() -> { }); // the inner timer runs the toolkit's pulse
        this.inner = inner;
        this.period = period;
    }

    @Override
    protected long _start(Runnable runnable) {
        return _start(runnable, period);
    }

    @Override
    protected long _start(Runnable runnable, int ignored) {
        run();
        return 1; // any non-zero handle: the inner timer keeps its own
    }

    @Override
    protected void _stop(long handle) {
        inner.stop();
    }

    @Override
    protected void _pause(long handle) {
        inner.stop();
    }

    @Override
    protected void _resume(long handle) {
        run();
    }

    private void run() {
        if (!inner.isRunning()) {
            inner.start(period);
        }
    }
}
