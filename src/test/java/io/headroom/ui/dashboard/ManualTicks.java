package io.headroom.ui.dashboard;

/** A tick source stepped by hand: {@link #advance} delivers one tick per simulated second, only while started. */
final class ManualTicks implements TickSource {

    private final Runnable tick;
    private boolean running;
    private int delivered;

    ManualTicks(Runnable tick) {
        this.tick = tick;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean running() {
        return running;
    }

    /** On the FX thread, as the timeline would. */
    void advance(int seconds) {
        for (int i = 0; i < seconds; i++) {
            if (running) {
                delivered++;
                tick.run();
            }
        }
    }

    int delivered() {
        return delivered;
    }
}
