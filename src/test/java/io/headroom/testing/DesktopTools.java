package io.headroom.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs the desktop tests run for real (dbus-daemon, Xvfb, trayer, xwininfo): under CI a missing
 * one fails the test (.ci/run installs them), elsewhere it skips with what to install.
 */
public final class DesktopTools {

    private DesktopTools() {
    }

    /** The program's path on PATH; fails under CI or skips otherwise when it is not there. */
    public static String require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        String why = program + " is not installed (apt-get install -y " + debianPackage + ")";
        if (System.getenv("CI") != null) {
            fail(why + ": .ci/run installs it");
        }
        Assumptions.abort(why + "; skipped outside CI");
        return null;
    }
}
