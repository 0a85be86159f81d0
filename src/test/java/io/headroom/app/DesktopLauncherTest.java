package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class DesktopLauncherTest {

    @Test
    void theWindowRunsWithoutJavaFxsRegionCacheUnlessTheUserSaysOtherwise() {
        Properties fresh = new Properties();
        DesktopLauncher.renderingDefaults(fresh);
        assertThat(fresh.getProperty("prism.disableRegionCaching")).isEqualTo("true");

        Properties chosen = new Properties();
        chosen.setProperty("prism.disableRegionCaching", "false");
        DesktopLauncher.renderingDefaults(chosen);
        assertThat(chosen.getProperty("prism.disableRegionCaching")).isEqualTo("false");
    }
}
