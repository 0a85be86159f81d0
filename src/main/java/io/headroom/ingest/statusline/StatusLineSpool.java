package io.headroom.ingest.statusline;

import io.headroom.config.DataDirectory;
import io.headroom.config.PrivateFiles;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The hand-over between the statusLine hook and the store. The hook only appends one short JSON
 * line per sample to {@code statusline-spool.jsonl} (no SQLite, so no lock and no native library
 * on Claude Code's critical path); the service drains the spool into {@code utilization_sample}
 * before it reads. Draining renames the spool first; a renamed file is re-read until it is old
 * enough that no hook can still be appending to it, and dedup keys make re-reading harmless.
 */
public final class StatusLineSpool {

    public static final String SPOOL = "statusline-spool.jsonl";
    public static final String TODAY = "statusline-today.json";
    static final String DRAINING = "statusline-spool.draining-";
    static final Duration SETTLED = Duration.ofSeconds(10);

    private StatusLineSpool() {
    }

    public static void append(Path dataDir, List<UtilizationSample> samples) throws IOException {
        if (samples.isEmpty()) {
            return;
        }
        // No string concatenation here: this runs in the statusLine hook's cold JVM.
        StringBuilder b = new StringBuilder();
        for (UtilizationSample s : samples) {
            b.append("{\"k\":");
            quote(b, s.dedupKey());
            b.append(",\"w\":");
            quote(b, s.window().code());
            b.append(",\"p\":").append(s.usedPercent()).append(",\"r\":");
            if (s.resetsAt() == null) {
                b.append("null");
            } else {
                b.append(s.resetsAt().toEpochMilli());
            }
            b.append(",\"t\":").append(s.observedAt().toEpochMilli()).append(",\"s\":");
            quote(b, s.sessionId());
            b.append(",\"m\":");
            quote(b, s.model());
            b.append("}\n");
        }
        DataDirectory.ensurePrivateDirectory(dataDir);
        Path spool = dataDir.resolve(SPOOL);
        PrivateFiles.createIfMissing(spool);
        Files.write(spool, b.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }

    /** Moves spooled samples to {@code sink} (which must write them durably); returns how many were read. */
    public static int drain(Path dataDir, Instant now, Consumer<List<UtilizationSample>> sink) throws IOException {
        Path spool = dataDir.resolve(SPOOL);
        if (Files.isRegularFile(spool) && Files.size(spool) > 0) {
            Files.move(spool, dataDir.resolve(DRAINING + System.nanoTime()), StandardCopyOption.ATOMIC_MOVE);
        }
        if (!Files.isDirectory(dataDir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, DRAINING + "*")) {
            for (Path f : files) {
                List<UtilizationSample> samples = read(f);
                sink.accept(samples);
                n += samples.size();
                if (Files.getLastModifiedTime(f).toInstant().isBefore(now.minus(SETTLED))) {
                    Files.deleteIfExists(f);
                }
            }
        }
        return n;
    }

    static List<UtilizationSample> read(Path f) throws IOException {
        List<UtilizationSample> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            try {
                Object o = MiniJson.parse(line);
                Double r = MiniJson.number(o, "r");
                out.add(new UtilizationSample(MiniJson.string(o, "k"), UsageSource.STATUSLINE, Provenance.OFFICIAL,
                        Instant.ofEpochMilli(MiniJson.number(o, "t").longValue()),
                        LimitWindow.fromCode(MiniJson.string(o, "w")), MiniJson.number(o, "p"),
                        r == null ? null : Instant.ofEpochMilli(r.longValue()), null, MiniJson.string(o, "s"),
                        MiniJson.string(o, "m")));
            } catch (RuntimeException e) {
                // A torn or foreign line: skip it, keep the rest.
            }
        }
        return out;
    }

    /** Remembers today's cost for the hook, which does not open the database. */
    public static void writeToday(Path dataDir, LocalDate day, double costUsd) throws IOException {
        PrivateFiles.writeAtomically(dataDir.resolve(TODAY),
                String.format(Locale.ROOT, "{\"date\":\"%s\",\"costUsd\":%.4f}%n", day, costUsd));
    }

    /** Today's cost as last written, or null if it was written on another day or not at all. */
    static Double today(Path dataDir, LocalDate day) {
        try {
            Path f = dataDir.resolve(TODAY);
            if (!Files.isRegularFile(f)) {
                return null;
            }
            Object o = MiniJson.parse(Files.readString(f));
            return day.toString().equals(MiniJson.string(o, "date")) ? MiniJson.number(o, "costUsd") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void quote(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
