package io.headroom.bench;

import io.headroom.config.DataDirectory;
import io.headroom.domain.usage.UsageRollup;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.service.UsageReports;
import io.headroom.service.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * In-process timing of each step of the dashboard's Overview refresh over a big store, to see
 * which one the first window open waits for. Run: {@code java -cp
 * target/classes:target/test-classes:'target/lib/*' io.headroom.bench.OverviewRefreshBench
 * DATA_DIR [RUNS]} (bench/dashboard.sh makes DATA_DIR).
 */
public final class OverviewRefreshBench {

    private OverviewRefreshBench() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (Workspace ws = new Workspace(new DataDirectory(data), null,
                Map.of("CLAUDE_CONFIG_DIR", data.resolveSibling("claude").toString()), data)) {
            for (int i = 0; i < runs; i++) {
                Instant now = Instant.now();
                ZoneId zone = ws.settings().zone();
                long t0 = System.nanoTime();
                var report = ws.importClaudeCode(List.of(), zone, ImportOptions.defaults());
                long t1 = System.nanoTime();
                var snapshot = ws.windows().current(now);
                long t2 = System.nanoTime();
                LocalDate today = LocalDate.ofInstant(now, zone);
                UsageReports reports = ws.reports();
                long day = UsageRollup.total("today", reports.daily(new UsageReports.Range(today, today, zone)))
                        .tokens().total();
                long t3 = System.nanoTime();
                long all = UsageRollup.total("all", reports.daily(new UsageReports.Range(null, null, zone)))
                        .tokens().total();
                long t4 = System.nanoTime();
                System.out.printf("run %d: import %.0f ms (repriced %d), windows %.0f ms, today %.0f ms, all-time %.0f ms"
                        + " (today %d, all %d tokens, 5h %s)%n", i + 1, (t1 - t0) / 1e6, report.repriced(),
                        (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, day, all,
                        snapshot.result().fiveHour().usedPercent());
            }
        }
    }
}
