package io.headroom.testing;

import java.util.Arrays;

/**
 * A child JVM's main for race tests: waits for an agreed wall-clock moment, then runs Headroom's
 * real entry point, so several processes hit the same data folder at once.
 */
public final class LaunchAt {

    private LaunchAt() {
    }

    public static void main(String[] args) throws Exception {
        long go = Long.parseLong(args[0]);
        long wait = go - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        io.headroom.app.Launcher.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
