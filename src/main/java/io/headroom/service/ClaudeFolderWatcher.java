package io.headroom.service;

import io.headroom.work.BackgroundWork;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches Claude Code's project folders (and every folder below them, registering new ones as
 * they appear) and calls {@code onChange} shortly after something was written there. A burst of
 * writes (Claude Code appends a line per message and tool call) becomes one call after a quiet
 * {@code debounce}. Because a watch service can overflow, miss network or macOS folders (where
 * the JDK polls slowly), or be unavailable, the folders are also re-discovered every
 * {@code rescan} (every {@link #UNWATCHED_RESCAN} when there is no watch service), and
 * {@code onChange} is called then only if a transcript's size or time (or one of the single
 * files') differs from the last re-scan: the safety net lists folders and reads attributes, never
 * a file, so an idle app does no import at all.
 */
public final class ClaudeFolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClaudeFolderWatcher.class.getName());

    /** Without a watch service the re-scan is the only way to notice a change, so it runs this often. */
    static final Duration UNWATCHED_RESCAN = Duration.ofSeconds(30);
    /** How often the installed watcher's safety re-scan runs (the watch service normally tells first). */
    static final Duration RESCAN = Duration.ofMinutes(5);

    private final Supplier<List<Path>> roots;
    private final Supplier<List<Path>> singles;
    private final Runnable onChange;
    private final Duration debounce;
    private final Duration rescan;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    /** The folders registered: asked for every folder at each re-scan, so a set, not a search of {@link #keys}' values. */
    private final java.util.Set<Path> registered = new java.util.HashSet<>();
    private WatchService watcher;
    private Thread loop;
    private ScheduledFuture<?> pending;
    private long burstStart;
    private static final long MAX_DELAY_NANOS = 700_000_000L;
    private volatile boolean closed;
    /** What the last re-scan saw; only the timer thread reads and writes it. */
    private FileStamps lastStamps;

    /**
     * @param roots   the {@code projects/} folders to watch, asked again at each re-scan (a folder
     *                created after start is found then)
     * @param singles other files whose change the re-scan reports (the statusLine spool, Claude
     *                Code's cache file); not watched, only compared at each re-scan
     */
    public ClaudeFolderWatcher(Supplier<List<Path>> roots, Supplier<List<Path>> singles, Runnable onChange,
            Duration debounce, Duration rescan) {
        this.roots = roots;
        this.singles = singles;
        this.onChange = onChange;
        this.debounce = debounce;
        this.rescan = rescan;
        this.timer = BackgroundWork.scheduled("headroom-folder-watch-timer");
    }

    /** The watcher of the workspace's discovered Claude Code folders. */
    public static ClaudeFolderWatcher of(Workspace workspace, Runnable onChange) {
        return new ClaudeFolderWatcher(() -> workspace.discoverClaudeCode(List.of()).projectRoots(),
                workspace::watchedFiles, onChange, Duration.ofMillis(250), RESCAN);
    }

    public synchronized void start() {
        if (loop != null || closed) {
            return;
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            loop = BackgroundWork.start("headroom-folder-watch", this::watch);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.INFO, "No watch service; re-scanning Claude Code folders every " + UNWATCHED_RESCAN.toSeconds()
                    + " s", e);
        }
        long every = (watcher == null && rescan.compareTo(UNWATCHED_RESCAN) > 0 ? UNWATCHED_RESCAN : rescan).toMillis();
        timer.execute(() -> {
            registerAll();
            lastStamps = stamps(); // the refresh engine imports at start; only later changes count
        });
        timer.scheduleWithFixedDelay(this::rescan, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The safety re-scan: registers new folders and calls {@code onChange} if any file's size or
     * time moved since the last one. On the timer thread; tests call it directly.
     */
    void rescan() {
        registerAll();
        FileStamps now = stamps();
        boolean changed = !now.equals(lastStamps);
        lastStamps = now;
        if (changed) {
            onChange.run();
        }
    }

    private FileStamps stamps() {
        try {
            return FileStamps.of(roots.get(), singles.get());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot list the Claude Code folders", e);
            return null; // compared unequal to any stamps, so the next good re-scan imports
        }
    }

    /** Runs {@code task} on the watcher's timer thread after the tasks queued before it (tests wait on it). */
    java.util.concurrent.Future<?> onTimer(Runnable task) {
        return timer.submit(task);
    }

    /** Whether the folders are watched (false: only the periodic re-scan notices changes). */
    public synchronized boolean watching() {
        return watcher != null;
    }

    /** Registers every folder below the roots not registered yet (a cheap walk of folders only). */
    private void registerAll() {
        try {
            for (Path root : roots.get()) {
                registerTree(root);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot list the Claude Code folders", e);
        }
    }

    private void registerTree(Path root) {
        WatchService ws;
        synchronized (this) {
            ws = watcher;
        }
        if (ws == null || !Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    register(ws, dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.FINE, "Cannot walk " + root, e);
        }
    }

    private void register(WatchService ws, Path dir) {
        synchronized (this) {
            if (closed || !registered.add(dir)) {
                return;
            }
            try {
                keys.put(dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY),
                        dir);
            } catch (IOException | ClosedWatchServiceException e) {
                registered.remove(dir); // tried again at the next re-scan
                LOG.log(Level.FINE, "Cannot watch " + dir, e);
            }
        }
    }

    private void watch() {
        while (!closed) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir;
            synchronized (this) {
                dir = keys.get(key);
            }
            boolean changed = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    timer.execute(this::registerAll); // events were lost: pick up any new folders, import all
                    changed = true;
                    continue;
                }
                if (dir == null) {
                    continue;
                }
                Path child = dir.resolve((Path) event.context());
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                    registerTree(child); // a new project folder; files written before registering are imported anyway
                }
                changed = true;
            }
            if (!key.reset()) {
                synchronized (this) {
                    registered.remove(keys.remove(key)); // the folder went: registered again if it comes back
                }
            }
            if (changed) {
                changed();
            }
        }
    }

    /**
     * Debounce: each event in a burst pushes the call back, so a burst becomes one import; but
     * never past {@link #MAX_DELAY_NANOS} after the burst began, so a session that writes
     * non-stop is still seen within the 2 seconds the dashboard promises.
     */
    private synchronized void changed() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (pending != null && !pending.isDone()) {
            if (now - burstStart > MAX_DELAY_NANOS) {
                return; // already due soon
            }
            pending.cancel(false);
        } else {
            burstStart = now;
        }
        pending = timer.schedule(onChange, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        WatchService ws;
        synchronized (this) {
            closed = true;
            ws = watcher;
            watcher = null;
            keys.clear();
            registered.clear();
        }
        timer.shutdownNow();
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the watch service", e);
            }
        }
    }
}
