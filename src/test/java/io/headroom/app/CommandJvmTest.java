package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandJvmTest {

    @TempDir
    Path tmp;

    private Optional<CommandJvm.Plan> plan(Map<String, String> env, List<String> jvm, String... args) {
        return CommandJvm.plan(args, () -> jvm, env, Path.of("/jdk/bin/java"), tmp.resolve("cache"));
    }

    private Path jar() throws Exception {
        Path jar = tmp.resolve("headroom.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "not read by the plan");
        }
        return jar;
    }

    @Test
    void aPlainJavaJarCommandRunsAgainWithTheCommandLinesOptionsAndWritesItsClassArchive() throws Exception {
        String jar = jar().toString();
        CommandJvm.Plan p = plan(Map.of(), List.of("-jar", jar, "--db", "x.db", "daily", "--json"),
                "--db", "x.db", "daily", "--json").orElseThrow();

        Path fresh = tmp.resolve("cache").resolve("cli-daily.jsa." + ProcessHandle.current().pid());
        List<String> expected = new ArrayList<>(List.of("/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmn48m", "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=off",
                "-XX:ArchiveClassesAtExit=" + fresh, "-jar", jar, "--db", "x.db", "daily", "--json"));
        assertThat(p.command()).containsExactlyElementsOf(expected);
        assertThat(p.fresh()).isEqualTo(fresh);
        assertThat(p.archive()).isEqualTo(tmp.resolve("cache").resolve("cli-daily.jsa"));
    }

    @Test
    void anArchiveNewerThanTheJarIsUsedAndAnOlderOneWrittenAgain() throws Exception {
        Path jar = jar();
        Path archive = tmp.resolve("cache").resolve("cli-weekly.jsa");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(2_000_000));
        CommandJvm.Plan newer = plan(Map.of(), List.of("-jar", jar.toString(), "weekly"), "weekly").orElseThrow();
        assertThat(newer.command()).contains("-XX:SharedArchiveFile=" + archive).noneMatch(a -> a.contains("AtExit"));
        assertThat(newer.fresh()).isNull();

        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000));
        CommandJvm.Plan older = plan(Map.of(), List.of("-jar", jar.toString(), "weekly"), "weekly").orElseThrow();
        assertThat(older.command()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
        assertThat(older.fresh()).isNotNull();
    }

    @Test
    void theUsersOwnJvmSettingsLongRunningCommandsAndTheHookAreLeftAlone() throws Exception {
        String jar = jar().toString();
        List<String> plain = List.of("-jar", jar, "daily");
        assertThat(plan(Map.of(), plain, "daily")).isPresent();
        assertThat(plan(Map.of(), List.of("-Xmx2g", "-jar", jar, "daily"), "daily")).isEmpty();
        assertThat(plan(Map.of(), List.of("-cp", jar, "io.headroom.app.Launcher", "daily"), "daily")).isEmpty();
        assertThat(plan(Map.of("JDK_JAVA_OPTIONS", "-Xmx2g"), plain, "daily")).isEmpty();
        assertThat(plan(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC"), plain, "daily")).isEmpty();
        assertThat(plan(Map.of("JDK_JAVA_OPTIONS", " "), plain, "daily")).isPresent();
        assertThat(plan(Map.of("HEADROOM_RELAUNCH", "0"), plain, "daily")).isEmpty();
        for (String longRunning : List.of("proxy", "serve", "statusline")) {
            assertThat(plan(Map.of(), List.of("-jar", jar, longRunning), longRunning)).as(longRunning).isEmpty();
        }
        assertThat(plan(Map.of(), List.of("-jar", jar, "--version"), "--version")).isEmpty();
        assertThat(plan(Map.of(), List.of("-jar", tmp.resolve("gone.jar").toString(), "daily"), "daily")).isEmpty();
        // The window's arguments never reach here (no arguments opens it), and its launchers set their own options.
        assertThat(plan(Map.of(), List.of("-jar", jar))).isEmpty();
    }

    @Test
    void theCommandIsFoundAsBinHeadroomFindsIt() {
        assertThat(CommandJvm.command(new String[] {"--db", "daily.db", "daily", "--json"})).isEqualTo("daily");
        assertThat(CommandJvm.command(new String[] {"-q", "report", "--out", "x"})).isEqualTo("report");
        assertThat(CommandJvm.command(new String[] {"--db", "x.db"})).isNull();
        // Only letters and '-' reach the archive's file name.
        assertThat(CommandJvm.command(new String[] {"../../etc"})).isEqualTo("etc");
        assertThat(CommandJvm.command(new String[] {"../"})).isNull();
    }

    /** bin/headroom and the installers pass the same options: one list, checked here, not three to keep in step by eye. */
    @Test
    void binHeadroomAndTheInstallersPassTheSameOptions() throws Exception {
        String packageJava = Files.readString(Path.of("installer", "Package.java"));
        Matcher m = Pattern.compile("CLI_OPTIONS = ((?:\"[^\"]*\"\\s*\\+?\\s*)+);").matcher(packageJava);
        assertThat(m.find()).isTrue();
        String installer = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1)).results().map(r -> r.group(1))
                .collect(Collectors.joining()).trim();
        assertThat(installer).isEqualTo(String.join(" ", CommandJvm.OPTIONS));

        String script = Files.readString(Path.of("bin", "headroom")).replaceAll("\\\\\\n\\s*", "");
        assertThat(script).contains("\"$java\" " + String.join(" ", CommandJvm.OPTIONS) + " \"$cds\" -jar \"$jar\" \"$@\"");
        // The window's line: the installed window launcher's options, as the benches read them.
        Matcher gui = Pattern.compile("GUI_OPTIONS = \"([^\"]*)\";").matcher(packageJava);
        assertThat(gui.find()).isTrue();
        assertThat(script).contains("\"$java\" " + gui.group(1) + " -Xlog:disable -Xlog:all=off \"$cds\" -jar \"$jar\"\n");
    }

    /** The window's environment: the menu entry, the login entry and bin/headroom set the one Package.java names. */
    @Test
    void theWindowsLaunchersSetTheSameEnvironment() throws Exception {
        Matcher m = Pattern.compile("GUI_ENVIRONMENT = \"([^\"]*)\";").matcher(Files.readString(Path.of("installer", "Package.java")));
        assertThat(m.find()).isTrue();
        String environment = m.group(1);
        assertThat(environment).isEqualTo(io.headroom.service.Autostart.WINDOW_ENVIRONMENT).isEqualTo("GDK_GL=disable");
        assertThat(Files.readString(Path.of("installer", "linux", "Headroom.desktop")))
                .contains("\nExec=env " + environment + " APPLICATION_LAUNCHER\n");
        String[] variable = environment.split("=", 2);
        assertThat(Files.readString(Path.of("bin", "headroom")))
                .contains(variable[0] + "=${" + variable[0] + "-" + variable[1] + "} \"$java\" -XX:");
    }

    /**
     * The real thing: {@code java -jar} on a jar whose manifest names this build's classes starts the
     * command in a second JVM, which writes the command's class archive (only a JVM started with the
     * options does), passes the output through and exits with the command's status.
     */
    @Test
    void javaJarRunsTheCommandInItsOwnJvmAndPassesOutputAndStatusThrough() throws Exception {
        Path jar = tmp.resolve("launch").resolve("headroom.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Launcher.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(System.getProperty("java.class.path"))
                        .map(e -> Path.of(e).toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        Path data = tmp.resolve("data");
        Run ok = java(data, Map.of(), "-jar", jar.toString(), "--db", tmp.resolve("h.db").toString(), "daily", "--json",
                "--no-import");
        assertThat(ok.status).as(ok.err).isZero();
        assertThat(ok.out).contains("\"daily\" : [ ]");
        assertThat(data.resolve("cache").resolve("cli-daily.jsa")).isRegularFile();
        try (var left = Files.list(data.resolve("cache"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("cli-daily.jsa");
        }

        Run bad = java(data, Map.of(), "-jar", jar.toString(), "--db", tmp.resolve("h.db").toString(), "weekly",
                "--since", "garbage", "--no-import");
        assertThat(bad.status).isEqualTo(1);
        assertThat(bad.err).contains("--since \"garbage\" is not a date").doesNotContain("Exception");
        assertThat(data.resolve("cache").resolve("cli-weekly.jsa")).isRegularFile();

        Run off = java(data, Map.of("HEADROOM_RELAUNCH", "0"), "-jar", jar.toString(), "--db",
                tmp.resolve("h.db").toString(), "monthly", "--json", "--no-import");
        assertThat(off.status).as(off.err).isZero();
        assertThat(data.resolve("cache").resolve("cli-monthly.jsa")).doesNotExist();
    }

    private record Run(int status, String out, String err) {
    }

    private Run java(Path data, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().put("HEADROOM_HOME", data.toString());
        pb.environment().put("HOME", tmp.toString());
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
