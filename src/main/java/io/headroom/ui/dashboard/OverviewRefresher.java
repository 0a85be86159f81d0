package io.headroom.ui.dashboard;

import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.usage.UsageRollup;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.service.UsageReports;
import io.headroom.service.WindowsService;
import io.headroom.service.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * The dashboard's one background thread: every few seconds it imports new Claude Code lines,
 * recomputes the windows snapshot and today's cost, and hands the FX thread one batch. All
 * file and database work happens here, never on the FX thread.
 */
final class OverviewRefresher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OverviewRefresher.class.getName());

    private final Workspace workspace;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService executor;
    private final ScheduledThreadPoolExecutor pool;
    /** The all-time total scans every usage row, so it is recomputed only after new lines or once a minute. */
    private static final long TOTALS_EVERY_NANOS = 60_000_000_000L;
    private long allTokens = -1;
    private volatile Runnable refresh;
    private long totalsAt;

    OverviewRefresher(Workspace workspace, Supplier<Instant> clock) {
        this.workspace = workspace;
        this.clock = clock;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "headroom-dashboard-refresh");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.log(Level.WARNING, "dashboard refresh failed", e));
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.pool = pool;
        this.executor = pool;
    }

    /** Refreshes now and then every {@code period}; each batch (or failure) goes to the FX thread. */
    void start(Duration period, Consumer<OverviewModel.Batch> onBatch, Consumer<String> onFailure) {
        refresh = () -> {
            try {
                OverviewModel.Batch b = load();
                Platform.runLater(() -> onBatch.accept(b));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "dashboard refresh failed", e);
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                Platform.runLater(() -> onFailure.accept(message));
            }
        };
        executor.scheduleWithFixedDelay(refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One extra refresh as soon as the thread is free (after the user wrote something); ignored before start or after close. */
    void refreshNow() {
        Runnable r = refresh;
        if (r != null && !executor.isShutdown()) {
            try {
                executor.execute(r);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the window is closing: nothing left to refresh
            }
        }
    }

    /** One refresh: import, snapshot, today's cost. Runs on the refresh thread. */
    OverviewModel.Batch load() {
        Instant now = clock.get();
        ZoneId zone = workspace.settings().zone();
        ImportReport report = workspace.importClaudeCode(List.of(), zone, ImportOptions.defaults());
        WindowsService.Snapshot snapshot = workspace.windows().current(now);
        UsageReports reports = workspace.reports();
        LocalDate today = LocalDate.ofInstant(now, snapshot.zone());
        PeriodUsage day = UsageRollup.total("today",
                reports.daily(new UsageReports.Range(today, today, snapshot.zone())));
        if (allTokens < 0 || report.linesRead() > 0 || System.nanoTime() - totalsAt > TOTALS_EVERY_NANOS) {
            totalsAt = System.nanoTime();
            allTokens = UsageRollup.total("all", reports.daily(new UsageReports.Range(null, null, snapshot.zone())))
                    .tokens().total();
        }
        return new OverviewModel.Batch(now, snapshot, day.cost(), day.tokens().total(), allTokens, report,
                new ClaudeDirectories.Discovery(report.discoveryRule(), report.lookedAt()));
    }

    @Override
    public void close() {
        executor.shutdown(); // a refresh in progress finishes (no interrupt mid-write); no new one starts
    }

    /** Waits for a refresh in progress to end after {@link #close} (tests close the workspace next). */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
