package io.headroom.ui.dashboard;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * The dashboard benchmark's probe, active only with {@code -Dheadroom.bench=true} (see
 * bench/dashboard.sh): prints the time from JVM start to the first Overview batch laid out on
 * screen, then the FX-thread time of each one-second tick (the countdown tick, any batch applied
 * since the last tick, and the CSS/layout passes in between) for {@link #TICKS} ticks, and quits.
 */
final class FxBench {

    static final boolean ACTIVE = Boolean.getBoolean("headroom.bench");
    static final int TICKS = Integer.getInteger("headroom.bench.ticks", 30);
    /** Ticks left out at the start, while the JIT is still compiling the tick's code. */
    static final int WARMUP = Integer.getInteger("headroom.bench.warmup", 10);
    private static int ticksSeen;

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long bucketNanos;
    private static long bucketCpu;
    private static long layoutStart;
    private static long layoutCpuStart;
    private static long shownAt;
    private static final List<Long> tickCpu = new ArrayList<>();
    private static boolean firstShown;
    private static final List<Long> ticks = new ArrayList<>();
    private static final List<Long> refreshes = new ArrayList<>();

    private FxBench() {
    }

    /** Runs {@code work} on the FX thread, counting its time in the current second. */
    static void timed(Runnable work) {
        if (!ACTIVE) {
            work.run();
            return;
        }
        long t0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        work.run();
        bucketNanos += System.nanoTime() - t0;
        bucketCpu += THREADS.getCurrentThreadCpuTime() - c0;
    }

    /** The window is on screen (before any data). */
    static void shown() {
        if (ACTIVE && shownAt == 0) {
            shownAt = sinceJvmStart();
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** CPU time of the whole process so far, all threads (JIT and GC included), in ms. */
    private static long processCpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
    }

    /** Counts the scene's CSS and layout passes too. */
    static void watch(Scene scene) {
        if (!ACTIVE || scene == null) {
            return;
        }
        scene.addPreLayoutPulseListener(() -> {
            layoutStart = System.nanoTime();
            layoutCpuStart = THREADS.getCurrentThreadCpuTime();
        });
        scene.addPostLayoutPulseListener(() -> {
            if (layoutStart != 0) {
                bucketNanos += System.nanoTime() - layoutStart;
                bucketCpu += THREADS.getCurrentThreadCpuTime() - layoutCpuStart;
                layoutStart = 0;
            }
        });
    }

    /** After a batch was applied: the first one is timed once it has been laid out. */
    static void batchApplied(Scene scene) {
        if (!ACTIVE || firstShown || scene == null) {
            return;
        }
        firstShown = true;
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            System.out.printf(Locale.ROOT, "bench: open-to-overview %d ms (JVM start to the first Overview batch laid"
                    + " out; window shown at %d ms; process CPU so far %d ms, all threads)%n", sinceJvmStart(), shownAt,
                    processCpuMillis());
            scene.removePostLayoutPulseListener(once[0]);
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
        bucketNanos = 0;
        bucketCpu = 0;
    }

    /** The first refresh's steps, to see what the first window waits for. */
    static synchronized void refreshSteps(long importNanos, long windowsNanos, long todayNanos) {
        if (ACTIVE && refreshes.isEmpty()) {
            System.out.printf(Locale.ROOT, "bench: first refresh: import %.0f ms (database opened then), windows"
                    + " %.0f ms, today %.0f ms%n", importNanos / 1e6, windowsNanos / 1e6, todayNanos / 1e6);
        }
    }

    /** The refresher's background time per refresh (import, windows, today, totals). */
    static synchronized void refreshTook(long nanos) {
        if (ACTIVE) {
            refreshes.add(nanos);
        }
    }

    /** Closes the second's bucket at each tick; after enough ticks prints the figures and quits. */
    static void tickEnded() {
        if (!ACTIVE || !firstShown) {
            return;
        }
        if (++ticksSeen <= WARMUP) {
            bucketNanos = 0;
            bucketCpu = 0;
            return;
        }
        ticks.add(bucketNanos);
        tickCpu.add(bucketCpu);
        bucketNanos = 0;
        bucketCpu = 0;
        if (ticks.size() == TICKS) {
            System.out.println("bench: FX-thread work per one-second tick over " + TICKS + " ticks (after " + WARMUP
                    + " warm-up ticks): "
                    + "wall " + stats(ticks) + "; FX-thread CPU " + stats(tickCpu));
            synchronized (FxBench.class) {
                System.out.println("bench: background refresh (import + windows + today + totals) over "
                        + refreshes.size() + " refreshes: " + stats(refreshes));
            }
            System.out.flush();
            Platform.exit();
            System.exit(0);
        }
    }

    private static String stats(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.2f ms  p95 %.2f ms  max %.2f ms", ms(sorted, 0.50), ms(sorted, 0.95),
                sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
