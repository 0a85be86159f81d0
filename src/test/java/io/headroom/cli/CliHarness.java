package io.headroom.cli;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line against a temporary data folder; never the real home. */
final class CliHarness {

    record Run(int exit, String out, String err) {
    }

    private final Path dir;

    CliHarness(Path dir) {
        this.dir = dir;
    }

    Workspace workspace() {
        return new Workspace(new DataDirectory(dir.resolve("data")), null, Map.of(), dir.resolve("home"));
    }

    Run run(String... args) {
        HeadroomCommand root = new HeadroomCommand(db -> new Workspace(new DataDirectory(dir.resolve("data")), db,
                Map.of(), dir.resolve("home")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("headroom: " + Errors.describe(e));
            return 1;
        });
        int exit;
        try {
            exit = cli.execute(args);
        } finally {
            root.closeWorkspace();
        }
        return new Run(exit, out.toString(), err.toString());
    }
}
