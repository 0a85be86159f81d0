package io.headroom.service;

import io.headroom.config.DataDirectory;
import io.headroom.ingest.statusline.StatusLineMain;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How the statusLine hook is launched: the exact command line {@code statusline --install}
 * writes (this Java, this jar, start-up flags and an AppCDS archive in the data folder), and the
 * one-time archive build.
 */
public final class StatusLineLauncher {

    public static final String ARCHIVE = "statusline.jsa";
    /** C1 only, serial GC, no perf file, no log lines on stdout: measured to matter for a 100 ms process. */
    static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xshare:auto", "-Xlog:disable");
    private static final String SAMPLE = "{\"session_id\":\"archive\",\"model\":{\"id\":\"claude-sonnet-5\"},"
            + "\"cost\":{\"total_cost_usd\":0.01},\"rate_limits\":{\"five_hour\":{\"used_percentage\":1.5,"
            + "\"resets_at\":1738425600},\"seven_day\":{\"used_percentage\":2,\"resets_at\":1738857600}}}";

    private StatusLineLauncher() {
    }

    /** Runs the hook in this JVM (for {@code headroom statusline} through the full command line). */
    public static String run(Path dataDir, InputStream stdin) {
        return StatusLineMain.run(new String[] {"--data", dataDir.toString()}, stdin);
    }

    public static String command(Path dataDir) {
        List<String> parts = new ArrayList<>(launch(dataDir));
        parts.add(1, "-XX:SharedArchiveFile=" + dataDir.resolve(ARCHIVE));
        return String.join(" ", parts.stream().map(StatusLineLauncher::quote).toList());
    }

    /** Dumps the classes the hook loads into an AppCDS archive; best effort (the hook works without). */
    public static boolean buildArchive(Path dataDir) {
        try {
            Path scratch = Files.createTempDirectory("headroom-cds");
            List<String> cmd = new ArrayList<>(launch(scratch));
            cmd.add(1, "-XX:ArchiveClassesAtExit=" + dataDir.resolve(ARCHIVE));
            DataDirectory.ensurePrivateDirectory(dataDir);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().write(SAMPLE.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            try (var files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(scratch);
            return done && p.exitValue() == 0 && Files.isRegularFile(dataDir.resolve(ARCHIVE));
        } catch (IOException | InterruptedException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> launch(Path dataDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(StatusLineMain.class.getName());
        cmd.add("--data");
        cmd.add(dataDir.toAbsolutePath().toString());
        return cmd;
    }

    private static String classPath() {
        try {
            Path self = Path.of(StatusLineMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(self) ? self.toString() : System.getProperty("java.class.path");
        } catch (URISyntaxException | RuntimeException e) {
            return System.getProperty("java.class.path");
        }
    }

    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return s;
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        return windows ? "\"" + s.replace("\"", "\\\"") + "\"" : "'" + s.replace("'", "'\\''") + "'";
    }
}
