package io.headroom.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.headroom.config.PriceTableLoader;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTableTest {

    static final PriceTable TABLE = PriceTableLoader.load(null).table();
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
        "claude-opus-4-8, claude-opus-4-8, EXACT",
        "claude-haiku-4-5-20251001, claude-haiku-4-5, PATTERN",
        "claude-sonnet-4-5-20250929, claude-sonnet-4-5, PATTERN",
        "claude-opus-4-1-20250805, claude-opus-4-1, PATTERN",
        "claude-opus-4-20250514, claude-opus-4, PATTERN",
        "claude-3-5-haiku-20241022, claude-3-5-haiku, PATTERN",
        "claude-opus-4-8[1m], claude-opus-4-8, EXACT",
        "anthropic.claude-sonnet-4-6-v1:0, claude-sonnet-4-6, PATTERN",
        "claude-opus-4.5, claude-opus-4-5, EXACT",
        "claude-opus-4-9, claude-opus-4-8, FAMILY",
        "claude-haiku-6, claude-haiku-5-5, FAMILY",
        "gpt-4o, claude-sonnet-4-6, FALLBACK",
    })
    void matchesWithoutCrossingVersionBoundaries(String model, String pricedAs, PriceMatch.Kind kind) {
        PriceMatch m = TABLE.resolve(model, NOW);
        assertThat(m.price().id()).isEqualTo(pricedAs);
        assertThat(m.kind()).isEqualTo(kind);
    }

    @Test
    void fixtureOpusCallCostsWhatTheRatesSay() {
        // A real line: 4772 input, 13 output, 4771 5-minute writes, 9543 reads on Opus 4.8 ($5/$25/$6.25/$0.50).
        double cost = TABLE.cost("claude-opus-4-8", NOW, new TokenCounts(4772, 13, 4771, 0, 9543), Speed.STANDARD);
        assertThat(cost).isCloseTo((4772 * 5 + 13 * 25 + 4771 * 6.25 + 9543 * 0.5) / 1e6, within(1e-12));
    }

    @Test
    void oneHourCacheWritesCostTwiceInput() {
        double cost = TABLE.cost("claude-sonnet-4-6", NOW, new TokenCounts(0, 0, 0, 1_000_000, 0), Speed.STANDARD);
        assertThat(cost).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void longContextTierIsAppliedPerTokenTypeAsCcusageDoes() {
        // Sonnet 4.5: 300k input = 200k x $3 + 100k x $6; 10k output stays at $15 (below 200k).
        double cost = TABLE.cost("claude-sonnet-4-5-20250929", NOW, new TokenCounts(300_000, 10_000, 0, 0, 0),
                Speed.STANDARD);
        assertThat(cost).isCloseTo((200_000 * 3.0 + 100_000 * 6.0 + 10_000 * 15.0) / 1e6, within(1e-9));
        // Sonnet 4.6 has the whole window at standard rates.
        double flat = TABLE.cost("claude-sonnet-4-6", NOW, new TokenCounts(300_000, 0, 0, 0, 0), Speed.STANDARD);
        assertThat(flat).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void fastModeMultipliesAndOpus46DoublesAgainAboveTheThreshold() {
        TokenCounts small = new TokenCounts(1_000, 1_000, 0, 0, 0);
        assertThat(TABLE.cost("claude-opus-4-8", NOW, small, Speed.FAST))
                .isCloseTo(2 * TABLE.cost("claude-opus-4-8", NOW, small, Speed.STANDARD), within(1e-12));
        TokenCounts large = new TokenCounts(250_000, 1_000, 0, 0, 0);
        assertThat(TABLE.cost("claude-opus-4-6", NOW, large, Speed.FAST))
                .isCloseTo(12 * TABLE.cost("claude-opus-4-6", NOW, large, Speed.STANDARD), within(1e-12));
    }

    @Test
    void datedRowsFollowTheCallsTime() {
        TokenCounts reads = new TokenCounts(0, 0, 0, 0, 1_000_000);
        assertThat(TABLE.cost("claude-sonnet-5-5", Instant.parse("2026-10-06T23:59:59Z"), reads, Speed.STANDARD))
                .isCloseTo(0.20, within(1e-9));
        assertThat(TABLE.cost("claude-sonnet-5-5", Instant.parse("2026-10-07T00:00:00Z"), reads, Speed.STANDARD))
                .isCloseTo(0.10, within(1e-9));
    }

    @Test
    void unknownModelsAreNeverFree() {
        TokenCounts t = new TokenCounts(1_000_000, 0, 0, 0, 0);
        assertThat(TABLE.cost("some-new-model", NOW, t, Speed.STANDARD)).isCloseTo(3.0, within(1e-9));
        assertThat(TABLE.resolve("some-new-model", NOW).isEstimate()).isTrue();
    }
}
