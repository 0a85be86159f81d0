package io.headroom.bench;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * In-process timing of {@code WindowsService.current}: what the dashboard and tray pay per refresh
 * once the JVM is up. Run: {@code java -cp target/classes:target/test-classes:'target/lib/*'
 * io.headroom.bench.WindowsBench DB NOW_ISO [RUNS]} (see bench/windows.sh for making DB).
 */
public final class WindowsBench {

    private WindowsBench() {
    }

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Instant now = Instant.parse(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path tmp = db.toAbsolutePath().getParent().resolve("bench-data");
        try (Workspace ws = new Workspace(new DataDirectory(tmp), db, Map.of(), tmp)) {
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < runs; i++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                var s = ws.windows().current(now);
                long t1 = System.nanoTime();
                long c1 = cpu.getCurrentThreadCpuTime();
                io.headroom.store.WindowQueries q = new io.headroom.store.WindowQueries(ws.database());
                long c2 = cpu.getCurrentThreadCpuTime();
                int rows = q.activities(now.minus(io.headroom.service.WindowsService.LOOKBACK), now).size();
                long c3 = cpu.getCurrentThreadCpuTime();
                System.out.printf("run %d: %.1f ms wall, %.1f ms CPU, of which the activity query %.1f ms CPU (%d rows)"
                        + " (5h %s, limit %s)%n", i + 1, (t1 - t0) / 1e6, (c1 - c0) / 1e6, (c3 - c2) / 1e6, rows,
                        s.result().fiveHour().usedPercent(),
                        s.result().fiveHour().limit() == null ? null : s.result().fiveHour().limit().method());
            }
        }
    }
}
