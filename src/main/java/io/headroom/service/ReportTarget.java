package io.headroom.service;

import io.headroom.config.DiskFull;
import io.headroom.domain.ExplainedFailure;
import io.headroom.report.AdvisorReport;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a report may go. A folder is refused rather than replaced (a move onto an empty folder
 * succeeds and deletes it), a missing folder is created, a read-only one is named, and a failed write says why
 * in one sentence instead of an exception's class name.
 */
final class ReportTarget {

    private ReportTarget() {
    }

    static Path check(Path out, AdvisorReport.Format format) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new ExplainedFailure(target + " is a folder; give the report a file name in it, for example "
                    + target.resolve("headroom-report." + format.name().toLowerCase(Locale.ROOT)) + ".");
        }
        Path folder = target.getParent();
        if (folder != null && Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ExplainedFailure("Cannot write " + target + ": " + folder + " is a file, not a folder.");
        }
        return target;
    }

    /** The failure of writing {@code target}, as a sentence; the cause stays attached for --debug. */
    static ExplainedFailure explain(Path target, IOException e) {
        Path folder = target.getParent();
        if (e instanceof AccessDeniedException) {
            return new ExplainedFailure("Cannot write " + target + ": the folder " + folder
                    + " does not allow it (permission denied). Choose another place for the report.", e);
        }
        if (DiskFull.is(e)) {
            return new ExplainedFailure(DiskFull.message(folder) + " The report was not written.", e);
        }
        if (e instanceof NoSuchFileException) {
            return new ExplainedFailure("Cannot write " + target + ": the folder " + folder + " does not exist.", e);
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return new ExplainedFailure("Cannot write " + target + ": " + reason + ".", e);
    }
}
