package io.headroom.cli;

import io.headroom.domain.pricing.EstimatedModel;
import io.headroom.domain.Figures;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.DiskFull;
import io.headroom.config.Json;
import io.headroom.domain.ExplainedFailure;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom import}: reads every data source (new transcript lines first) into the store. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Read every data source: new lines from "
        + "Claude Code's transcripts (only what was appended since the last run), the statusLine hook's readings, "
        + "Claude Code's cached usage. 'headroom sources' lists them.")
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-j", "--json"}, description = "Print the import report as JSON.")
    boolean json;

    @Option(names = "--claude-dir", paramLabel = "DIR",
            description = "A Claude folder (or its projects/ folder) to read instead of the defaults; repeatable.")
    List<Path> claudeDirs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ImportReport report = root.workspace().importClaudeCode(claudeDirs, root.workspace().settings().zone(),
                ImportOptions.defaults());
        for (String problem : report.problems()) {
            if (DiskFull.is(problem)) {
                // One sentence and its exit code: the rest of the report would only list the symptoms.
                throw new ExplainedFailure(problem);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        List<io.headroom.sources.SourceRegistry.Entry> sources = root.workspace().sources().list();
        if (json) {
            ObjectNode n = toJson(report);
            n.set("sources", SourcesCommand.toJson(sources));
            out.println(Json.mapper().writeValueAsString(n));
        } else {
            printHuman(report, out);
            out.println();
            out.println("Sources:");
            SourcesCommand.printHuman(sources, ZoneId.systemDefault(), out);
        }
        out.flush();
        return report.problems().isEmpty() ? 0 : 1;
    }

    static ObjectNode toJson(ImportReport r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("discovery", r.discoveryRule());
        ArrayNode looked = root.putArray("lookedAt");
        for (ClaudeDirectories.Candidate c : r.lookedAt()) {
            ObjectNode n = looked.addObject();
            n.put("configured", c.configured());
            n.put("projects", c.found() ? c.projects().toString() : null);
        }
        ObjectNode files = root.putObject("files");
        files.put("found", r.files().found());
        files.put("new", r.files().added());
        files.put("appended", r.files().appended());
        files.put("unchanged", r.files().unchanged());
        files.put("reread", r.files().reread());
        files.put("unreadable", r.files().unreadable());
        files.put("unreadableFolders", r.files().foldersUnreadable());
        root.put("bytesRead", r.bytesRead());
        root.put("linesRead", r.linesRead());
        root.put("usageLines", r.usageEvents());
        root.put("errorEvents", r.errorEvents());
        root.put("limitHits", r.limitHits());
        root.put("prompts", r.prompts());
        ObjectNode skipped = root.putObject("skippedLines");
        for (Map.Entry<String, Long> e : r.skippedLines().entrySet()) {
            skipped.put(e.getKey(), e.getValue());
        }
        root.put("skippedTotal", r.skippedTotal());
        ArrayNode unknown = root.putArray("unknownModels");
        for (EstimatedModel m : r.unknownModels()) {
            ObjectNode n = unknown.addObject();
            n.put("model", m.model());
            n.put("pricedAs", m.pricedAs());
            n.put("calls", m.calls());
        }
        ArrayNode problems = root.putArray("problems");
        r.problems().forEach(problems::add);
        root.put("repricedRows", r.repriced());
        root.put("durationMs", r.durationMillis());
        root.put("completed", r.completed());
        return root;
    }

    static void printHuman(ImportReport r, PrintWriter out) {
        out.println("Looked for Claude Code transcripts (" + r.discoveryRule() + "):");
        for (ClaudeDirectories.Candidate c : r.lookedAt()) {
            out.println("  " + c.configured() + "  " + (c.found() ? "-> " + c.projects() : "(no projects/ folder)"));
        }
        ImportReport.Files f = r.files();
        out.printf("Files: %d found; %d new, %d appended to, %d unchanged, %d re-read, %d unreadable%n",
                f.found(), f.added(), f.appended(), f.unchanged(), f.reread(), f.unreadable());
        out.printf("Read %s bytes in %s lines: %s lines with usage, %s API errors (%s limit hits), %s prompts.%n",
                Figures.tokens(r.bytesRead()), Figures.tokens(r.linesRead()), Figures.tokens(r.usageEvents()),
                Figures.tokens(r.errorEvents()), Figures.tokens(r.limitHits()), Figures.tokens(r.prompts()));
        if (r.skippedTotal() > 0) {
            out.println("Skipped lines (the rest of each file was imported):");
            r.skippedLines().forEach((reason, n) -> out.println("  " + reason + ": " + n));
        }
        for (EstimatedModel m : r.unknownModels()) {
            out.println("Warning: no price for " + m.model() + "; priced as " + m.pricedAs() + " (" + m.calls()
                    + " calls). Add it to prices.json in the data folder.");
        }
        for (String p : r.problems()) {
            out.println("Problem: " + p);
        }
        if (!r.completed()) {
            out.println("The import was stopped before the end; the next run continues where it stopped.");
        }
    }
}
