package io.headroom.ui.dashboard;

import io.headroom.work.BackgroundWork;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * What moves the countdowns: calls its task on the FX thread once a second while started. Tests
 * step one by hand to see that nothing ticks while the window is hidden or minimised.
 */
interface TickSource {

    void start();

    void stop();

    boolean running();

    /** Stops for good (the window is disposed). */
    default void close() {
        stop();
    }

    /**
     * Ticks from a background timer, just after each wall-clock second, each tick one
     * {@code Platform.runLater}. Not a JavaFX Timeline: a running animation keeps JavaFX's pulse
     * going 60 times a second (CSS, layout and a repaint check each time) although the key frame
     * fires once a second; this way the FX thread wakes once a second, and draws only the labels
     * whose text changed.
     */
    static TickSource everySecond(Runnable tick) {
        return new TickSource() {
            private final ScheduledThreadPoolExecutor timer = BackgroundWork.scheduled("headroom-countdown");
            /** One tick waiting on the FX thread at most: a busy FX thread gets no backlog of ticks. */
            private final AtomicBoolean posted = new AtomicBoolean();
            private ScheduledFuture<?> ticking;

            @Override
            public synchronized void start() {
                if (ticking == null && !timer.isShutdown()) { // after close (the window disposed) it stays still
                    long toNextSecond = 1000 - System.currentTimeMillis() % 1000 + 5;
                    ticking = timer.scheduleAtFixedRate(this::post, toNextSecond, 1000, TimeUnit.MILLISECONDS);
                }
            }

            private void post() {
                if (posted.compareAndSet(false, true)) {
                    Platform.runLater(() -> {
                        posted.set(false);
                        if (running()) {
                            tick.run();
                        }
                    });
                }
            }

            @Override
            public synchronized void stop() {
                if (ticking != null) {
                    ticking.cancel(false);
                    ticking = null;
                }
            }

            @Override
            public synchronized boolean running() {
                return ticking != null;
            }

            @Override
            public synchronized void close() {
                stop();
                timer.shutdownNow();
            }
        };
    }
}
