package io.headroom.sources.oauth;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A second Headroom process for {@link TwoProcessBudgetTest}: opens the workspace in {@code home},
 * waits for the wall-clock instant {@code go} (so several processes read at the same moment), reads
 * the OAuth source once at the refresh instant {@code now} and prints its state.
 * Arguments: home, usage base URL, now (epoch ms), go (epoch ms).
 */
public final class OauthRefreshOnce {

    private OauthRefreshOnce() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Instant now = Instant.ofEpochMilli(Long.parseLong(args[2]));
        long go = Long.parseLong(args[3]);
        try (Workspace workspace = new Workspace(new DataDirectory(home.resolve("data")), null,
                Map.of(UsageEndpoint.BASE_URL_ENV, args[1]), home)) {
            workspace.database();
            SourceRegistry registry = workspace.sources();
            long wait = go - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            for (SourceRegistry.Entry e : registry.readAll(ReadRequest.at(now, ZoneOffset.UTC),
                    s -> s.id().equals(OauthUsageSource.ID))) {
                if (e.source().id().equals(OauthUsageSource.ID)) {
                    System.out.println("state=" + e.status().state().code());
                }
            }
        }
    }
}
