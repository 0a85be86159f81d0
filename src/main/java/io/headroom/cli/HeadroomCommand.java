package io.headroom.cli;

import io.headroom.service.Workspace;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom [--db FILE] COMMAND}: the headless side of Headroom. */
@Command(name = "headroom", mixinStandardHelpOptions = true, versionProvider = HeadroomCommand.Version.class,
        description = "How much headroom you have before a Claude limit, when you will hit it, and whether "
                + "another plan would pay for itself. Run without a command to open the dashboard.",
        subcommands = {ImportCommand.class, DailyCommand.class, WeeklyCommand.class, MonthlyCommand.class,
                SessionCommand.class, ProxyCommand.class, ApiCommand.class,
                CommandLine.HelpCommand.class})
public final class HeadroomCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "The database file (default: headroom.db in the data folder; HEADROOM_HOME moves the folder).")
    Path db;

    private final Function<Path, Workspace> workspaces;
    private Workspace workspace;

    public HeadroomCommand(Function<Path, Workspace> workspaces) {
        this.workspaces = workspaces;
    }

    /** The workspace for this run, opened on first use. */
    Workspace workspace() {
        if (workspace == null) {
            workspace = workspaces.apply(db);
        }
        return workspace;
    }

    void closeWorkspace() {
        if (workspace != null) {
            workspace.close();
            workspace = null;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code; the workspace is closed afterwards. */
    public static int execute(HeadroomCommand root, String... args) {
        CommandLine cli = new CommandLine(root);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("headroom: " + Errors.describe(e));
            return 1;
        });
        try {
            return cli.execute(args);
        } finally {
            root.closeWorkspace();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HeadroomCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Headroom " + (v == null ? "development build" : v)};
        }
    }
}
