package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void onLinuxWithoutAGpuDeviceTheWindowDrawsWithJavaFxsOwnSoftwareRenderer(@TempDir Path dev) throws Exception {
        Properties noGpu = new Properties();
        DesktopLauncher.renderingDefaults(noGpu, "Linux", dev);
        assertThat(noGpu.getProperty("prism.order")).isEqualTo("sw");

        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri").resolve("by-path"));
        Properties emptyDri = new Properties();
        DesktopLauncher.renderingDefaults(emptyDri, "Linux", dev);
        assertThat(emptyDri.getProperty("prism.order")).isEqualTo("sw");

        Files.createFile(dev.resolve("dri").resolve("renderD128"));
        Properties gpu = new Properties();
        DesktopLauncher.renderingDefaults(gpu, "Linux", dev);
        assertThat(gpu.getProperty("prism.order")).isNull();
        assertThat(gpu.getProperty("prism.disableRegionCaching")).isEqualTo("true");
    }

    @Test
    void nvidiasOwnDriverAndWslsGpuBridgeCountAsAGpu(@TempDir Path dev) throws Exception {
        Files.createFile(dev.resolve("nvidiactl"));
        Properties nvidia = new Properties();
        DesktopLauncher.renderingDefaults(nvidia, "Linux", dev);
        assertThat(nvidia.getProperty("prism.order")).isNull();

        Files.delete(dev.resolve("nvidiactl"));
        Files.createFile(dev.resolve("dxg"));
        Properties wsl = new Properties();
        DesktopLauncher.renderingDefaults(wsl, "Linux", dev);
        assertThat(wsl.getProperty("prism.order")).isNull();
    }

    @Test
    void theUsersRendererChoiceAndOtherSystemsAreLeftAlone(@TempDir Path dev) {
        Properties chosen = new Properties();
        chosen.setProperty("prism.order", "es2");
        DesktopLauncher.renderingDefaults(chosen, "Linux", dev);
        assertThat(chosen.getProperty("prism.order")).isEqualTo("es2");

        for (String os : new String[] {"Windows 11", "Mac OS X"}) {
            Properties other = new Properties();
            DesktopLauncher.renderingDefaults(other, os, dev);
            assertThat(other.getProperty("prism.order")).as(os).isNull();
        }
    }
}
