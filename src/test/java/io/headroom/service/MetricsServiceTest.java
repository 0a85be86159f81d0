package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.TeamSettings;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.domain.metrics.TeamMetrics;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The totals a scrape serves are read from the store again only after something was committed, by
 * this process's writer or by any other connection, and are then exactly the store's.
 */
class MetricsServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path tmp;

    private Workspace workspace;
    private MetricsService metrics;

    @BeforeEach
    void open() {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
        metrics = workspace.metrics(new TeamSettings(false, 0, false, 0, "127.0.0.1", false, null, TeamSettings.PROTOBUF,
                60, "ana", "ws-1", true));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static UsageEvent event(int i, String at, String project, long input, double cost) {
        return new UsageEvent("k" + i, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, Instant.parse(at), "claude-opus-4-8",
                new TokenCounts(input, 10, 0, 0, 0), 0, 0, Speed.STANDARD, cost, "claude-opus-4-8", false, project, "s" + i,
                "m" + i, "r" + i, false, false);
    }

    private void write(UsageEvent... events) {
        new EventStore(workspace.database()).writeNow(new EventBatch(List.of(events), List.of(), List.of(), List.of(), null));
    }

    private static long tokens(TeamMetrics m) {
        return m.tokens().stream().mapToLong(TeamMetrics.Tokens::count).sum();
    }

    @Test
    void scrapesWithNothingNewServeTheKeptTotalsAndAnyCommitIsSeenAtTheNextScrape() throws Exception {
        write(event(1, "2026-12-07T09:00:00Z", "alpha", 100, 1.25), event(2, "2026-12-07T10:00:00Z", "beta", 200, 2.5));

        TeamMetrics first = metrics.current(NOW);
        long reads = metrics.storeReads();
        TeamMetrics second = metrics.current(NOW.plusSeconds(15));
        TeamMetrics third = metrics.current(NOW.plusSeconds(30));

        assertThat(tokens(first)).isEqualTo(320);
        assertThat(first.costByProject()).isEqualTo(Map.of("alpha", 1.25, "beta", 2.5));
        assertThat(first.since()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(metrics.storeReads()).as("nothing was committed between the scrapes").isEqualTo(reads);
        assertThat(second.tokens()).isEqualTo(first.tokens());
        assertThat(third.costByProject()).isEqualTo(first.costByProject());
        assertThat(third.lastIngest()).isEqualTo(first.lastIngest());

        // This process's writer commits: the next scrape reads again.
        write(event(3, "2026-12-07T11:00:00Z", "alpha", 1_000, 4.0));
        TeamMetrics afterWrite = metrics.current(NOW.plusSeconds(45));
        assertThat(tokens(afterWrite)).isEqualTo(1_330);
        assertThat(afterWrite.costByProject()).isEqualTo(Map.of("alpha", 5.25, "beta", 2.5));
        assertThat(afterWrite.lastIngest().values()).containsExactly(Instant.parse("2026-12-07T11:00:00Z"));
        long readsAfterWrite = metrics.storeReads();
        assertThat(readsAfterWrite).isGreaterThan(reads);
        metrics.current(NOW.plusSeconds(60));
        assertThat(metrics.storeReads()).isEqualTo(readsAfterWrite);

        // Another process commits through its own connection: seen too.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + workspace.database().file());
                Statement s = other.createStatement()) {
            s.executeUpdate("UPDATE usage_event SET project = 'gamma' WHERE dedup_key = 'k2'");
        }
        TeamMetrics afterOther = metrics.current(NOW.plusSeconds(75));
        assertThat(afterOther.costByProject()).isEqualTo(Map.of("alpha", 5.25, "gamma", 2.5));
        assertThat(metrics.storeReads()).isGreaterThan(readsAfterWrite);
    }
}
