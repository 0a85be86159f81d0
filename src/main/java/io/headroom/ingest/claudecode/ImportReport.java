package io.headroom.ingest.claudecode;

import io.headroom.domain.pricing.EstimatedModel;
import java.util.List;
import java.util.Map;

/**
 * The account of one import: what was looked for and found, what was read, and every line that
 * was skipped, by reason. Nothing valid is dropped silently.
 */
public record ImportReport(
        String discoveryRule,
        List<ClaudeDirectories.Candidate> lookedAt,
        Files files,
        long bytesRead,
        long linesRead,
        long usageEvents,
        long errorEvents,
        long limitHits,
        long prompts,
        Map<String, Long> skippedLines,
        List<EstimatedModel> unknownModels,
        List<String> problems,
        long repriced,
        long durationMillis,
        boolean completed) {

    /** File counts: new, appended to, unchanged, re-read (shrunk or replaced), unreadable. */
    public record Files(int found, int added, int appended, int unchanged, int reread, int unreadable,
            int foldersUnreadable) {
    }

    /** The report of an import that could not run at all (the store refused it): nothing read, one problem. */
    public static ImportReport failed(String discoveryRule, List<ClaudeDirectories.Candidate> lookedAt, String problem) {
        return new ImportReport(discoveryRule, lookedAt, new Files(0, 0, 0, 0, 0, 0, 0), 0, 0, 0, 0, 0, 0, Map.of(),
                List.of(), List.of(problem), 0, 0, false);
    }

    public ImportReport withProblem(String problem) {
        List<String> all = new java.util.ArrayList<>(problems);
        all.add(problem);
        return new ImportReport(discoveryRule, lookedAt, files, bytesRead, linesRead, usageEvents, errorEvents, limitHits,
                prompts, skippedLines, unknownModels, List.copyOf(all), repriced, durationMillis, completed);
    }

    public long skippedTotal() {
        return skippedLines.values().stream().mapToLong(Long::longValue).sum();
    }
}
