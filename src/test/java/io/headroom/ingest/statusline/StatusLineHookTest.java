package io.headroom.ingest.statusline;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.UtilizationSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusLineHookTest {

    @TempDir
    Path dir;

    static List<String> fixture(String name) throws IOException {
        try (InputStream in = StatusLineHookTest.class.getResourceAsStream("/fixtures/statusline/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static final Instant NOW = Instant.parse("2026-11-27T17:30:00Z");
    static final TimeZone MADRID = TimeZone.getTimeZone("Europe/Madrid");

    @Test
    void realSubscriberInputGivesOfficialSamplesAndALine() throws IOException {
        List<String> lines = fixture("oauth.jsonl");
        assertThat(StatusLineHook.samples(MiniJson.parse(lines.get(0)), NOW)).isEmpty();
        List<UtilizationSample> s = StatusLineHook.samples(MiniJson.parse(lines.get(1)), NOW);
        assertThat(s).extracting(UtilizationSample::window).containsExactly(LimitWindow.FIVE_HOUR, LimitWindow.WEEKLY);
        assertThat(s.get(0).usedPercent()).isEqualTo(42.0);
        assertThat(s.get(1).usedPercent()).isEqualTo(18.5);
        assertThat(s.get(0).resetsAt().getEpochSecond() % 3600).isZero();
        assertThat(s.get(0).sessionId()).isEqualTo("55c31c6f-9959-4157-a778-b4915eafe734");
        assertThat(s.get(0).model()).isEqualTo("claude-sonnet-5");
        String line = StatusLineHook.run(lines.get(1), s.get(0).resetsAt().minusSeconds(3600), MADRID, dir);
        assertThat(line).matches("5h 42% · resets \\d\\d:00 · week 18\\.5% · session \\$\\d+\\.\\d\\d");
        assertThat(Files.readAllLines(dir.resolve(StatusLineSpool.SPOOL))).hasSize(2);
    }

    @Test
    void apiKeySessionsHaveNoRateLimits() throws IOException {
        for (String l : fixture("apikey.jsonl")) {
            assertThat(StatusLineHook.samples(MiniJson.parse(l), NOW)).isEmpty();
            assertThat(StatusLineHook.run(l, NOW, MADRID, dir)).startsWith("session $");
        }
        assertThat(dir.resolve(StatusLineSpool.SPOOL)).doesNotExist();
    }

    @Test
    void badInputStillPrintsALine() {
        assertThat(StatusLineHook.run("", NOW, MADRID, dir)).isEqualTo("headroom");
        assertThat(StatusLineHook.run("{\"rate_limits\":", NOW, MADRID, dir)).isEqualTo("headroom");
        assertThat(StatusLineHook.run("[1,2]", NOW, MADRID, dir)).isEqualTo("headroom");
        // An epoch leaked into used_percentage is no percentage.
        String leak = "{\"rate_limits\":{\"five_hour\":{\"used_percentage\":1764262800,\"resets_at\":1764262800}}}";
        assertThat(StatusLineHook.run(leak, NOW, MADRID, dir)).isEqualTo("headroom");
        // An unwritable data folder: still a line.
        assertThat(StatusLineHook.run("{\"cost\":{\"total_cost_usd\":1.5}}", NOW, MADRID, Path.of("/proc/nope")))
                .isEqualTo("session $1.50");
    }

    @Test
    void resetTomorrowShowsTheWeekdayAndTodayCostComesFromTheCache() throws IOException {
        String json = "{\"rate_limits\":{\"five_hour\":{\"used_percentage\":105,\"resets_at\":"
                + Instant.parse("2026-11-28T01:00:00Z").getEpochSecond() + "}}}";
        StatusLineSpool.writeToday(dir, LocalDate.of(2026, 11, 27), 4.2);
        assertThat(StatusLineHook.run(json, Instant.parse("2026-11-27T22:00:00Z"), MADRID, dir))
                .isEqualTo("5h 105% · resets Sat 02:00 · today $4.20");
        // Yesterday's figure is not today's.
        assertThat(StatusLineHook.run(json, Instant.parse("2026-11-28T00:30:00Z"), MADRID, dir))
                .isEqualTo("5h 105% · resets 02:00");
    }

    @Test
    void mainChainsThePreviousCommandAndAlwaysAnswers() throws IOException {
        String json = fixture("oauth.jsonl").get(2);
        String chain = java.util.Base64.getEncoder().encodeToString("read x; echo theirs".getBytes(StandardCharsets.UTF_8));
        String line = StatusLineMain.run(new String[] {"--data", dir.toString(), "--chain-b64", chain},
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(line).startsWith("5h 42%").endsWith(" | theirs");
        assertThat(StatusLineMain.run(new String[] {"--data", dir.toString()}, new ByteArrayInputStream(new byte[0])))
                .isEqualTo("headroom");
    }

    @Test
    void drainMovesSamplesOnceAndKeepsLateAppends() throws IOException {
        String json = fixture("oauth.jsonl").get(1);
        StatusLineHook.run(json, NOW, MADRID, dir);
        List<UtilizationSample> sunk = new ArrayList<>();
        // Spool files age by the file system's clock, so the drains here use the real one.
        Instant real = Instant.now();
        assertThat(StatusLineSpool.drain(dir, real, sunk::addAll)).isEqualTo(2);
        assertThat(dir.resolve(StatusLineSpool.SPOOL)).doesNotExist();
        StatusLineHook.run(fixture("oauth.jsonl").get(2), NOW, MADRID, dir);
        // The renamed file is young, so it is read again (dedup keys make that harmless), then removed.
        assertThat(StatusLineSpool.drain(dir, real, sunk::addAll)).isEqualTo(4);
        assertThat(StatusLineSpool.drain(dir, real.plusSeconds(3600), sunk::addAll)).isEqualTo(4);
        assertThat(StatusLineSpool.drain(dir, real.plusSeconds(3600), sunk::addAll)).isZero();
        // Both replies carried the same official figures: the same keys, so one row each in the store.
        assertThat(sunk.stream().map(UtilizationSample::dedupKey).distinct()).hasSize(2);
    }
}
