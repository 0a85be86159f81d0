package io.headroom.service;

import java.io.IOException;
import java.time.Instant;

/**
 * Installs Claude Code's statusLine hook for a workspace, as {@code headroom statusline
 * --install} does: the launch command for this Java and jar, its class archive (best effort),
 * then the settings edit with a backup.
 */
public final class StatusLineInstaller {

    private StatusLineInstaller() {
    }

    public static StatusLineSetup.Outcome install(Workspace workspace, Instant now) throws IOException {
        java.nio.file.Path data = workspace.dataDirectory().path();
        String command = StatusLineLauncher.command(data);
        StatusLineLauncher.buildArchive(data);
        return StatusLineSetup.install(workspace.claudeSettingsFile(), data, command, now);
    }
}
