package io.headroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.official.ExtraUsage;
import io.headroom.domain.official.ExtraUsageReading;
import io.headroom.domain.official.Money;
import io.headroom.domain.official.UsageReport;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage answers' samples (new sources, scoped windows) round-trip, and rows written before them still read. */
class OfficialSamplesStoreTest {

    @TempDir
    Path tmp;

    private static final Instant AT = Instant.parse("2026-07-25T06:12:34.567Z");

    @Test
    void newSourcesAndScopedWindowsRoundTripNextToOldRows() {
        try (Database db = Database.open(tmp.resolve("headroom.db"))) {
            // a row as an earlier Headroom wrote it
            db.writer().execute(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO utilization_sample (dedup_key, source, provenance, ts, limit_window,"
                            + " used_percent, resets_at, status, session_id, model) VALUES ('sl:1', 'statusline',"
                            + " 'official', " + AT.minusSeconds(600).toEpochMilli() + ", 'five_hour', 23.5, NULL,"
                            + " NULL, 's1', NULL)");
                }
            });
            List<UtilizationSample> written = List.of(
                    new UtilizationSample("claude_code_cache:weekly_scoped:cowork:1", UsageSource.CLAUDE_CODE_CACHE,
                            Provenance.OFFICIAL, AT, LimitWindow.WEEKLY_SCOPED, 3.5,
                            Instant.parse("2026-07-28T21:00:00.000412Z"), null, null, "cowork"),
                    new UtilizationSample("oauth_usage:weekly_opus:Opus 4.8:1", UsageSource.OAUTH_USAGE,
                            Provenance.OFFICIAL, AT, LimitWindow.WEEKLY_OPUS, 81.25, null, "allowed_warning", null,
                            "Opus 4.8"),
                    new UtilizationSample("claude_ai:other:iguana_necktie:1", UsageSource.CLAUDE_AI,
                            Provenance.OFFICIAL, AT, LimitWindow.OTHER, 130.0, null, null, null, "iguana_necktie"));
            SampleStore store = new SampleStore(db);
            store.writeNow(written);
            store.writeNow(written); // the same reading read twice is stored once

            List<UtilizationSample> all = new WindowQueries(db).samples(AT.minusSeconds(3600), AT.plusSeconds(1));
            assertThat(all).hasSize(4);
            assertThat(all.get(0).source()).isEqualTo(UsageSource.STATUSLINE);
            assertThat(all.get(0).usedPercent()).isEqualTo(23.5);
            // resets are kept to the millisecond, as every sample is
            assertThat(all.subList(1, 4)).containsExactlyInAnyOrder(
                    new UtilizationSample("claude_code_cache:weekly_scoped:cowork:1", UsageSource.CLAUDE_CODE_CACHE,
                            Provenance.OFFICIAL, AT, LimitWindow.WEEKLY_SCOPED, 3.5,
                            Instant.parse("2026-07-28T21:00:00Z"), null, null, "cowork"),
                    written.get(1), written.get(2));
            assertThat(store.samples(LimitWindow.WEEKLY_OPUS, null, null)).containsExactly(written.get(1));
        }
    }

    @Test
    void theNewestExtraUsageIsKeptAndAnOlderAnswerReadLaterDoesNotReplaceIt() {
        try (Database db = Database.open(tmp.resolve("headroom.db"))) {
            UsageReportStore store = new UsageReportStore(db);
            assertThat(store.latestExtraUsage()).isNull();
            ExtraUsage now = new ExtraUsage(true, new Money(1234, 2, "USD"), new Money(5000000, 4, "USD"), false);
            store.write(new UsageReport(UsageSource.OAUTH_USAGE, AT, List.of(), now, List.of(), List.of()));
            store.write(new UsageReport(UsageSource.CLAUDE_CODE_CACHE, AT.minusSeconds(3600), List.of(),
                    new ExtraUsage(true, new Money(100, 2, "USD"), null, null), List.of(), List.of()));
            assertThat(store.latestExtraUsage()).isEqualTo(new ExtraUsageReading(UsageSource.OAUTH_USAGE, AT, now));
            assertThat(store.latestExtraUsage().extraUsage().limitUsd()).isEqualByComparingTo("500");

            ExtraUsage later = new ExtraUsage(null, new Money(250, 2, "EUR"), null, null);
            store.write(new UsageReport(UsageSource.CLAUDE_AI, AT.plusSeconds(60), List.of(), later, List.of(),
                    List.of()));
            assertThat(store.latestExtraUsage()).isEqualTo(new ExtraUsageReading(UsageSource.CLAUDE_AI,
                    AT.plusSeconds(60), later));
            assertThat(store.latestExtraUsage().extraUsage().usedUsd()).isNull();
        }
    }
}
