package io.headroom.ui.dashboard;

import io.headroom.service.refresh.RefreshEngine;
import io.headroom.service.refresh.RefreshSnapshot;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The refresh engine's results, carried over to the FX thread. The import's progress comes from
 * several reader threads many times a second; the FX thread gets only the latest, at most once per
 * pass of its queue.
 */
final class FxRefreshSink implements RefreshEngine.Sink {

    private final Consumer<RefreshSnapshot> onSnapshot;
    private final Consumer<String> onFailure;
    private final Consumer<RefreshEngine.Progress> onProgress;
    private final AtomicReference<RefreshEngine.Progress> latest = new AtomicReference<>(RefreshEngine.Progress.IDLE);
    private final AtomicBoolean posted = new AtomicBoolean();

    FxRefreshSink(Consumer<RefreshSnapshot> onSnapshot, Consumer<String> onFailure,
            Consumer<RefreshEngine.Progress> onProgress) {
        this.onSnapshot = onSnapshot;
        this.onFailure = onFailure;
        this.onProgress = onProgress;
    }

    @Override
    public void refreshed(RefreshSnapshot snapshot) {
        Platform.runLater(() -> onSnapshot.accept(snapshot));
    }

    @Override
    public void failed(String message) {
        Platform.runLater(() -> onFailure.accept(message));
    }

    @Override
    public void progress(RefreshEngine.Progress progress) {
        latest.set(progress);
        if (posted.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                posted.set(false);
                onProgress.accept(latest.get());
            });
        }
    }

    @Override
    public void took(long totalNanos, long importNanos, long windowsNanos, long todayNanos) {
        FxBench.refreshSteps(importNanos, windowsNanos, todayNanos);
        FxBench.refreshTook(totalNanos);
    }
}
