package io.headroom.ingest.claudecode;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.PromptEvent;
import io.headroom.domain.UsageEvent;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import io.headroom.store.FileState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one transcript from a byte offset to its last complete line, in fixed memory: lines are
 * cut from a reused buffer, and a line longer than the buffer is parsed straight from the file.
 * A last line without its newline is being written and is left for the next run. Events go out
 * in batches that carry the offset reached, so a crash never loses or repeats a line.
 */
final class TranscriptReader {

    static final int BUFFER_BYTES = 4 << 20;
    static final int EVENTS_PER_BATCH = 4096;
    /** Offsets are also saved after this many bytes without events, so huge snapshot-only files resume. */
    static final long BYTES_PER_BATCH = 64L << 20;

    /** Receives batches; tells the reader to stop early (cancel, or a simulated crash in tests). */
    interface Sink {
        void accept(EventBatch batch);

        boolean stopRequested();
    }

    private final LineParser parser = new LineParser();
    private final ParsedLine line = new ParsedLine();
    private final byte[] buf = new byte[BUFFER_BYTES];
    private final LineInterpreter interpreter;

    TranscriptReader(LineInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** Reads {@code file} from {@code start}; {@code base} is what the file's state recorded before. */
    LineCounts read(TranscriptFile file, long start, FileState base, Sink sink) throws IOException {
        Run run = new Run(file, base, sink, start == 0);
        run.committed = start;
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            ch.position(start);
            long pos = start;
            int filled = 0;
            int lineStart = 0;
            while (!sink.stopRequested()) {
                int n = ch.read(ByteBuffer.wrap(buf, filled, buf.length - filled));
                if (n < 0) {
                    break;
                }
                filled += n;
                run.noteHead(buf, filled);
                for (int i = run.handleNext(buf, lineStart, filled); i >= 0; i = run.handleNext(buf, lineStart, filled)) {
                    lineStart = i + 1;
                    run.committed = pos + lineStart;
                    run.maybeFlush();
                    if (sink.stopRequested()) {
                        return run.counts;
                    }
                }
                if (lineStart == 0 && filled == buf.length) {
                    long end = findNewline(ch, pos + filled);
                    if (end < 0) {
                        break;
                    }
                    run.handleStreamed(ch, pos, end);
                    pos = end + 1;
                    run.committed = pos;
                    run.maybeFlush();
                    filled = 0;
                    ch.position(pos);
                    continue;
                }
                System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
                pos += lineStart;
                filled -= lineStart;
                lineStart = 0;
            }
        }
        if (!sink.stopRequested()) {
            run.noteHead(buf, 0); // an empty file: nothing was read
            run.flush();
        }
        return run.counts;
    }

    /**
     * Index of the next '\n' in [from, to), or -1. A small method of its own so the JIT compiles
     * this hot loop early and on its own, instead of within the big read loop.
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Position of the next '\n' at or after {@code from}, or -1 at end of file. */
    private long findNewline(FileChannel ch, long from) throws IOException {
        ByteBuffer scan = ByteBuffer.allocate(1 << 16);
        long at = from;
        while (true) {
            scan.clear();
            int n = ch.read(scan, at);
            if (n < 0) {
                return -1;
            }
            byte[] a = scan.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    return at + i;
                }
            }
            at += n;
        }
    }

    /** An API error line whose text was skipped (the parser learns it is an error only after the content). */
    private static boolean needsErrorText(ParsedLine l) {
        return l.problem == null && l.apiError && l.firstText == null;
    }

    /** State of one file's read. */
    private final class Run {
        final TranscriptFile file;
        final FileState base;
        final Sink sink;
        final boolean fromStart;
        final LineCounts counts = new LineCounts();
        Map<String, UsageEvent> usage = new LinkedHashMap<>();
        List<ErrorEvent> errors = new ArrayList<>();
        List<PromptEvent> prompts = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        long committed;
        long flushedAt;
        String lastCwd;
        String lastUsageUuid;
        String lastUsageKey;
        /**
         * The recorded one, or (read from the start) hashed from the first buffer: no second read of
         * each new file. An append to a file recorded without one (an older store) leaves it unknown:
         * its first buffer is not the file's head.
         */
        String headHash;

        Run(TranscriptFile file, FileState base, Sink sink, boolean fromStart) {
            this.file = file;
            this.base = base;
            this.sink = sink;
            this.fromStart = fromStart;
            this.headHash = base.headHash();
        }

        /** The buffer holds the file's first {@code filled} bytes: the head hash, if still unknown and it is the head. */
        void noteHead(byte[] b, int filled) {
            if (headHash == null && fromStart) {
                headHash = ClaudeCodeImporter.headHash(b, (int) Math.min(filled, file.size()));
            }
        }

        /**
         * Reads the line starting at {@code off} if the buffer holds all of it; returns the index of
         * its newline, or -1 when the line goes on past {@code filled}. One pass: a well-formed line
         * is parsed straight from the buffer and its end found on the way; any other line is cut at
         * its newline first and parsed alone, which says what is wrong with it.
         */
        int handleNext(byte[] b, int off, int filled) {
            line.reset();
            int end = parser.parseLine(b, off, filled, line);
            if (end >= 0 && !needsErrorText(line)) {
                int len = end - off;
                counts.lines++;
                counts.bytes += len + 1;
                interpret(line, () -> "h:" + Long.toHexString(fnv64(b, off, len)));
                return end;
            }
            end = indexOfNewline(b, off, filled);
            if (end >= 0) {
                handleInMemory(b, off, end - off);
            }
            return end;
        }

        void handleInMemory(byte[] b, int off, int len) {
            counts.lines++;
            counts.bytes += len + 1;
            if (blank(b, off, len)) {
                return;
            }
            line.reset();
            parser.parse(b, off, len, line, false);
            if (needsErrorText(line)) {
                // The model field came after the content: read the line again for the error text.
                line.reset();
                parser.parse(b, off, len, line, true);
            }
            interpret(line, () -> "h:" + Long.toHexString(fnv64(b, off, len)));
        }

        void handleStreamed(FileChannel ch, long from, long end) throws IOException {
            counts.lines++;
            counts.bytes += end - from + 1;
            line.reset();
            parser.parse(new RegionStream(ch, from, end), line);
            interpret(line, () -> "p:" + file.path() + "@" + from);
        }

        void interpret(ParsedLine l, java.util.function.Supplier<String> contentKey) {
            if (l.problem != null) {
                if (LineInterpreter.relevant(l)) {
                    counts.skip(l.problem);
                }
                return;
            }
            if (l.cwd != null) {
                lastCwd = l.cwd;
            }
            String project = l.cwd != null ? l.cwd : lastCwd != null ? lastCwd : file.projectDir();
            String session = l.sessionId != null ? l.sessionId : file.sessionIdFromPath();
            try {
                switch (l.type == null ? "" : l.type) {
                    case "assistant" -> assistant(l, keyOf(l, contentKey), project, session);
                    case "user" -> {
                        if (LineInterpreter.isPrompt(l)) {
                            prompts.add(interpreter.prompt(l, keyOf(l, contentKey), project, session));
                            counts.prompts++;
                        }
                    }
                    case "progress" -> {
                        ParsedLine n = l.nested;
                        if (n != null && "assistant".equals(n.type) && n.hasUsage && !n.isSynthetic()) {
                            String nestedKey = n.uuid != null ? n.uuid : keyOf(l, contentKey) + ":nested";
                            addUsage(interpreter.usage(n, l, nestedKey, project, session));
                            counts.usage++;
                        }
                    }
                    default -> {
                        // Other line types carry nothing Headroom counts.
                    }
                }
            } catch (LineInterpreter.Skip s) {
                counts.skip(s.reason);
            }
        }

        /** The line's own id, or a hash of its bytes: computed only for lines that become events. */
        private String keyOf(ParsedLine l, java.util.function.Supplier<String> contentKey) {
            return l.uuid != null ? l.uuid : contentKey.get();
        }

        private void assistant(ParsedLine l, String key, String project, String session) {
            if (l.apiError) {
                ErrorEvent e = interpreter.error(l, key, project, session);
                errors.add(e);
                counts.errors++;
                if (e.isLimitHit()) {
                    counts.limitHits++;
                }
                if (e.category() == ErrorCategory.CONNECTION && l.parentUuid != null
                        && l.parentUuid.equals(lastUsageUuid)) {
                    incomplete.add(lastUsageKey);
                }
                return;
            }
            if (LineInterpreter.isSyntheticNonError(l) || !l.hasUsage) {
                return;
            }
            UsageEvent e = interpreter.usage(l, l, key, project, session);
            addUsage(e);
            counts.usage++;
            lastUsageUuid = l.uuid;
            lastUsageKey = e.dedupKey();
        }

        /**
         * A response is written as one line per content block, so copies sit side by side: keep
         * the largest copy here and hand the store one row per response. The store applies the
         * same rule across batches, files and sources.
         */
        private void addUsage(UsageEvent e) {
            UsageEvent kept = usage.get(e.dedupKey());
            if (kept == null || EventStore.wins(e, kept)) {
                usage.put(e.dedupKey(), e);
            }
        }

        void maybeFlush() {
            int pending = usage.size() + errors.size() + prompts.size();
            if (pending >= EVENTS_PER_BATCH || committed - flushedAt >= BYTES_PER_BATCH) {
                flush();
            }
        }

        void flush() {
            FileState state = new FileState(file.path().toString(), base.fileKey(), Math.max(base.size(), committed),
                    committed, base.mtimeMillis(), headHash, base.lines() + counts.lines,
                    base.skipped() + counts.skippedTotal());
            sink.accept(new EventBatch(List.copyOf(usage.values()), errors, prompts, incomplete, state));
            usage = new LinkedHashMap<>();
            errors = new ArrayList<>();
            prompts = new ArrayList<>();
            incomplete = new ArrayList<>();
            flushedAt = committed;
        }
    }

    private static boolean blank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    static long fnv64(byte[] b, int off, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = off; i < off + len; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The bytes of [from, end) of a file, read in chunks without moving the channel's position. */
    private static final class RegionStream extends InputStream {
        private final FileChannel ch;
        private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
        private long at;
        private final long end;

        RegionStream(FileChannel ch, long from, long end) {
            this.ch = ch;
            this.at = from;
            this.end = end;
            chunk.limit(0);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!chunk.hasRemaining()) {
                if (at >= end) {
                    return -1;
                }
                chunk.clear();
                chunk.limit((int) Math.min(chunk.capacity(), end - at));
                int n = ch.read(chunk, at);
                if (n <= 0) {
                    return -1;
                }
                at += n;
                chunk.flip();
            }
            int n = Math.min(len, chunk.remaining());
            chunk.get(b, off, n);
            return n;
        }
    }
}
