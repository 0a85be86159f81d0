package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Project paths and model names come from transcripts anyone can write; printed raw, an escape
 * sequence in them clears the user's screen or plants an OSC-8 link. Every command's output is
 * stripped of control characters, whatever command prints it.
 */
class TerminalEscapesTest {

    /** Clear screen, an OSC-8 hyperlink, a bell, a C1 CSI and a right-to-left override. */
    private static final String HOSTILE = "\u001b[2J\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u009b31m\u202e";

    @TempDir
    Path tmp;

    @Test
    void sessionDailyAndTheUnknownPriceWarningPrintNoControlCharacters() throws Exception {
        Path claude = tmp.resolve("claude");
        String cwd = "/home/dev/proj" + HOSTILE;
        String model = "claude-made-up" + HOSTILE;
        String line = "{\"parentUuid\":null,\"isSidechain\":false,\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":" + json(model) + ",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                + "\"usage\":{\"input_tokens\":120,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":30}},\"requestId\":\"req_1\",\"type\":\"assistant\",\"uuid\":\"u-1\","
                + "\"timestamp\":\"2026-11-27T17:41:51.790Z\",\"cwd\":" + json(cwd) + ",\"sessionId\":\"s1\"}\n";
        Path file = claude.resolve("projects").resolve("-home-dev-proj").resolve("s1.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line, StandardCharsets.UTF_8);

        for (String[] args : new String[][] {
            {"session", "-z", "UTC", "--claude-dir", claude.toString()},
            {"daily", "--breakdown", "-z", "UTC", "--claude-dir", claude.toString()},
            {"import", "--claude-dir", claude.toString()},
        }) {
            String[] result = run(args);
            String printed = result[0] + result[1];
            assertThat(printed).as("%s printed something", args[0]).contains("claude-made-up");
            assertThat(printed.chars().filter(TerminalEscapesTest::isControl).mapToObj(c -> String.format("U+%04X", c)))
                    .as("control characters printed by %s:%n%s", args[0], printed)
                    .isEmpty();
        }
        String[] session = run("session", "-z", "UTC", "--no-import");
        // What is left of the name is still recognisable: only the control characters go.
        assertThat(session[0]).contains("[2J]8;;https://evil.example/click]8;;31m");
    }

    @Test
    void theFilterKeepsNewlinesTabsAndPlainText() {
        StringWriter sink = new StringWriter();
        PrintWriter out = TerminalText.safe(new PrintWriter(sink));
        out.print("a\tb\r\nc\u001bd\re\u0000f\u0085g\u200fh \u00e9\u4e2d\ud83d\ude00\n");
        out.flush();

        assertThat(sink.toString()).isEqualTo("a\tb\r\ncdef" + "gh \u00e9\u4e2d\ud83d\ude00\n");
        assertThat(TerminalText.strip("x\u001b[31my\u202ez\r")).isEqualTo("x[31myz");
    }

    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x061c || c == 0x200e || c == 0x200f;
    }

    private static String json(String s) throws Exception {
        return io.headroom.config.Json.mapper().writeValueAsString(s);
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        HeadroomCommand root = new HeadroomCommand(db -> new Workspace(new DataDirectory(tmp.resolve("data")), db,
                Map.of(), tmp.resolve("home")));
        HeadroomCommand.execute(root, cli -> {
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
        }, args);
        return new String[] {out.toString(), err.toString()};
    }
}
