package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first window fits the screen it opens on. */
class FirstWindowSizeTest {

    @Test
    void aLargeScreenGetsTheDesignedSize() {
        assertThat(FirstWindowSize.on(1920, 1040)).isEqualTo(new FirstWindowSize(1280, 800, 960, 600));
        assertThat(FirstWindowSize.on(1280, 800)).isEqualTo(new FirstWindowSize(1280, 800, 960, 600));
    }

    @Test
    void aSmallScreenGetsItsUsableArea() {
        // 1366x768 with a 40 px task bar: the height is what is left
        assertThat(FirstWindowSize.on(1366, 728)).isEqualTo(new FirstWindowSize(1280, 728, 960, 600));
        // a 1024x600 netbook with a top bar of 27 px: even the least size shrinks to fit
        assertThat(FirstWindowSize.on(1024, 573)).isEqualTo(new FirstWindowSize(1024, 573, 960, 573));
        assertThat(FirstWindowSize.on(800.6, 560.4)).isEqualTo(new FirstWindowSize(800, 560, 800, 560));
    }
}
