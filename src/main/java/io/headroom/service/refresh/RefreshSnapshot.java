package io.headroom.service.refresh;

import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.service.WindowsService;
import java.time.Instant;

/**
 * One refresh's worth of data, computed off the UI thread and never changed after.
 *
 * @param allTokens every token recorded, or -1 while that total is still being counted
 * @param importReport what this refresh imported; null when it imported nothing (paused, or a
 *     follow-up that only adds the all-time total)
 * @param discovery where Claude Code transcripts were looked for; null with no import
 */
public record RefreshSnapshot(Instant now, WindowsService.Snapshot snapshot, double todayCostUsd, long todayTokens,
        long allTokens, ImportReport importReport, ClaudeDirectories.Discovery discovery, int proxyPort) {

    /** The same snapshot once the all-time total is known; it carries no new import. */
    public RefreshSnapshot withAllTokens(long total) {
        return new RefreshSnapshot(now, snapshot, todayCostUsd, todayTokens, total, null, discovery, proxyPort);
    }
}
