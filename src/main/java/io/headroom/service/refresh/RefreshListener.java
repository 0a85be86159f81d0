package io.headroom.service.refresh;

import io.headroom.service.WindowsService;
import java.time.Instant;

/**
 * Gets each refresh's windows snapshot on the refresh thread, also while the window is hidden
 * (the tray, notifications). It may do small file work; it must not block for long nor touch
 * JavaFX or AWT directly.
 */
@FunctionalInterface
public interface RefreshListener {
    void refreshed(Instant now, WindowsService.Snapshot snapshot);
}
