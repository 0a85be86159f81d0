package io.headroom.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.official.OfficialAge;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfficialAgeTest {

    private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

    @Test
    void staleOnlyPastFifteenMinutes() {
        assertThat(OfficialAge.stale(NOW.minusSeconds(15 * 60), NOW)).isFalse();
        assertThat(OfficialAge.stale(NOW.minusSeconds(15 * 60 + 1), NOW)).isTrue();
        assertThat(OfficialAge.stale(NOW.plusSeconds(30), NOW)).isFalse();
    }

    @Test
    void agesInWords() {
        assertThat(OfficialAge.ago(NOW.minusSeconds(59), NOW)).isEqualTo("just now");
        assertThat(OfficialAge.ago(NOW.plusSeconds(90), NOW)).isEqualTo("just now");
        assertThat(OfficialAge.ago(NOW.minusSeconds(3 * 60 + 59), NOW)).isEqualTo("3 min ago");
        assertThat(OfficialAge.ago(NOW.minusSeconds(59 * 60), NOW)).isEqualTo("59 min ago");
        assertThat(OfficialAge.ago(NOW.minusSeconds(60 * 60), NOW)).isEqualTo("1 h ago");
        assertThat(OfficialAge.ago(NOW.minusSeconds(47 * 3600 + 59 * 60), NOW)).isEqualTo("47 h ago");
        assertThat(OfficialAge.ago(NOW.minusSeconds(8 * 86400), NOW)).isEqualTo("8 days ago");
    }

    @Test
    void everySourceHasAnOrigin() {
        assertThat(OfficialAge.from(UsageSource.CLAUDE_CODE_CACHE)).isEqualTo("from Claude Code");
        assertThat(OfficialAge.from(UsageSource.CLAUDE_AI)).isEqualTo("from claude.ai");
        assertThat(OfficialAge.from(UsageSource.OAUTH_USAGE)).isEqualTo("from Anthropic");
        for (UsageSource s : UsageSource.values()) {
            assertThat(OfficialAge.from(s)).isNotBlank();
        }
    }
}
