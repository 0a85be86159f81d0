package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.UsageSource;
import io.headroom.domain.official.ExtraUsage;
import io.headroom.domain.official.ExtraUsageReading;
import io.headroom.domain.official.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Overview shows the extra usage a usage answer reported, in the sentence the command line prints. */
class ExtraUsageLineTest {

    private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");

    @Test
    void spentAndCapWithWhereAndWhenTheyWereRead() {
        ExtraUsage cents = new ExtraUsage(true, new Money(1250, 2, "USD"), new Money(5000, 2, "USD"), false);
        assertThat(cents.sentence()).isEqualTo("Extra usage: 12.50 USD of 50.00 USD this month");
        assertThat(OverviewModel.extraUsage(new ExtraUsageReading(UsageSource.CLAUDE_AI, NOW.minusSeconds(180), cents), NOW))
                .isEqualTo("Extra usage: 12.50 USD of 50.00 USD this month (official, from claude.ai, 3 min ago)");
    }

    @Test
    void noCapNoAmountOrSwitchedOff() {
        ExtraUsage off = new ExtraUsage(false, new Money(250, 2, "EUR"), null, null);
        assertThat(OverviewModel.extraUsage(new ExtraUsageReading(UsageSource.OAUTH_USAGE, NOW, off), NOW))
                .isEqualTo("Extra usage: 2.50 EUR (switched off) (official, from Anthropic, just now)");
        assertThat(OverviewModel.extraUsage(new ExtraUsageReading(UsageSource.OAUTH_USAGE, NOW,
                new ExtraUsage(true, null, new Money(5000, 2, "USD"), null)), NOW)).isEmpty();
        assertThat(OverviewModel.extraUsage(null, NOW)).isEmpty();
    }
}
