package io.headroom.cli;

import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import java.io.PrintWriter;

/** Reports import new lines first, and say on stderr if anything went wrong doing so. */
final class ImportBeforeReport {

    private ImportBeforeReport() {
    }

    static void run(HeadroomCommand root, ReportOptions options, PrintWriter err) {
        if (options.noImport) {
            return;
        }
        ImportReport r = root.workspace().importClaudeCode(options.claudeDirs, options.zone(), ImportOptions.defaults());
        if (r.skippedTotal() > 0) {
            err.println("headroom: skipped " + r.skippedTotal() + " unreadable transcript lines " + r.skippedLines()
                    + " (run 'headroom import' for details).");
        }
        r.problems().forEach(p -> err.println("headroom: " + p));
        err.flush();
    }
}
