package io.headroom.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a synthetic Claude Code corpus in the real transcript schema, shaped like the real-world
 * profile in the reference (file sizes p50 ~105 KB, p99 ~5 MB; one response written as several
 * content-block lines; tool results and file snapshots carrying most of the bytes), with streaming
 * snapshot copies, subagent sidechains, progress lines, API errors and usage-limit lines.
 *
 * <pre>
 * CorpusGenerator OUT_DIR MEGABYTES [SEED] [--single-file MEGABYTES] [--append MEGABYTES]
 * </pre>
 * {@code --single-file} writes one session of that size instead; {@code --append} appends about
 * that many bytes of new turns to the largest existing session of OUT_DIR.
 */
public final class CorpusGenerator {

    private static final String[] MODELS = {"claude-opus-4-8", "claude-sonnet-4-6", "claude-haiku-4-5-20251001",
        "claude-opus-4-8", "claude-sonnet-4-5-20250929"};

    private final Random random;
    private long clock = Instant.parse("2026-09-01T08:00:00Z").toEpochMilli();
    private long requestCounter;

    CorpusGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CorpusGenerator OUT_DIR MEGABYTES [SEED] [--single-file MB] [--append MB]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long megabytes = Long.parseLong(args[1]);
        long seed = args.length > 2 && !args[2].startsWith("--") ? Long.parseLong(args[2]) : 42;
        CorpusGenerator g = new CorpusGenerator(seed);
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--single-file")) {
                long mb = Long.parseLong(args[++i]);
                g.session(out.resolve("projects").resolve("-home-dev-huge"), UUID.randomUUID().toString(), mb << 20, false);
                return;
            }
            if (args[i].equals("--append")) {
                g.appendTo(out, Long.parseLong(args[++i]) << 20);
                return;
            }
        }
        long written = g.corpus(out, megabytes << 20);
        System.out.printf("wrote %,d bytes to %s%n", written, out);
    }

    long corpus(Path out, long targetBytes) throws IOException {
        long written = 0;
        int project = 0;
        while (written < targetBytes) {
            Path dir = out.resolve("projects").resolve("-home-dev-project-" + project++);
            int sessions = 1 + random.nextInt(12);
            for (int s = 0; s < sessions && written < targetBytes; s++) {
                long size = Math.min(fileSize(), targetBytes - written + 1024);
                String sessionId = new UUID(random.nextLong(), random.nextLong()).toString();
                written += session(dir, sessionId, size, random.nextInt(5) == 0);
            }
        }
        return written;
    }

    /** Log-normal sizes: median ~105 KB, a long tail to tens of MB. */
    private long fileSize() {
        double v = Math.exp(Math.log(105_000) + 1.25 * random.nextGaussian());
        return (long) Math.max(300, Math.min(v, 40_000_000));
    }

    long session(Path dir, String sessionId, long targetBytes, boolean withSubagent) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(sessionId + ".jsonl");
        long n = writeTurns(file, sessionId, targetBytes, false);
        if (withSubagent) {
            Path sub = dir.resolve(sessionId).resolve("subagents").resolve("agent-" + Long.toHexString(random.nextLong()) + ".jsonl");
            Files.createDirectories(sub.getParent());
            n += writeTurns(sub, sessionId, Math.max(2_000, targetBytes / 4), true);
        }
        return n;
    }

    void appendTo(Path out, long bytes) throws IOException {
        Path largest;
        try (var files = Files.walk(out.resolve("projects"))) {
            largest = files.filter(p -> p.toString().endsWith(".jsonl") && !p.toString().contains("subagents"))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        String sessionId = largest.getFileName().toString().replace(".jsonl", "");
        clock = Instant.parse("2026-11-20T08:00:00Z").toEpochMilli();
        writeTurns(largest, sessionId, bytes, false);
        System.out.printf("appended ~%,d bytes to %s%n", bytes, largest);
    }

    private long writeTurns(Path file, String sessionId, long targetBytes, boolean sidechain) throws IOException {
        long written = 0;
        String cwd = "/home/dev/" + file.getParent().getFileName();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            String parent = null;
            while (written < targetBytes) {
                clock += 5_000 + random.nextInt(120_000);
                String prompt = uuid();
                written += line(w, "{\"parentUuid\":" + q(parent) + ",\"isSidechain\":" + sidechain
                        + ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"" + words(8 + random.nextInt(60))
                        + "\"},\"uuid\":\"" + prompt + "\",\"timestamp\":\"" + ts() + "\",\"userType\":\"external\","
                        + "\"cwd\":\"" + cwd + "\",\"sessionId\":\"" + sessionId + "\",\"version\":\"2.1.197\"}");
                parent = prompt;
                int calls = 1 + random.nextInt(4);
                for (int c = 0; c < calls && written < targetBytes; c++) {
                    written += response(w, sessionId, cwd, sidechain, parent);
                    if (random.nextInt(3) == 0) {
                        written += line(w, "{\"parentUuid\":\"" + parent + "\",\"isSidechain\":" + sidechain
                                + ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_"
                                + Long.toHexString(random.nextLong()) + "\",\"type\":\"tool_result\",\"content\":\""
                                + words(200 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 1_500))
                                + "\"}]},\"uuid\":\"" + uuid() + "\",\"timestamp\":\"" + ts() + "\",\"cwd\":\"" + cwd
                                + "\",\"sessionId\":\"" + sessionId + "\"}");
                    }
                }
                int roll = random.nextInt(100);
                if (roll < 4) {
                    written += line(w, "{\"type\":\"file-history-snapshot\",\"messageId\":\"" + uuid()
                            + "\",\"snapshot\":{\"trackedFileBackups\":{\"src/Main.java\":{\"backupFileName\":\""
                            + words(2_000 + random.nextInt(30_000)) + "\"}}},\"isSnapshotUpdate\":false}");
                } else if (roll < 6) {
                    written += error(w, sessionId, cwd, parent);
                } else if (roll < 7) {
                    written += line(w, "{\"type\":\"progress\",\"uuid\":\"" + uuid() + "\",\"timestamp\":\"" + ts()
                            + "\",\"sessionId\":\"" + sessionId + "\",\"cwd\":\"" + cwd + "\",\"data\":{\"type\":"
                            + "\"agent_progress\",\"message\":" + assistantLine(sessionId, cwd, true, null,
                            "msg_p" + (++requestCounter), "req_p" + requestCounter, MODELS[2], 1200, 40, "text") + "}}");
                } else if (roll < 9) {
                    written += line(w, "{\"type\":\"system\",\"subtype\":\"turn_duration\",\"durationMs\":"
                            + random.nextInt(90_000) + ",\"uuid\":\"" + uuid() + "\",\"timestamp\":\"" + ts() + "\"}");
                }
            }
        }
        return written;
    }

    /** One API response: thinking, text and tool_use lines sharing ids and usage; sometimes streaming snapshots. */
    private long response(BufferedWriter w, String sessionId, String cwd, boolean sidechain, String parent)
            throws IOException {
        long n = 0;
        String messageId = "msg_" + Long.toHexString(random.nextLong()) + (++requestCounter);
        String requestId = "req_" + Long.toHexString(random.nextLong()) + requestCounter;
        String model = MODELS[random.nextInt(MODELS.length)];
        int output = 20 + random.nextInt(3_000);
        if (random.nextInt(10) == 0) {
            // An older Claude Code's streaming snapshot: a smaller copy first.
            n += line(w, assistantLine(sessionId, cwd, sidechain, parent, messageId, requestId, model, 1, 1, "thinking"));
        }
        String[] blocks = random.nextInt(3) == 0 ? new String[] {"thinking", "text", "tool_use"}
                : new String[] {"thinking", "text"};
        for (String block : blocks) {
            n += line(w, assistantLine(sessionId, cwd, sidechain, parent, messageId, requestId, model,
                    output, 200 + random.nextInt(180_000), block));
        }
        return n;
    }

    private String assistantLine(String sessionId, String cwd, boolean sidechain, String parent, String messageId,
            String requestId, String model, int output, int cacheRead, String block) {
        String content = switch (block) {
            case "thinking" -> "{\"type\":\"thinking\",\"thinking\":\"" + words(20 + random.nextInt(300))
                    + "\",\"signature\":\"" + Long.toHexString(random.nextLong()) + "\"}";
            case "tool_use" -> "{\"type\":\"tool_use\",\"id\":\"toolu_" + Long.toHexString(random.nextLong())
                    + "\",\"name\":\"Edit\",\"input\":{\"file_path\":\"/src/A.java\",\"old_string\":\""
                    + words(20 + random.nextInt(400)) + "\",\"new_string\":\"" + words(20 + random.nextInt(400)) + "\"}}";
            default -> "{\"type\":\"text\",\"text\":\"" + words(10 + random.nextInt(200)) + "\"}";
        };
        int input = 1 + random.nextInt(20);
        int write = random.nextInt(8_000);
        boolean hour = random.nextInt(8) == 0;
        return "{\"parentUuid\":" + q(parent) + ",\"isSidechain\":" + sidechain + ",\"message\":{\"id\":\"" + messageId
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[" + content
                + "],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + input
                + ",\"cache_creation_input_tokens\":" + write + ",\"cache_read_input_tokens\":" + cacheRead
                + ",\"output_tokens\":" + output + ",\"server_tool_use\":{\"web_search_requests\":0,"
                + "\"web_fetch_requests\":0},\"service_tier\":\"standard\",\"cache_creation\":{"
                + "\"ephemeral_1h_input_tokens\":" + (hour ? write : 0) + ",\"ephemeral_5m_input_tokens\":"
                + (hour ? 0 : write) + "},\"inference_geo\":\"\",\"iterations\":[],\"speed\":\"standard\"}},"
                + "\"requestId\":\"" + requestId + "\",\"type\":\"assistant\",\"uuid\":\"" + uuid()
                + "\",\"timestamp\":\"" + ts() + "\",\"userType\":\"external\",\"entrypoint\":\"cli\",\"cwd\":\"" + cwd
                + "\",\"sessionId\":\"" + sessionId + "\",\"version\":\"2.1.197\",\"gitBranch\":\"main\"}";
    }

    private long error(BufferedWriter w, String sessionId, String cwd, String parent) throws IOException {
        String[][] kinds = {
            {"rate_limit", "429", "You've hit your session limit \u00b7 resets 6:42pm (UTC)"},
            {"rate_limit", "429", "API Error: Request rejected (429) \u00b7 This request would exceed the rate limit"},
            {"server_error", "529", "API Error: 529 Overloaded. This is a server-side issue, usually temporary."},
            {"rate_limit", "429", "Claude AI usage limit reached|" + (clock / 1000 + 3_600)},
        };
        String[] k = kinds[random.nextInt(kinds.length)];
        return line(w, "{\"parentUuid\":" + q(parent) + ",\"isSidechain\":false,\"type\":\"assistant\",\"uuid\":\""
                + uuid() + "\",\"timestamp\":\"" + ts() + "\",\"message\":{\"id\":\"" + uuid() + "\",\"model\":"
                + "\"<synthetic>\",\"role\":\"assistant\",\"stop_reason\":\"stop_sequence\",\"type\":\"message\","
                + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"service_tier\":null,\"speed\":null},\"content\":[{\"type\":\"text\","
                + "\"text\":\"" + k[2] + "\"}]},\"requestId\":\"req_e" + (++requestCounter) + "\",\"error\":\"" + k[0]
                + "\",\"isApiErrorMessage\":true,\"apiErrorStatus\":" + k[1] + ",\"cwd\":\"" + cwd
                + "\",\"sessionId\":\"" + sessionId + "\"}");
    }

    private static long line(BufferedWriter w, String json) throws IOException {
        w.write(json);
        w.write('\n');
        return json.length() + 1L;
    }

    private String ts() {
        return Instant.ofEpochMilli(clock += random.nextInt(4_000)).toString().replaceFirst("Z$", "")
                .replaceFirst("(\\.\\d{3})?$", "") + "." + String.format("%03d", clock % 1000) + "Z";
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are from or an at "
            + "function class return value error test file import public private static void string int map list "
            + "claude code usage limit window token cache read write session project model").split(" ");

    private String words(int n) {
        StringBuilder b = new StringBuilder(n * 6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(random.nextInt(12) == 0 ? "\\n" : " ");
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }
}
