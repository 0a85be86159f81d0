package io.headroom.cli;

import io.headroom.service.StatusLineLauncher;
import io.headroom.service.StatusLineSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom statusline}: Claude Code's statusLine hook, and its installer. */
@Command(name = "statusline", mixinStandardHelpOptions = true, description = "Claude Code's statusLine hook: records the official 5-hour and weekly "
        + "percentages from stdin and prints one line. --install adds it to Claude Code's settings.")
final class StatusLineCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    static final class Action {
        @Option(names = "--install", description = "Add the hook to Claude Code's settings.json (after a backup; an existing statusLine is chained).")
        boolean install;

        @Option(names = "--uninstall", description = "Remove the hook and restore the previous statusLine.")
        boolean uninstall;
    }

    @ArgGroup(exclusive = true)
    Action action;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Claude Code's settings file (default: $CLAUDE_CONFIG_DIR/settings.json, else ~/.claude/settings.json).")
    Path settings;

    @Option(names = "--hook-command", paramLabel = "CMD", hidden = true,
            description = "The command to install instead of this Java and jar (tests, packagers).")
    String hookCommand;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path data = root.workspace().dataDirectory().path();
        if (action == null) {
            out.println(StatusLineLauncher.run(data, System.in));
            out.flush();
            return 0;
        }
        Path file = settings != null ? settings : root.workspace().claudeSettingsFile();
        StatusLineSetup.Outcome o;
        if (action.install) {
            o = hookCommand == null ? StatusLineSetup.installThisHook(file, data, Instant.now())
                    : StatusLineSetup.install(file, data, hookCommand, Instant.now());
            out.println(o.message());
            out.println("Command: " + o.command());
        } else {
            o = StatusLineSetup.uninstall(file, data, Instant.now());
            out.println(o.message());
        }
        if (o.backup() != null) {
            out.println("Backup of the previous settings: " + o.backup());
        }
        out.flush();
        return 0;
    }
}
