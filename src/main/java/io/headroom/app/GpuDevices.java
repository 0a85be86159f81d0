package io.headroom.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a Linux machine has a GPU that OpenGL could use: a DRM device (/dev/dri/card*,
 * /dev/dri/renderD*), NVIDIA's own driver (/dev/nvidiactl) or WSL's GPU bridge (/dev/dxg).
 * Without one, Mesa can only rasterize on the CPU.
 */
final class GpuDevices {

    private GpuDevices() {
    }

    static boolean present(Path devices) {
        if (Files.exists(devices.resolve("nvidiactl")) || Files.exists(devices.resolve("dxg"))) {
            return true;
        }
        Path dri = devices.resolve("dri");
        if (!Files.isDirectory(dri)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dri, "{card,renderD}*")) {
            return entries.iterator().hasNext();
        } catch (IOException | SecurityException e) {
            return true; // cannot tell: keep JavaFX's own choice
        }
    }
}
