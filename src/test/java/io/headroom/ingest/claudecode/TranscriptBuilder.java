package io.headroom.ingest.claudecode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes transcript lines in Claude Code's format for tests that need shapes the fixtures lack. */
final class TranscriptBuilder {

    private final StringBuilder out = new StringBuilder();
    private int n;

    TranscriptBuilder assistant(String messageId, String requestId, String model, long in, long out, long w5m, long w1h,
            long read, boolean sidechain, String timestamp) {
        n++;
        this.out.append("{\"parentUuid\":null,\"isSidechain\":").append(sidechain)
                .append(",\"message\":{\"id\":\"").append(messageId).append("\",\"type\":\"message\",\"role\":\"assistant\",")
                .append("\"model\":\"").append(model).append("\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],")
                .append("\"usage\":{\"input_tokens\":").append(in).append(",\"cache_creation_input_tokens\":").append(w5m + w1h)
                .append(",\"cache_read_input_tokens\":").append(read).append(",\"output_tokens\":").append(out)
                .append(",\"cache_creation\":{\"ephemeral_1h_input_tokens\":").append(w1h)
                .append(",\"ephemeral_5m_input_tokens\":").append(w5m).append("},\"speed\":\"standard\"}},")
                .append("\"requestId\":\"").append(requestId).append("\",\"type\":\"assistant\",\"uuid\":\"u-")
                .append(messageId).append('-').append(n).append("\",\"timestamp\":\"").append(timestamp)
                .append("\",\"cwd\":\"/p\",\"sessionId\":\"s1\"}\n");
        return this;
    }

    TranscriptBuilder raw(String line) {
        out.append(line).append('\n');
        return this;
    }

    TranscriptBuilder rawBytes(byte[] line) {
        out.append(new String(line, StandardCharsets.ISO_8859_1)).append('\n');
        return this;
    }

    String text() {
        return out.toString();
    }

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For lines that must contain bytes that are not UTF-8. */
    void writeLatin1To(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
