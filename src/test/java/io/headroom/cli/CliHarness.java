package io.headroom.cli;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line against a temporary data folder; never the real home. */
public final class CliHarness {

    public record Run(int exit, String out, String err) {
    }

    private final Path dir;

    public CliHarness(Path dir) {
        this.dir = dir;
    }

    public Workspace workspace() {
        return new Workspace(new DataDirectory(dir.resolve("data")), null, Map.of(), dir.resolve("home"));
    }

    public Run run(String... args) {
        HeadroomCommand root = new HeadroomCommand(db -> new Workspace(new DataDirectory(dir.resolve("data")), db,
                Map.of(), dir.resolve("home")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HeadroomCommand.execute(root, cli -> {
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
        }, args);
        return new Run(exit, out.toString(), err.toString());
    }
}
