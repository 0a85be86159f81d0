package io.headroom.cli;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code headroom serve} on its own thread over a temporary data folder, with what it logs. */
final class ServeRun implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final Thread thread;

    /** Starts {@code serve args...} with {@code env} as the workspace's environment. */
    ServeRun(Path dir, Map<String, String> env, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "serve";
        System.arraycopy(args, 0, command, 1, args.length);
        thread = new Thread(() -> HeadroomCommand.execute(new HeadroomCommand(db -> new Workspace(
                new DataDirectory(dir.resolve("data")), db, env, dir.resolve("home"))), cli -> {
                    cli.setOut(new PrintWriter(out, true));
                    cli.setErr(new PrintWriter(out, true));
                }, command));
        thread.start();
    }

    /** Everything logged so far, out and err together. */
    String log() {
        return out.toString();
    }

    /** The first group of {@code pattern} once the log has it (30 s at most). */
    String await(Pattern pattern) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            Matcher m = pattern.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not log " + pattern + ": " + out);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
