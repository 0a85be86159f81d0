package io.headroom.domain.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.PriceTableLoader;
import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.pricing.PriceTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryEventsTest {

    static final PriceTable PRICES = PriceTableLoader.load(null).table();
    static final Instant AT = Instant.parse("2026-12-02T16:23:56.900Z");
    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    /** The attributes of the fixture's run1 api_request record, as Claude Code 2.1.197 sent them. */
    static Map<String, Object> run1() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("session.id", "2535ea8d-dd00-45a5-ad3f-89aedbe8ee9b");
        a.put("event.name", "api_request");
        a.put("event.sequence", 1L);
        a.put("model", "claude-opus-4-8");
        a.put("input_tokens", 4769L);
        a.put("output_tokens", 13L);
        a.put("cache_read_tokens", 9536L);
        a.put("cache_creation_tokens", 4768L);
        a.put("cost_usd", 0.058738);
        a.put("request_id", "req_016C370C9D4F7100000004");
        a.put("speed", "normal");
        return a;
    }

    @Test
    void anApiRequestIsOneUsageEventKeyedByItsRequestIdAndPricedAsTranscriptsAre() {
        var reading = TelemetryEvents.read(List.of(new TelemetryRecord("claude_code.api_request", AT, run1())), PRICES,
                MADRID);

        assertThat(reading.rejected()).isEmpty();
        UsageEvent e = reading.usage().get(0);
        assertThat(e.dedupKey()).isEqualTo("r:req_016C370C9D4F7100000004");
        assertThat(e.source()).isEqualTo(UsageSource.OTEL);
        assertThat(e.requestId()).isEqualTo("req_016C370C9D4F7100000004");
        assertThat(e.messageId()).isNull();
        assertThat(e.sessionId()).isEqualTo("2535ea8d-dd00-45a5-ad3f-89aedbe8ee9b");
        assertThat(e.tokens()).isEqualTo(new TokenCounts(4769, 13, 4768, 0, 9536));
        assertThat(e.tokens().total()).isEqualTo(19_086);
        assertThat(e.speed()).isEqualTo(Speed.STANDARD);
        // Headroom's own price table gives Claude Code's own figure: 5-minute cache writes.
        assertThat(e.costUsd()).isCloseTo(0.058738, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.timestamp()).isEqualTo(AT);
    }

    @Test
    void cacheWritesArePricedAsOneHourWhenClaudeCodesOwnCostSaysSo() {
        Map<String, Object> a = run1();
        double oneHour = PRICES.cost("claude-opus-4-8", AT, new TokenCounts(4769, 13, 0, 4768, 9536), Speed.STANDARD);
        a.put("cost_usd", oneHour);

        UsageEvent e = TelemetryEvents.read(List.of(new TelemetryRecord("x", AT, a)), PRICES, MADRID).usage().get(0);

        assertThat(e.tokens()).isEqualTo(new TokenCounts(4769, 13, 0, 4768, 9536));
        assertThat(e.costUsd()).isEqualTo(oneHour);
        assertThat(oneHour).isGreaterThan(0.058738);
    }

    @Test
    void theContextSuffixIsDroppedAndNumericStringsAreCounts() {
        Map<String, Object> a = run1();
        a.put("model", "claude-opus-4-8[1m]");
        a.put("input_tokens", "4769");

        UsageEvent e = TelemetryEvents.read(List.of(new TelemetryRecord("x", AT, a)), PRICES, MADRID).usage().get(0);

        assertThat(e.model()).isEqualTo("claude-opus-4-8");
        assertThat(e.tokens().input()).isEqualTo(4769);
    }

    @Test
    void aRecordWithoutRequestIdIsKeyedBySessionAndSequenceSoAResendIsTheSameEvent() {
        Map<String, Object> a = run1();
        a.remove("request_id");

        var first = TelemetryEvents.read(List.of(new TelemetryRecord("x", AT, a)), PRICES, MADRID).usage().get(0);
        var again = TelemetryEvents.read(List.of(new TelemetryRecord("x", AT, a)), PRICES, MADRID).usage().get(0);

        assertThat(first.dedupKey()).isEqualTo("otel:2535ea8d-dd00-45a5-ad3f-89aedbe8ee9b:1").isEqualTo(again.dedupKey());
        a.remove("event.sequence");
        String hashed = TelemetryEvents.read(List.of(new TelemetryRecord("x", AT, a)), PRICES, MADRID).usage().get(0)
                .dedupKey();
        assertThat(hashed).startsWith("otel:h:").hasSize("otel:h:".length() + 32);
    }

    @Test
    void unreadableRecordsAreRefusedWithAReasonAndTheOthersKept() {
        Map<String, Object> noModel = run1();
        noModel.remove("model");
        Map<String, Object> negative = run1();
        negative.put("output_tokens", -3L);
        Map<String, Object> words = run1();
        words.put("input_tokens", "many");
        Map<String, Object> prompt = Map.of("event.name", "user_prompt", "prompt", "<REDACTED>");

        var reading = TelemetryEvents.read(List.of(new TelemetryRecord("x", AT, noModel),
                new TelemetryRecord("x", AT, negative), new TelemetryRecord("x", AT, words),
                new TelemetryRecord("claude_code.user_prompt", AT, prompt), new TelemetryRecord("x", AT, run1())),
                PRICES, MADRID);

        assertThat(reading.usage()).hasSize(1);
        assertThat(reading.passedOver()).isEqualTo(1);
        assertThat(reading.rejected()).containsExactly(
                "api_request at 2026-12-02T16:23:56.900Z: no model",
                "api_request at 2026-12-02T16:23:56.900Z: output_tokens is not a count of tokens: -3",
                "api_request at 2026-12-02T16:23:56.900Z: input_tokens is not a count of tokens: many");
    }

    @Test
    void apiErrorsBecomeErrorEventsWithTheirCategory() {
        Map<String, Object> limit = new LinkedHashMap<>(Map.of("event.name", "api_error", "model", "claude-opus-4-8",
                "error", "Claude AI usage limit reached|1796234400", "status_code", "429", "request_id", "req_9",
                "session.id", "s1"));
        Map<String, Object> overloaded = new LinkedHashMap<>(Map.of("event.name", "api_error", "error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                "status_code", 529L, "session.id", "s1", "event.sequence", 7L));
        Map<String, Object> noResponse = new LinkedHashMap<>(Map.of("event.name", "api_error", "error",
                "Connection error.", "status_code", "undefined", "session.id", "s1", "event.sequence", 8L));

        List<ErrorEvent> errors = TelemetryEvents.read(List.of(new TelemetryRecord("x", AT, limit),
                new TelemetryRecord("x", AT, overloaded), new TelemetryRecord("x", AT, noResponse)), PRICES, MADRID)
                .errors();

        assertThat(errors).extracting(ErrorEvent::category).containsExactly(ErrorCategory.USAGE_LIMIT,
                ErrorCategory.OVERLOADED, ErrorCategory.CONNECTION);
        assertThat(errors.get(0).dedupKey()).isEqualTo("r:req_9");
        assertThat(errors.get(0).resetAt()).isEqualTo(Instant.ofEpochSecond(1796234400));
        assertThat(errors.get(0).limitWindow()).isNotNull();
        assertThat(errors.get(0).httpStatus()).isEqualTo(429);
        assertThat(errors.get(1).errorType()).isEqualTo("overloaded_error");
        assertThat(errors.get(1).httpStatus()).isEqualTo(529);
        assertThat(errors.get(1).dedupKey()).isEqualTo("otel:s1:7");
        assertThat(errors.get(2).httpStatus()).isNull();
        assertThat(errors).allSatisfy(e -> assertThat(e.source()).isEqualTo(UsageSource.OTEL));
    }
}
