package io.headroom.domain.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Options that cost the same: the one asking the least of the user wins, not the first name in the alphabet. */
class TieBreakTest {

    private static OptionReplay api(String id, Double deposit) {
        return new OptionReplay(id, id, OptionReplay.Kind.API, null, 0, 0, 0, 176, deposit, true, null);
    }

    @Test
    void tiedApiTiersGoToTheSmallestDepositThenToTheCatalogsOrder() {
        List<OptionReplay> tied = List.of(api("api-tier-2", 40.0), api("api-tier-3", 200.0), api("api-start", null),
                api("api-build", null));
        assertThat(Advisor.choose(tied, 150).id()).isEqualTo("api-tier-2");
        // no deposits known: the first in the catalog's order (Start before Build), not the alphabet's
        assertThat(Advisor.choose(List.of(api("api-start", null), api("api-build", null)), 150).id())
                .isEqualTo("api-start");
    }
}
