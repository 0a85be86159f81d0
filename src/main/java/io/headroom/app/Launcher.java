package io.headroom.app;

import io.headroom.cli.CommandWord;
import io.headroom.cli.HeadroomCommand;
import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import java.nio.file.Path;

/**
 * The entry point. Not a JavaFX Application on purpose: with JavaFX on the class path a main in
 * an Application subclass would be bypassed, and headless commands must never load JavaFX.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            DesktopLauncher.open(workspace(null));
            return;
        }
        if (args[0].equals("statusline") && java.util.Arrays.stream(args).noneMatch(
                a -> a.equals("--install") || a.equals("--uninstall") || a.equals("-h") || a.equals("--help"))) {
            // The hook's fast path: no picocli, no Jackson.
            io.headroom.ingest.statusline.StatusLineMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        DataDirectory data = DataDirectory.fromSystem();
        if (CommandJvm.runElsewhere(args, data)) {
            return;
        }
        if (!CommandWord.printsOnly(args)) {
            Warmup.start(data);
        }
        System.exit(HeadroomCommand.execute(new HeadroomCommand(Launcher::workspace), args));
    }

    /** The workspace of the user running this process; {@code db} overrides the database file. */
    static Workspace workspace(Path db) {
        return new Workspace(DataDirectory.fromSystem(), db, System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
