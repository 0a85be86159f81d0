package io.headroom.domain.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the windows that stop Claude use count as blocked time; an unknown allowance at 100% does not. */
class BlockedTimeScopedTest {

    private static final Instant AT = Instant.parse("2026-07-25T10:00:00Z");

    private static UtilizationSample full(LimitWindow window, String scope) {
        return new UtilizationSample("k:" + window.code() + scope, UsageSource.OAUTH_USAGE, Provenance.OFFICIAL, AT, window,
                100.0, AT.plusSeconds(3 * 3600), null, null, scope);
    }

    @Test
    void scopedAndUnknownAllowancesAtTheLimitAreNotBlockedTime() {
        WorkingHours hours = WorkingHours.learn(List.of(), AT.minusSeconds(86400 * 7), AT, ZoneOffset.UTC);
        List<BlockedInterval> blocked = BlockedTime.find(List.of(), List.of(full(LimitWindow.WEEKLY_SCOPED, "cowork"),
                full(LimitWindow.OTHER, "iguana_necktie")), List.of(), hours, AT.minusSeconds(3600), AT.plusSeconds(3600));
        assertThat(blocked).isEmpty();

        List<BlockedInterval> opus = BlockedTime.find(List.of(), List.of(full(LimitWindow.WEEKLY_OPUS, "Opus 4.8")),
                List.of(), hours, AT.minusSeconds(3600), AT.plusSeconds(3600));
        assertThat(opus).hasSize(1);
        assertThat(opus.get(0).hitAt()).isEqualTo(AT);
        assertThat(opus.get(0).resetAt()).isEqualTo(AT.plusSeconds(3 * 3600));
    }
}
