package io.headroom.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.testing.Fixtures;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Claude Code folder added in the settings is imported with the usual places. */
class SettingsClaudeDirsTest {

    @TempDir
    Path tmp;

    @Test
    void theImportReadsTheFoldersAddedInTheSettings() throws Exception {
        Path extra = Fixtures.claudeDir(tmp.resolve("elsewhere/claude"));
        try (Workspace ws = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"))) {
            ImportReport before = ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults());
            assertThat(before.lookedAt()).hasSize(2);
            ws.saveSettings(Settings.empty().withClaudeDirs(List.of(extra.toString())));
            ImportReport after = ws.importClaudeCode(List.of(), ZoneOffset.UTC, ImportOptions.defaults());
            assertThat(after.lookedAt()).hasSize(3);
            assertThat(after.lookedAt().get(2).found()).isTrue();
            assertThat(before.linesRead()).isZero();
            assertThat(after.files().found()).isEqualTo(11); // the fixture transcripts
            assertThat(after.linesRead()).isEqualTo(96);
            assertThat(ws.discoverClaudeCode(List.of()).projectRoots()).containsExactly(extra.resolve("projects").toRealPath());
        }
    }
}
