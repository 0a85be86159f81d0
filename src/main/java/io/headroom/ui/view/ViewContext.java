package io.headroom.ui.view;

import io.headroom.service.Workspace;
import io.headroom.work.BackgroundWork;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;

/**
 * What every dashboard view gets: the workspace, "now", one background thread for its queries,
 * and a data version that goes up (on the FX thread) whenever the store may have changed. Views
 * reload when the version moves and they show; they never touch files or the database on the FX
 * thread.
 */
public final class ViewContext implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ViewContext.class.getName());

    private final Workspace workspace;
    private final Supplier<Instant> clock;
    private final ExecutorService work;
    private final LongProperty dataVersion = new SimpleLongProperty(0);
    private Runnable refreshNow = () -> { };

    public ViewContext(Workspace workspace, Supplier<Instant> clock) {
        this.workspace = workspace;
        this.clock = clock;
        this.work = BackgroundWork.serial("headroom-view-work");
    }

    public Workspace workspace() {
        return workspace;
    }

    public Instant now() {
        return clock.get();
    }

    public Supplier<Instant> clock() {
        return clock;
    }

    /**
     * Runs {@code task} on the views' background thread and hands its result (or its failure's
     * message) to the FX thread.
     */
    public <T> void load(Callable<T> task, Consumer<T> onResult, Consumer<String> onFailure) {
        if (work.isShutdown()) {
            return; // the window closed: a late data change has nobody left to show it to
        }
        work.execute(() -> {
            try {
                T result = task.call();
                Platform.runLater(() -> onResult.accept(result));
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, "a dashboard view failed to load", e);
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                Platform.runLater(() -> onFailure.accept(message));
            }
        });
    }

    /** Goes up by one each time the store may have changed; read and observed on the FX thread. */
    public ReadOnlyLongProperty dataVersion() {
        return dataVersion;
    }

    /** On the FX thread: something was written (an import, a proxy call, a manual entry, new settings). */
    public void dataChanged() {
        dataVersion.set(dataVersion.get() + 1);
    }

    /** Asks the dashboard to import and recompute now rather than at the next tick (after the user wrote something). */
    public void refreshNow() {
        refreshNow.run();
    }

    /** The dashboard says what {@link #refreshNow} does, once its refresh engine exists. */
    public void onRefreshNow(Runnable action) {
        this.refreshNow = action;
    }

    @Override
    public void close() {
        work.shutdown();
    }
}
