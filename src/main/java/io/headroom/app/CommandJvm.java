package io.headroom.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code java -jar headroom.jar daily} with no JVM options runs with the JVM's defaults for a
 * server: C2, G1 and a heap of a quarter of RAM, which the jar cannot change. For a one-shot
 * command those cost more than they give (C2 compiles after the work is done; G1's young
 * generation grew to a few hundred MB on one 400 MB transcript while the live heap stayed under
 * 70 MB), so such a command starts itself again in a JVM with the command line's own options,
 * the ones {@code bin/headroom} and the installed launchers pass, and exits with its exit code.
 * The child shares this process's standard streams. Any JVM option the user gave (on the command
 * line or in JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS) is respected: then nothing is started again;
 * nor for the long-running commands, the statusLine hook (every millisecond counts there) or the
 * window. {@code HEADROOM_RELAUNCH=0} turns it off.
 */
final class CommandJvm {

    /** The command line's JVM options; installer/Package.java (CLI_OPTIONS) and bin/headroom pass the same. */
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn48m",
            "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=off");
    /** Commands that run until stopped: the JVM's defaults suit them (C2 pays off over hours). */
    static final Set<String> LONG_RUNNING = Set.of("proxy", "serve", "statusline");
    static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    /**
     * The child's command line, or empty when this JVM should run the command itself.
     *
     * @param jvmArguments this JVM's own command line after the executable ("-jar", the jar, args...)
     * @param cache        the data folder's cache, where each command's class archive is kept
     */
    static Optional<Plan> plan(String[] args, Supplier<List<String>> jvmArguments, Map<String, String> env, Path java,
            Path cache) {
        if ("0".equals(env.get("HEADROOM_RELAUNCH")) || OPTION_VARIABLES.stream().anyMatch(v -> !blank(env.get(v)))) {
            return Optional.empty();
        }
        String command = command(args);
        if (command == null || LONG_RUNNING.contains(command)) {
            return Optional.empty();
        }
        List<String> jvm = jvmArguments.get();
        if (jvm.size() < 2 || !jvm.get(0).equals("-jar")) {
            return Optional.empty(); // options before -jar, or -cp: the user chose the JVM's settings
        }
        Path jar = Path.of(jvm.get(1)).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        List<String> line = new ArrayList<>();
        line.add(java.toString());
        line.addAll(OPTIONS);
        // One class archive per command, as bin/headroom keeps them: used when newer than the jar, else written as the child ends.
        Path archive = cache.resolve("cli-" + command + ".jsa");
        Path fresh = null;
        if (newerThan(archive, jar)) {
            line.add("-XX:SharedArchiveFile=" + archive);
        } else {
            fresh = cache.resolve("cli-" + command + ".jsa." + ProcessHandle.current().pid());
            line.add("-XX:ArchiveClassesAtExit=" + fresh);
        }
        line.add("-jar");
        line.add(jar.toString());
        line.addAll(List.of(args));
        return Optional.of(new Plan(line, fresh, archive));
    }

    /**
     * @param fresh   where the child writes a new class archive, or null
     * @param archive where that archive is moved when complete, so a concurrent run never reads half of one
     */
    record Plan(List<String> command, Path fresh, Path archive) {
    }

    /** Starts the command again in a JVM of its own if it should; true when that ran (this process then exits). */
    static boolean runElsewhere(String[] args, io.headroom.config.DataDirectory data) {
        Optional<Plan> plan = plan(args, CommandJvm::thisJvmsArguments, System.getenv(),
                Path.of(System.getProperty("java.home"), "bin", "java"), data.path().resolve("cache"));
        if (plan.isEmpty()) {
            return false;
        }
        int status = run(plan.get());
        if (status < 0) {
            return false; // could not start it: run here, with this JVM's settings
        }
        System.exit(status);
        return true;
    }

    private static List<String> thisJvmsArguments() {
        return ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
    }

    /** Runs the child to the end; its exit code, or -1 when it could not be started. */
    static int run(Plan plan) {
        Process child;
        try {
            if (plan.fresh() != null) {
                io.headroom.config.DataDirectory.ensurePrivateDirectory(plan.archive().getParent());
            }
            child = new ProcessBuilder(plan.command()).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        // Stopped (Ctrl-C, kill), this process stops the child too: it must not run on unseen.
        io.headroom.work.BackgroundWork.onExit("headroom-stop-command", () -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int status;
        while (true) {
            try {
                status = child.waitFor();
                break;
            } catch (InterruptedException e) {
                child.destroy();
            }
        }
        if (plan.fresh() != null) {
            try {
                if (Files.isRegularFile(plan.fresh())) {
                    Files.move(plan.fresh(), plan.archive(), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                // Only a head start for the next run: it writes one again.
            }
        }
        return status;
    }

    /** The command's name as bin/headroom finds it, reduced to what may name a file: letters and '-'. */
    static String command(String[] args) {
        String word = io.headroom.cli.CommandWord.of(args);
        String name = word == null ? "" : word.replaceAll("[^a-z-]", "");
        return name.isEmpty() ? null : name;
    }

    private static boolean newerThan(Path archive, Path jar) {
        try {
            return Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private CommandJvm() {
    }
}
