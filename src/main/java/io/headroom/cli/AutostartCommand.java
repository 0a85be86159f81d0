package io.headroom.cli;

import io.headroom.service.Autostart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "autostart", mixinStandardHelpOptions = true,
        description = "Start Headroom at login (on), stop doing so (off), or show whether it does.")
final class AutostartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "on|off")
    String state;

    @Override
    public Integer call() throws Exception {
        Autostart autostart = new Autostart(System.getProperty("os.name"), System.getenv(),
                Path.of(System.getProperty("user.home")), Autostart.currentCommand());
        if ("on".equals(state)) {
            autostart.enable();
        } else if ("off".equals(state)) {
            autostart.disable();
        } else if (state != null) {
            throw new IllegalArgumentException("autostart takes on or off, not \"" + state + "\"");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(autostart.enabled() ? "Headroom starts at login (" + autostart.entry() + ")."
                : "Headroom does not start at login.");
        out.flush();
        return 0;
    }
}
