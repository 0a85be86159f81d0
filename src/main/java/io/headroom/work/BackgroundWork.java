package io.headroom.work;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place Headroom makes threads. Every background thread is named "headroom-…" (so a
 * thread dump tells whose it is), is a daemon unless it must keep the process alive to finish, and
 * logs a failure that escapes it instead of printing a stack trace to the user's terminal. An
 * ArchUnit rule keeps every other class from creating threads or executors itself.
 */
public final class BackgroundWork {

    private BackgroundWork() {
    }

    /** A daemon thread running {@code task}, started. */
    public static Thread start(String name, Runnable task) {
        Thread t = thread(name, task);
        t.start();
        return t;
    }

    /** A daemon thread for {@code task}, not yet started (for a caller that starts it later). */
    public static Thread thread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(BackgroundWork::uncaught);
        return t;
    }

    /** A thread the process waits for (it ends the app itself, say), started. */
    public static Thread startKeepingAlive(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setUncaughtExceptionHandler(BackgroundWork::uncaught);
        t.start();
        return t;
    }

    /** Registers {@code task} to run when the JVM exits; the returned thread removes it again. */
    public static Thread onExit(String name, Runnable task) {
        Thread hook = new Thread(task, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** One daemon thread working through tasks in order. */
    public static ExecutorService serial(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory(name, false));
    }

    /**
     * One daemon thread for timed and periodic tasks; after shutdown nothing delayed or periodic
     * runs any more, a task under way finishes.
     */
    public static ScheduledThreadPoolExecutor scheduled(String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, factory(name, false));
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** {@code threads} daemon threads sharing one queue of tasks. */
    public static ExecutorService pool(String name, int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                factory(name, false));
    }

    /**
     * Up to {@code max} daemon threads, one per task at hand, each ended after {@code idle} without
     * work; a task beyond {@code max} is rejected (the caller decides what to say). Threads are
     * numbered: {@code name-1}, {@code name-2}, …
     */
    public static ThreadPoolExecutor elastic(String name, int max, Duration idle) {
        return new ThreadPoolExecutor(0, max, idle.toMillis(), TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                factory(name, true));
    }

    private static ThreadFactory factory(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> thread(numbered ? name + "-" + n.incrementAndGet() : name, r);
    }

    private static void uncaught(Thread t, Throwable e) {
        // looked up only now: the statusLine hook starts threads and must not pay for logging's start-up
        Logger.getLogger(BackgroundWork.class.getName()).log(Level.WARNING, t.getName() + " failed", e);
    }
}
