package io.headroom.sources.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceStatus;
import io.headroom.store.StoreException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A transcript import the store refuses still leaves a report to print (it was null, an NPE in {@code import}). */
class ClaudeCodeLogSourceTest {

    @Test
    void aFailedImportLeavesAReportWithItsProblemNotNullOrTheLastOne() {
        AtomicBoolean fail = new AtomicBoolean(false);
        ImportReport good = ImportReport.failed("defaults", List.of(), "placeholder").withProblem("x");
        ClaudeCodeLogSource source = new ClaudeCodeLogSource((dirs, zone, options) -> {
            if (fail.get()) {
                throw new StoreException("The database /d/headroom.db is locked by another program; nothing was lost, "
                        + "try again shortly.");
            }
            return good;
        }, () -> new ClaudeDirectories.Discovery("defaults", List.of()));
        ReadRequest request = ReadRequest.at(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        source.read(request, SourceStatus.UNREAD);
        assertThat(source.lastReport()).isSameAs(good);

        fail.set(true);
        assertThatThrownBy(() -> source.read(request, SourceStatus.UNREAD)).isInstanceOf(StoreException.class);

        ImportReport after = source.lastReport();
        assertThat(after).isNotNull().isNotSameAs(good);
        assertThat(after.problems()).containsExactly(
                "The database /d/headroom.db is locked by another program; nothing was lost, try again shortly.");
        assertThat(after.discoveryRule()).isEqualTo("defaults");
        assertThat(after.linesRead()).isZero();
        assertThat(after.completed()).isFalse();
    }
}
