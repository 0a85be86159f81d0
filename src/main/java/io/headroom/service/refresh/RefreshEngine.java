package io.headroom.service.refresh;

import io.headroom.domain.ProxyCall;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportProgress;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.service.ClaudeFolderWatcher;
import io.headroom.service.UsageReports;
import io.headroom.service.WindowsService;
import io.headroom.service.Workspace;
import io.headroom.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The app's one refresh thread: it imports new Claude Code lines, recomputes the windows snapshot
 * and today's cost, and hands its {@link Sink} one immutable {@link RefreshSnapshot}. It runs when
 * something changed: at once (coalesced) when a transcript folder changes, the proxy records a call
 * or a view asks ({@link #requestNow}); and on its own only when the figures move with time alone:
 * when a window shown ends, when a source with an interval (the usage endpoint) may be asked again,
 * and at the latest after the quiet period ({@link #setPeriod}). An idle app thus reads no file and
 * queries nothing for minutes. All file and database work happens here, never on the UI
 * thread; the sink decides which thread shows the result (the window hops to JavaFX's). A long import reports
 * its progress and can be cancelled; importing then pauses until
 * {@link #resumeImport}, which picks up where it stopped (the importer keeps every batch written).
 */
public final class RefreshEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RefreshEngine.class.getName());

    private final Workspace workspace;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService executor;
    /** An import this large shows its progress at once; smaller ones only once they take a second. */
    private static final long SHOW_PROGRESS_BYTES = 64L << 20;
    /** After an import this large the heap is collected in full once, so the memory it took goes back. */
    private static final long RETURN_HEAP_AFTER_BYTES = 32L << 20;
    /** The all-time total reads every usage row, so it is recounted only when new lines were read or written. */
    private long allTokens = -1;
    private boolean totalsDue;
    /** Set by any thread that knows something was written (a proxy call, a view's log entry). */
    private volatile boolean totalsStale;
    /** The refresh due by time alone (see {@link #scheduleNext}); replaced after each refresh. */
    private java.util.concurrent.ScheduledFuture<?> due;
    private volatile long lastRefreshEnd = System.nanoTime() - MIN_GAP_NANOS;
    /** The least time between two refreshes asked for by events: a few batches a second at most. */
    private static final long MIN_GAP_NANOS = 250_000_000L;
    /** Proxy calls are written by the proxy's own writer just after they finish; give it a moment. */
    private static final long PROXY_DELAY_MILLIS = 150;

    /** Progress of a running import, or (running false) none; what the Overview's progress bar shows. */
    public record Progress(boolean running, boolean paused, int filesDone, int filesTotal, long bytesDone,
            long bytesTotal) {
        public static final Progress IDLE = new Progress(false, false, 0, 0, 0, 0);
    }

    /**
     * Where the refreshes go. {@link #refreshed} and {@link #failed} are called on the refresh
     * thread, {@link #progress} on the import's reader threads (often: keep only the latest).
     */
    public interface Sink {
        void refreshed(RefreshSnapshot snapshot);

        void failed(String message);

        void progress(Progress progress);

        /** How long one refresh took in all and in its steps (the bench prints them); nanoseconds. */
        default void took(long totalNanos, long importNanos, long windowsNanos, long todayNanos) {
        }
    }

    private static final Sink NOWHERE = new Sink() {
        @Override
        public void refreshed(RefreshSnapshot snapshot) {
        }

        @Override
        public void failed(String message) {
        }

        @Override
        public void progress(Progress progress) {
        }
    };

    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicReference<Progress> latestProgress = new AtomicReference<>(Progress.IDLE);
    private volatile AtomicBoolean cancelImport = new AtomicBoolean();
    private volatile boolean importPaused;
    private volatile Duration showProgressAfter = Duration.ofSeconds(1);
    private volatile ImportProgress importHook = ImportProgress.NONE;
    private volatile Sink sink = NOWHERE;
    /** The step times of the refresh under way, handed to the sink with its total. */
    private long importNanos;
    private long windowsNanos;
    private long todayNanos;
    private ClaudeFolderWatcher watcher;
    private final Consumer<ProxyCall> proxyListener = call -> requestAfter(PROXY_DELAY_MILLIS);
    /** An export of Claude Code's telemetry was stored: shown as soon as a proxied call would be. */
    private final Consumer<io.headroom.telemetry.TelemetryRecorder.Stored> telemetryListener =
            stored -> requestAfter(PROXY_DELAY_MILLIS);
    /** Told of each refresh on this thread (tray, notifications), whether the window shows or not. */
    private final List<RefreshListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The longest time without a refresh: short while the window shows, long while only the tray watches. */
    private volatile Duration quietPeriod;

    public RefreshEngine(Workspace workspace, Supplier<Instant> clock) {
        this.workspace = workspace;
        this.clock = clock;
        this.executor = BackgroundWork.scheduled("headroom-refresh");
        // While the window is built and shown: open the database, read the price and plan tables and
        // run the windows queries once, so the first refresh finds them ready (and the JIT warm).
        executor.execute(() -> {
            try {
                Instant at = clock.get();
                stored = new Stored(at, workspace.windows().current(at));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "warm-up failed; the first refresh reports it", e);
            }
        });
    }

    /** The warm-up's windows: what the store held as the window opened, shown before the first import. */
    private record Stored(Instant at, WindowsService.Snapshot snapshot) {
    }

    private volatile Stored stored;

    /**
     * Refreshes now, then on every change the folder watcher or the proxy reports, and when the
     * figures move with time (at the latest after {@code quiet}); each snapshot (or failure) and
     * the import's progress go to {@code sink}.
     */
    public void start(Duration quiet, Sink sink) {
        start(quiet, sink, ClaudeFolderWatcher.of(workspace, this::filesChanged));
    }

    /** As {@link #start(Duration, Sink)} with the given watcher (tests pass one they drive; null: none). */
    void start(Duration quiet, Sink sink, ClaudeFolderWatcher folders) {
        this.sink = sink;
        this.quietPeriod = quiet;
        requestAfter(0, false);
        watcher = folders;
        if (watcher != null) {
            watcher.start();
        }
        workspace.proxy().addListener(proxyListener);
        workspace.telemetry().addListener(telemetryListener);
    }

    /**
     * Imports and recomputes as soon as the refresh thread is free (but not within
     * {@link #MIN_GAP_NANOS} of the last refresh, so the FX thread gets a few batches a second at
     * most); requests made meanwhile become one refresh. Something was written, so the all-time
     * total is recounted too.
     */
    public void requestNow() {
        requestAfter(0, true);
    }

    /**
     * A transcript folder (or a file the sources read) changed: import. The all-time total is
     * recounted only if lines were read.
     */
    public void filesChanged() {
        requestAfter(0, false);
    }

    private void requestAfter(long millis) {
        requestAfter(millis, true);
    }

    private void requestAfter(long millis, boolean written) {
        if (written) {
            totalsStale = true;
        }
        if (!executor.isShutdown() && queued.compareAndSet(false, true)) {
            long gap = MIN_GAP_NANOS - (System.nanoTime() - lastRefreshEnd);
            long delay = Math.max(millis, gap / 1_000_000);
            try {
                executor.schedule(this::refresh, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                queued.set(false);
            }
        }
    }

    /** Stops the running import (what it wrote stays) and imports nothing more until {@link #resumeImport}. */
    public void cancelImport() {
        importPaused = true;
        cancelImport.set(true);
    }

    /** Imports again, from where the cancelled import stopped. */
    public void resumeImport() {
        importPaused = false;
        requestNow();
    }

    /** Tests: show the progress bar for any import, and see (and slow) each file done on the reader threads. */
    public void showProgressAfter(Duration after, ImportProgress hook) {
        this.showProgressAfter = after;
        this.importHook = hook;
    }

    /**
     * The window hid (a long quiet period: only the tray watches) or shows again (a short one);
     * takes effect from the next refresh.
     */
    public void setPeriod(Duration quiet) {
        this.quietPeriod = quiet;
    }

    /** Called on the refresh thread after each successful refresh, before the sink gets the snapshot. */
    public void addListener(RefreshListener listener) {
        listeners.add(listener);
    }

    public boolean stopped() {
        return executor.isShutdown();
    }

    private void refresh() {
        queued.set(false);
        RefreshSnapshot shown = null;
        Stored first = stored;
        stored = null;
        if (first != null) {
            showStored(first);
        }
        try {
            long t0 = System.nanoTime();
            RefreshSnapshot b = load();
            sink.took(System.nanoTime() - t0, importNanos, windowsNanos, todayNanos);
            for (RefreshListener l : listeners) {
                try {
                    l.refreshed(b.now(), b.snapshot());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a refresh listener failed", e);
                }
            }
            sink.refreshed(b);
            shown = b;
            if (allTokens < 0 || totalsDue || totalsStale) {
                // The all-time total reads every usage row; the windows go on screen first, the total follows.
                totalsDue = false;
                totalsStale = false;
                allTokens = workspace.reports().totalTokens();
                sink.refreshed(b.withAllTokens(allTokens));
            }
            if (b.importReport() != null && b.importReport().bytesRead() >= RETURN_HEAP_AFTER_BYTES) {
                returnMemory();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refresh failed", e);
            sink.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            lastRefreshEnd = System.nanoTime();
            scheduleNext(shown);
        }
    }

    /**
     * Before the first import: the figures as stored, so a returning user sees them as soon as the
     * window is up (a quick import and a windows query later, the imported ones replace them; with
     * a million events that is 0.3-0.4 s). Nothing with an empty store, and the listeners (tray,
     * notifications) wait for the imported figures.
     */
    private void showStored(Stored first) {
        try {
            UsageReports reports = workspace.reports();
            if (!reports.anyUsage()) {
                return;
            }
            PeriodUsage day = reports.today(first.at(), first.snapshot().zone());
            sink.refreshed(new RefreshSnapshot(first.at(), first.snapshot(), day.cost(), day.tokens().total(), -1,
                    null, null, workspace.settings().proxyPortOrDefault()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not show the stored figures first; the refresh shows the imported ones", e);
        }
    }

    /**
     * Schedules the next refresh that time alone calls for (an event may come first; the refresh it
     * causes schedules again): see {@link NextRefresh}. A failed refresh is retried after the quiet period.
     */
    private void scheduleNext(RefreshSnapshot last) {
        Instant now = clock.get();
        List<Instant> sourcesDue = List.of();
        if (last != null) {
            // The sources keep real time; the windows this engine's clock (tests fix it): turns are moved onto the latter.
            Duration clockAhead = Duration.between(Instant.now(), now);
            try {
                sourcesDue = workspace.sources().list().stream().map(io.headroom.sources.SourceRegistry.Entry::nextReadAt)
                        .filter(java.util.Objects::nonNull).map(at -> at.plus(clockAhead)).toList();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "cannot list the sources' next reads", e);
            }
        }
        Duration wait = NextRefresh.after(now, last == null ? null : last.snapshot().result(), sourcesDue, quietPeriod);
        synchronized (this) {
            if (due != null) {
                due.cancel(false);
            }
            if (!executor.isShutdown()) {
                try {
                    due = executor.schedule(() -> requestAfter(0, false), wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    due = null;
                }
            }
        }
    }

    /** When the next refresh is due by time alone, or null before {@link #start}. */
    synchronized Duration nextDueIn() {
        return due == null ? null : Duration.ofMillis(due.getDelay(TimeUnit.MILLISECONDS));
    }

    /**
     * A big import grows the heap to a few hundred megabytes that an idle app never needs again.
     * The window's collector (serial, with small free ratios: see GUI_OPTIONS in the installer)
     * gives memory back to the system only at a full collection, and an idle app allocates too
     * little to cause one; so one is asked for here, once per big import, on this thread. SQLite's
     * writer cache, grown by the import too, is freed first.
     */
    private void returnMemory() {
        long t0 = System.nanoTime();
        try {
            workspace.database().releaseMemory();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not free SQLite's cache", e);
        }
        System.gc();
        LOG.fine(() -> "heap returned after a big import in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /** Reader threads report each file done. */
    private void progress(Progress p) {
        latestProgress.set(p);
        sink.progress(p);
    }

    private ImportReport importNew(ZoneId zone) {
        AtomicBoolean cancel = new AtomicBoolean();
        cancelImport = cancel;
        long started = System.nanoTime();
        long showAfter = showProgressAfter.toNanos();
        ImportProgress hook = importHook;
        AtomicBoolean shown = new AtomicBoolean();
        ImportProgress bar = (filesDone, filesTotal, bytesDone, bytesTotal) -> {
            if (shown.get() || System.nanoTime() - started >= showAfter || bytesTotal >= SHOW_PROGRESS_BYTES) {
                shown.set(true);
                progress(new Progress(!cancel.get(), cancel.get(), filesDone, filesTotal, bytesDone, bytesTotal));
            }
            hook.update(filesDone, filesTotal, bytesDone, bytesTotal);
        };
        // One core stays free for the window on small machines.
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        try {
            return workspace.importClaudeCode(List.of(), zone, new ImportOptions(threads, cancel, -1, bar));
        } finally {
            Progress last = latestProgress.get();
            if (cancel.get() && shown.get()) {
                progress(new Progress(false, true, last.filesDone(), last.filesTotal(), last.bytesDone(),
                        last.bytesTotal()));
            } else if (shown.get() || last.running() || last.paused()) {
                progress(Progress.IDLE);
            }
        }
    }

    /** One refresh: import, snapshot, today's cost. Runs on the refresh thread. */
    private RefreshSnapshot load() {
        Instant now = clock.get();
        io.headroom.config.Settings settings = workspace.settings();
        ZoneId zone = settings.zone();
        long t0 = System.nanoTime();
        // Every source is read through the registry; a paused transcript import pauses only that one.
        ImportReport report = importPaused ? null : importNew(zone);
        if (importPaused) {
            workspace.readSourcesExceptTranscripts(zone);
        }
        long t1 = System.nanoTime();
        WindowsService.Snapshot snapshot = workspace.windows().current(now);
        long t2 = System.nanoTime();
        UsageReports reports = workspace.reports();
        PeriodUsage day = reports.today(now, snapshot.zone());
        importNanos = t1 - t0;
        windowsNanos = t2 - t1;
        todayNanos = System.nanoTime() - t2;
        if (allTokens < 0 && !workspace.reports().anyUsage()) {
            allTokens = 0;
        }
        if (report != null && report.linesRead() > 0) {
            totalsDue = true;
        }
        ClaudeDirectories.Discovery discovery = report == null ? null
                : new ClaudeDirectories.Discovery(report.discoveryRule(), report.lookedAt());
        return new RefreshSnapshot(now, snapshot, day.cost(), day.tokens().total(), allTokens, report, discovery,
                settings.proxyPortOrDefault());
    }

    @Override
    public void close() {
        workspace.proxy().removeListener(proxyListener);
        workspace.telemetry().removeListener(telemetryListener);
        if (watcher != null) {
            watcher.close();
        }
        cancelImport.set(true); // a long first import would otherwise keep the workspace busy after the window closed
        executor.shutdown(); // a refresh in progress finishes (no interrupt mid-write); no new one starts
    }

    /** Waits for a refresh in progress to end after {@link #close} (tests close the workspace next). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
