package io.headroom.testing;

import io.headroom.config.DataDirectory;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.service.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A workspace in a temporary folder, reading a given Claude folder. */
public final class TestWorkspace implements AutoCloseable {

    private final Workspace workspace;
    private final Path claudeDir;

    public TestWorkspace(Path home, Path claudeDir) {
        this.claudeDir = claudeDir;
        this.workspace = new Workspace(new DataDirectory(home.resolve("data")), null, Map.of(), home);
    }

    public Workspace workspace() {
        return workspace;
    }

    public ImportReport importAll() {
        return workspace.importClaudeCode(List.of(claudeDir), ZoneOffset.UTC, ImportOptions.defaults());
    }

    public ImportReport importWith(ImportOptions options) {
        return workspace.importClaudeCode(List.of(claudeDir), ZoneOffset.UTC, options);
    }

    /** One number from SQL, for assertions. */
    public long scalar(String sql) {
        try (Connection c = workspace.database().openReader(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** input, output, cache creation, cache read, rows: the fixture README's figures. */
    public long[] usageTotals() {
        return new long[] {
            scalar("SELECT COALESCE(SUM(input_tokens),0) FROM usage_event"),
            scalar("SELECT COALESCE(SUM(output_tokens),0) FROM usage_event"),
            scalar("SELECT COALESCE(SUM(cache_write_5m + cache_write_1h),0) FROM usage_event"),
            scalar("SELECT COALESCE(SUM(cache_read),0) FROM usage_event"),
            scalar("SELECT COUNT(*) FROM usage_event")
        };
    }

    @Override
    public void close() {
        workspace.close();
    }
}
