package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.config.DataDirectory;
import io.headroom.config.Json;
import io.headroom.config.Settings;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statusLine hook's "today $…" is the Overview's "today": one computation, in the user's zone. */
class TodayFigureTest {

    @TempDir
    Path dir;

    private static UsageEvent usage(String id, Instant at, double cost) {
        return new UsageEvent(id, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, at, "claude-opus-4-8",
                new TokenCounts(100, 900, 0, 0, 0), 0, 0, Speed.STANDARD, cost, "claude-opus-4-8", false, "p", "s",
                "m" + id, "r" + id, false, false);
    }

    @Test
    void theHookShowsTheSameTodayAsTheOverview() throws Exception {
        try (Workspace ws = new Workspace(new DataDirectory(dir.resolve("data")), null, Map.of(), dir.resolve("home"))) {
            ws.saveSettings(new Settings(null, "Asia/Kathmandu", null, null)); // UTC+05:45
            ZoneId zone = ZoneId.of("Asia/Kathmandu");
            Instant now = Instant.parse("2026-11-27T12:00:00Z"); // 17:45 on the 27th in Kathmandu
            new EventStore(ws.database()).writeNow(new EventBatch(List.of(
                    usage("yesterday", Instant.parse("2026-11-26T18:00:00Z"), 5.0), // 23:45 on the 26th
                    usage("today", Instant.parse("2026-11-26T18:20:00Z"), 1.25), // 00:05 on the 27th
                    usage("later", Instant.parse("2026-11-27T16:00:00Z"), 2.5), // 21:45 today, past "now"
                    usage("tomorrow", Instant.parse("2026-11-27T18:30:00Z"), 4.0)), // a clock ahead: the 28th
                    List.of(), List.of(), List.of(), null));

            ws.drainStatusLine(now);

            JsonNode hook = Json.mapper().readTree(Files.readString(dir.resolve("data").resolve("statusline-today.json")));
            assertThat(hook.get("date").asText()).isEqualTo("2026-11-27");
            assertThat(hook.get("costUsd").asDouble()).isEqualTo(3.75);
            assertThat(ws.reports().today(now, zone).cost()).isEqualTo(3.75);
        }
    }
}
