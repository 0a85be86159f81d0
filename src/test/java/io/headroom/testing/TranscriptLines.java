package io.headroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Assistant lines in Claude Code's transcript format, appended the way Claude Code appends them. */
public final class TranscriptLines {

    private TranscriptLines() {
    }

    /** One assistant message with {@code input} input and {@code output} output tokens (no cache). */
    public static String assistant(String messageId, String timestamp, long input, long output) {
        return "{\"parentUuid\":null,\"isSidechain\":false,\"message\":{\"id\":\"" + messageId
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"x\"}],\"usage\":{\"input_tokens\":" + input
                + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":" + output
                + "}},\"requestId\":\"req-" + messageId + "\",\"type\":\"assistant\",\"uuid\":\"u-" + messageId
                + "\",\"timestamp\":\"" + timestamp + "\",\"cwd\":\"/p\",\"sessionId\":\"s-" + messageId + "\"}\n";
    }

    public static void append(Path file, String lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
