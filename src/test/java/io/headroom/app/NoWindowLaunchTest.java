package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher, started bare in a child JVM the way README's first command starts it, where no window can open. */
@EnabledOnOs(OS.LINUX)
class NoWindowLaunchTest {

    @TempDir
    Path home;

    @Test
    void withoutAnyDisplayItSaysSoInOneLineAndExitsNonZero() throws Exception {
        Result r = launch(Map.of());
        assertThat(r.stderr).isEqualTo(NoWindowNotice.NO_DISPLAY + System.lineSeparator());
        assertThat(r.stdout).isEmpty();
        assertThat(r.exitCode).isEqualTo(NoWindowNotice.EXIT_CODE);
    }

    @Test
    void aDisplayNobodyServesIsNamedWithoutAStackTrace() throws Exception {
        // JavaFX itself finds this one out, so it starts and fails inside the child
        Result r = launch(Map.of("DISPLAY", ":4711"));
        assertThat(r.stderr).isEqualTo("headroom: no window can open here: the display :4711 does not answer"
                + " (is the X server running, and may this user reach it?); the commands all work without one"
                + " (headroom --help)" + System.lineSeparator());
        assertThat(r.stderr).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.exitCode).isEqualTo(NoWindowNotice.EXIT_CODE);
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result launch(Map<String, String> display) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true", Launcher.class.getName()));
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().putAll(display);
        pb.environment().put("HEADROOM_HOME", home.resolve("data").toString());
        pb.environment().put("HOME", home.toString());
        pb.directory(home.toFile());
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not exit; stderr: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
