package io.headroom.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.domain.ProxyCall;
import io.headroom.service.ApiActivity;
import io.headroom.service.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API tab's view model without JavaFX, with the prices and tiers of a real workspace. */
class ApiViewModelTest {

    static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");
    static final Map<String, String> LIMITS = Map.of("anthropic-ratelimit-requests-limit", "50",
            "anthropic-ratelimit-input-tokens-limit", "30000", "anthropic-ratelimit-output-tokens-limit", "8000");

    @TempDir
    Path tmp;

    Workspace workspace;

    @BeforeEach
    void open() {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    static ProxyCall call(String id, Instant at, String key, int status, long input, long write, long read, long output,
            Map<String, String> headers) {
        return new ProxyCall(id, at.toEpochMilli(), "POST", "/v1/messages", "claude-sonnet-4-5", false, status,
                status == 429 ? "rate_limit_error" : status == 529 ? "overloaded_error" : null, null, 812, 5, null, null,
                key, "api_key", null, null, null, null,
                status == 200 ? new ProxyCall.Usage(input, output, write, 0, read, 0, 0) : null, headers, false);
    }

    ApiViewModel loaded(ZoneId zone, List<ProxyCall> calls) {
        ApiViewModel m = new ApiViewModel();
        var api = workspace.api();
        m.adopt(new ApiViewModel.Loaded(8082, zone, api.prices(), api.tiers(), calls));
        return m;
    }

    @Test
    void noCallsShowDashesAndNoGauges() {
        ApiViewModel.Shown s = loaded(ZoneId.of("UTC"), List.of()).pending(NOW).compute(NOW);
        assertThat(s.rows()).isEmpty();
        assertThat(s.rpm()).isNull();
        assertThat(s.itpm()).isNull();
        assertThat(s.otpm()).isNull();
        assertThat(s.keyLine()).isEqualTo("No calls to /v1/messages in the last hour.");
        assertThat(s.lastHour()).isEqualTo(new ApiViewModel.Figure("0 of 0", "429 rate limited 0 · 529 overloaded 0 · other 5xx 0"));
        assertThat(s.cache()).isEqualTo(new ApiViewModel.Figure("—", "No input tokens in the last hour."));
    }

    @Test
    void theLastMinuteAgainstTheReportedLimitsAndTheErrorsOfTheHourAndDay() {
        ApiViewModel m = loaded(ZoneId.of("Europe/Madrid"), List.of(
                call("a", NOW.minusSeconds(10), "k1", 200, 1000, 500, 8500, 200, LIMITS),
                call("b", NOW.minusSeconds(20), "k1", 200, 2000, 0, 0, 300, LIMITS),
                call("c", NOW.minusSeconds(30), "k1", 429, 0, 0, 0, 0, LIMITS),
                call("d", NOW.minus(Duration.ofMinutes(20)), "k2", 529, 0, 0, 0, 0, Map.of()),
                call("e", NOW.minus(Duration.ofHours(5)), "k2", 500, 0, 0, 0, 0, Map.of())));
        ApiViewModel.Shown s = m.pending(NOW).compute(NOW);
        assertThat(s.rpm().text()).isEqualTo("3 of 50 (6.0%)");
        assertThat(s.itpm().text()).isEqualTo("3,500 of 30,000 (11.7%)");
        assertThat(s.otpm().text()).isEqualTo("500 of 8,000 (6.3%)");
        assertThat(s.keyLine()).isEqualTo("Last used: key k1 · sonnet · Tier 1 (the tier these limits match) · 1 other key/model groups");
        assertThat(s.lastHour()).isEqualTo(new ApiViewModel.Figure("2 of 4 (50.0%)",
                "429 rate limited 1 · 529 overloaded 1 · other 5xx 0"));
        assertThat(s.lastDay()).isEqualTo(new ApiViewModel.Figure("3 of 5 (60.0%)",
                "429 rate limited 1 · 529 overloaded 1 · other 5xx 1"));
        // 8,500 cache reads among 1,000 + 500 + 8,500 + 2,000 input tokens
        assertThat(s.cache()).isEqualTo(new ApiViewModel.Figure("70.8%", "Cache reads among all input tokens."));
        assertThat(s.rows()).extracting(CallRow::id).containsExactly("a", "b", "c", "d", "e");
        CallRow a = s.rows().get(0);
        assertThat(a.time()).isEqualTo("Fri 18:59:50"); // 17:59:50 UTC in Madrid (CET, +1)
        assertThat(a.input()).isEqualTo("1,000");
        assertThat(a.cache()).isEqualTo("500 / 8,500");
        assertThat(a.duration()).isEqualTo("812 ms");
        assertThat(s.rows().get(2).status()).isEqualTo("429 rate_limit_error");
        assertThat(s.rows().get(2).cost()).isEqualTo("—");
    }

    @Test
    void aCallFromTheStoreAndTheListenerCountsOnceAndADayOldCallIsDropped() {
        ProxyCall recent = call("a", NOW.minusSeconds(10), "k1", 200, 1000, 0, 0, 100, LIMITS);
        ApiViewModel m = loaded(ZoneId.of("UTC"), List.of(recent,
                call("old", NOW.minus(ApiActivity.HISTORY).minusSeconds(1), "k1", 200, 1, 0, 0, 1, LIMITS)));
        m.arrived(recent);
        assertThat(m.held()).isEqualTo(2);
        ApiViewModel.Pending p = m.pending(NOW);
        assertThat(m.held()).isEqualTo(1);
        assertThat(p.compute(NOW).rpm().text()).isEqualTo("1 of 50 (2.0%)");
    }

    @Test
    void gaugesTurnAmberAt70AndRedAt90Percent() {
        assertThat(new ApiViewModel.Gauge(34, 50L).level()).isEqualTo("level-ok");
        assertThat(new ApiViewModel.Gauge(35, 50L).level()).isEqualTo("level-warn");
        assertThat(new ApiViewModel.Gauge(44, 50L).level()).isEqualTo("level-warn");
        assertThat(new ApiViewModel.Gauge(45, 50L).level()).isEqualTo("level-high");
        assertThat(new ApiViewModel.Gauge(80, 50L).fraction()).isEqualTo(1.0);
        ApiViewModel.Gauge unknown = new ApiViewModel.Gauge(5, null);
        assertThat(unknown.text()).isEqualTo("5 · no limit reported yet");
        assertThat(unknown.fraction()).isZero();
        assertThat(unknown.level()).isEqualTo("level-ok");
    }

    @Test
    void thePortIsCheckedAsTypedAndGivesTheExportLine() {
        assertThat(ApiViewModel.checkPort(" 8082 ")).isEqualTo(new ApiViewModel.PortCheck(8082, null));
        assertThat(ApiViewModel.checkPort("70000")).isEqualTo(new ApiViewModel.PortCheck(null,
                "A port is a whole number from 1 to 65535."));
        assertThat(ApiViewModel.checkPort("")).extracting(ApiViewModel.PortCheck::valid).isEqualTo(false);
        assertThat(ApiViewModel.exportLine(8082)).isEqualTo("export ANTHROPIC_BASE_URL=http://127.0.0.1:8082");
        assertThat(ApiViewModel.startStopDisabled(false, false, false)).isTrue();
        assertThat(ApiViewModel.startStopDisabled(false, true, false)).isFalse();
        assertThat(ApiViewModel.startStopDisabled(true, true, true)).isTrue();
        assertThat(ApiViewModel.startStopDisabled(false, false, true)).isFalse();
        assertThat(ApiViewModel.stopped(null)).isEqualTo("Stopped.");
        assertThat(ApiViewModel.starting(8082)).isEqualTo("Starting on port 8082…");
    }
}
