package io.headroom.cli;

import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Every read command first reads what is new from every source, exactly as the window does on each
 * refresh, so that the command line and the window never show different figures for the same store.
 * Problems go to stderr and never stop the command: the figures already stored are still worth showing.
 */
final class ImportFirst {

    @Option(names = "--no-import", description = "Show only what is stored, without reading any data source first "
            + "(transcripts, statusLine readings, Claude Code's cache, the usage endpoints).")
    boolean skip;

    @Option(names = "--claude-dir", paramLabel = "DIR",
            description = "A Claude folder (or its projects/ folder) to read instead of the defaults; repeatable.")
    List<Path> claudeDirs = new ArrayList<>();

    /** Limit messages that name no zone are read in the user's zone, as the window reads them. */
    void run(HeadroomCommand root, PrintWriter err) {
        if (skip) {
            return;
        }
        ImportReport r = root.workspace().importClaudeCode(claudeDirs, root.workspace().settings().zone(),
                ImportOptions.defaults());
        if (r.skippedTotal() > 0) {
            err.println("headroom: skipped " + r.skippedTotal() + " unreadable transcript lines " + r.skippedLines()
                    + " (run 'headroom import' for details).");
        }
        r.problems().forEach(p -> err.println("headroom: " + p));
        err.flush();
    }
}
