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
 * the JDK polls slowly), or be unavailable, the folders are also re-discovered and
 * {@code onChange} called every {@code rescan}; the import it triggers is incremental, so a
 * call too many costs little.
 */
public final class ClaudeFolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClaudeFolderWatcher.class.getName());

    private final Supplier<List<Path>> roots;
    private final Runnable onChange;
    private final Duration debounce;
    private final Duration rescan;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private WatchService watcher;
    private Thread loop;
    private ScheduledFuture<?> pending;
    private long burstStart;
    private static final long MAX_DELAY_NANOS = 700_000_000L;
    private volatile boolean closed;

    /**
     * @param roots the {@code projects/} folders to watch, asked again at each re-scan (a folder
     *              created after start is found then)
     */
    public ClaudeFolderWatcher(Supplier<List<Path>> roots, Runnable onChange, Duration debounce, Duration rescan) {
        this.roots = roots;
        this.onChange = onChange;
        this.debounce = debounce;
        this.rescan = rescan;
        this.timer = BackgroundWork.scheduled("headroom-folder-watch-timer");
    }

    /** The watcher of the workspace's discovered Claude Code folders. */
    public static ClaudeFolderWatcher of(Workspace workspace, Runnable onChange) {
        return new ClaudeFolderWatcher(() -> workspace.discoverClaudeCode(List.of()).projectRoots(), onChange,
                Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    public synchronized void start() {
        if (loop != null || closed) {
            return;
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            loop = BackgroundWork.start("headroom-folder-watch", this::watch);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.INFO, "No watch service; re-scanning Claude Code folders every " + rescan.toSeconds() + " s", e);
        }
        timer.execute(this::registerAll);
        timer.scheduleWithFixedDelay(() -> {
            registerAll();
            onChange.run();
        }, rescan.toMillis(), rescan.toMillis(), TimeUnit.MILLISECONDS);
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
            if (keys.containsValue(dir) || closed) {
                return;
            }
            try {
                keys.put(dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY),
                        dir);
            } catch (IOException | ClosedWatchServiceException e) {
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
                    keys.remove(key);
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
