package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.service.Workspace;
import io.headroom.sources.claudeai.ClaudeAiSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claude.ai key set from the command line through standard input, never an argument. */
class ClaudeAiSettingsCommandTest {

    private static final String KEY = "sk-ant-sid01-Hn4kP9wQ2zL7vB1xM6cR3tY8uJ5eA0sD-fG_hK2lZ9xC4-CCC";

    @TempDir
    Path dir;

    private static CliHarness.Run withStdin(String text, CliHarness cli, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return cli.run(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void theKeyComesFromStandardInputAndTheSourceIsOn() throws Exception {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Run r = withStdin(KEY + "\n", cli, "settings", "--claude-ai-session-key", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("claude.ai:    on, key kept in a private file (")
                .contains("warning: No system secret store was found").doesNotContain(KEY);
        try (Workspace ws = cli.workspace()) {
            assertThat(ws.claudeAi().settings().enabled()).isTrue();
            assertThat(ws.secrets().get(ClaudeAiSource.KEY_NAME)).contains(KEY);
        }
        try (var files = Files.walk(dir.resolve("data"))) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList()).containsExactly(dir.resolve("data").resolve("secrets").resolve("claude_ai_session_key"));
        }

        CliHarness.Run off = cli.run("settings", "--claude-ai", "off");
        assertThat(off.exit()).isZero();
        assertThat(off.out()).contains("claude.ai:    off");
        try (Workspace ws = cli.workspace()) {
            assertThat(ws.claudeAi().settings().enabled()).isFalse();
            assertThat(ws.secrets().get(ClaudeAiSource.KEY_NAME)).isEmpty();
        }
    }

    @Test
    void aKeyOnTheCommandLineIsRefusedWithoutAStackTrace() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Run r = cli.run("settings", "--claude-ai-session-key", KEY);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--claude-ai-session-key takes -").doesNotContain("Exception")
                .doesNotContain("\tat ").doesNotContain(KEY);
    }

    @Test
    void turningOnWithoutAKeySaysHowToSaveOne() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Run r = cli.run("settings", "--claude-ai", "on");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("No claude.ai session key is saved yet: headroom settings --claude-ai-session-key -");
    }
}
