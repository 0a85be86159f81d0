package io.headroom.sources.claudecode;

import io.headroom.domain.UsageSource;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.Source;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * Claude Code's transcripts ({@code projects/**}/*.jsonl): every request's tokens, limit
 * messages and prompts' times, imported incrementally. Its full {@link ImportReport} stays
 * available for the import command and the Overview's discovery line.
 */
public final class ClaudeCodeLogSource implements Source {

    public static final String ID = UsageSource.CLAUDE_CODE_LOG.code();

    /** Runs one incremental import of the given folders (none: the usual places). */
    public interface Importer {
        ImportReport run(List<Path> explicitDirs, ZoneId zone, ImportOptions options);
    }

    private final Importer importer;
    private final Supplier<ClaudeDirectories.Discovery> discovery;
    private volatile ImportReport lastReport;

    public ClaudeCodeLogSource(Importer importer, Supplier<ClaudeDirectories.Discovery> discovery) {
        this.importer = importer;
        this.discovery = discovery;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Claude Code transcripts";
    }

    @Override
    public String description() {
        return "Tokens, cost and limit messages of every Claude Code request, from its local transcript files.";
    }

    @Override
    public List<String> lookedAt() {
        return discovery.get().candidates().stream()
                .map(c -> c.found() ? c.projects().toString() : c.configured() + " (no projects folder)").toList();
    }

    private ImportReport failedReport(RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        try {
            ClaudeDirectories.Discovery d = discovery.get();
            return ImportReport.failed(d.rule(), d.candidates(), why);
        } catch (RuntimeException unreadable) {
            return ImportReport.failed("", java.util.List.of(), why);
        }
    }

    /** The report of the last import in this process, or null before the first. */
    public ImportReport lastReport() {
        return lastReport;
    }

    @Override
    public SourceStatus read(ReadRequest request, SourceStatus previous) {
        ImportReport r;
        try {
            r = importer.run(request.claudeDirs(), request.zone(), request.importOptions());
        } catch (RuntimeException e) {
            // Callers read lastReport after every read: a failed one must not leave null (an NPE in
            // the import command) or the previous run's report behind.
            lastReport = failedReport(e);
            throw e;
        }
        lastReport = r;
        boolean found = r.lookedAt().stream().anyMatch(ClaudeDirectories.Candidate::found);
        String marker = found ? "found" : "none";
        if (!r.problems().isEmpty()) {
            return previous.failed(SourceState.ERROR, String.join(" ", r.problems()), request.now(), marker);
        }
        if (!found) {
            return previous.failed(SourceState.NOT_FOUND, "No Claude Code projects folder was found.", request.now(),
                    marker);
        }
        if (r.linesRead() == 0 && previous.state() == SourceState.ON) {
            return previous; // nothing new: the last read still says what came in
        }
        return SourceStatus.read(r.linesRead() + " new lines from " + (r.files().added() + r.files().appended())
                + " files, " + r.usageEvents() + " with usage", request.now(), marker);
    }
}
