package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo database: three weeks of a Max 5x user's usage, the same for the same seed and "now". */
class DemoDataTest {

    private static final Instant NOW = Instant.parse("2026-11-27T18:30:00Z");

    @TempDir
    Path tmp;

    private static long scalar(Workspace ws, String sql) throws Exception {
        try (Connection c = ws.database().openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private static List<Long> figures(Workspace ws) throws Exception {
        List<Long> out = new ArrayList<>();
        for (String sql : List.of("SELECT COUNT(*) FROM usage_event",
                "SELECT SUM(input_tokens + output_tokens + cache_write_5m + cache_write_1h + cache_read) FROM usage_event",
                "SELECT COUNT(*) FROM utilization_sample", "SELECT COUNT(*) FROM prompt_event",
                "SELECT COUNT(*) FROM error_event", "SELECT COUNT(*) FROM proxy_call")) {
            out.add(scalar(ws, sql));
        }
        return out;
    }

    @Test
    void threeWeeksOfAMax5UserWithTwoLimitHitsOfficialManualAndProxyDataSameForTheSameSeed() throws Exception {
        List<Long> first;
        try (Workspace demo = DemoData.create(tmp.resolve("a/demo"), NOW, DemoData.SEED)) {
            first = figures(demo);
            assertThat(demo.settings().plan()).isEqualTo("max5");
            assertThat(scalar(demo, "SELECT COUNT(*) FROM error_event WHERE category = 'usage_limit'")).isEqualTo(2);
            assertThat(scalar(demo, "SELECT COUNT(*) FROM proxy_call")).isEqualTo(12);
            assertThat(scalar(demo, "SELECT COUNT(*) FROM prompt_event WHERE source = 'manual'")).isEqualTo(4);
            assertThat(scalar(demo, "SELECT COUNT(*) FROM utilization_sample WHERE source = 'manual'")).isEqualTo(1);
            assertThat(scalar(demo, "SELECT COUNT(*) FROM utilization_sample WHERE source = 'statusline'"))
                    .isGreaterThan(50);
            long firstDay = scalar(demo, "SELECT MIN(ts) FROM usage_event");
            long lastDay = scalar(demo, "SELECT MAX(ts) FROM usage_event");
            assertThat(lastDay).isLessThanOrEqualTo(NOW.toEpochMilli());
            assertThat((lastDay - firstDay) / 86_400_000L).isBetween(19L, 21L);
            assertThat(first.get(0)).isBetween(1000L, 5000L);
        }
        try (Workspace again = DemoData.create(tmp.resolve("b/demo"), NOW, DemoData.SEED)) {
            assertThat(figures(again)).isEqualTo(first);
        }
        // Made again in the same folder, it replaces the earlier demo rather than adding to it.
        try (Workspace replaced = DemoData.create(tmp.resolve("a/demo"), NOW, DemoData.SEED)) {
            assertThat(figures(replaced)).isEqualTo(first);
        }
    }
}
