package io.headroom.cli;

import io.headroom.service.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom [--db FILE] COMMAND}: the headless side of Headroom. */
@Command(name = "headroom", mixinStandardHelpOptions = true, versionProvider = HeadroomCommand.Version.class,
        description = "How much headroom you have before a Claude limit, when you will hit it, and whether "
                + "another plan would pay for itself. Run without a command to open the dashboard.")
public final class HeadroomCommand implements Runnable {

    /**
     * The subcommands, built on demand: picocli reads a command's annotations by reflection, which
     * costs tens of milliseconds per command at start-up, so a run builds only the one it runs
     * (and all of them only to print help or explain a mistake).
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("import", ImportCommand::new);
        m.put("sources", SourcesCommand::new);
        m.put("daily", DailyCommand::new);
        m.put("weekly", WeeklyCommand::new);
        m.put("monthly", MonthlyCommand::new);
        m.put("session", SessionCommand::new);
        m.put("windows", WindowsCommand::new);
        m.put("statusline", StatusLineCommand::new);
        m.put("log", LogCommand::new);
        m.put("settings", SettingsCommand::new);
        m.put("proxy", ProxyCommand::new);
        m.put("api", ApiCommand::new);
        m.put("autostart", AutostartCommand::new);
        m.put("advise", AdviseCommand::new);
        m.put("report", ReportCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "The database file (default: headroom.db in the data folder; HEADROOM_HOME moves the folder).")
    Path db;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On a failure, print the stack trace after the one-line message (for bug reports).")
    boolean debug;

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
        return execute(root, cli -> { }, args);
    }

    /** As {@link #execute(HeadroomCommand, String...)}, with the command line configured first (tests set its writers). */
    public static int execute(HeadroomCommand root, java.util.function.Consumer<CommandLine> configure, String... args) {
        CommandLine cli = new CommandLine(root);
        String requested = CommandWord.of(args);
        if (requested != null && !requested.equals("help") && COMMANDS.containsKey(requested)) {
            cli.addSubcommand(requested, COMMANDS.get(requested).get());
        } else if (!CommandWord.versionOnly(args)) {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        configure.accept(cli);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(TerminalText.safe(cli.getOut()));
        cli.setErr(TerminalText.safe(cli.getErr()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("headroom: " + Errors.describe(e));
            if (root.debug) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return Errors.exitCode(e);
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
