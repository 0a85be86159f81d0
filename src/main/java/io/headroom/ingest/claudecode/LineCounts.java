package io.headroom.ingest.claudecode;

import java.util.EnumMap;
import java.util.Map;

/** What reading produced, added up per file and then per import. */
final class LineCounts {
    long lines;
    long bytes;
    long usage;
    long errors;
    long limitHits;
    long prompts;
    final EnumMap<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);

    void skip(SkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    long skippedTotal() {
        long n = 0;
        for (long v : skipped.values()) {
            n += v;
        }
        return n;
    }

    synchronized void addAll(LineCounts o) {
        lines += o.lines;
        bytes += o.bytes;
        usage += o.usage;
        errors += o.errors;
        limitHits += o.limitHits;
        prompts += o.prompts;
        for (Map.Entry<SkipReason, Long> e : o.skipped.entrySet()) {
            skipped.merge(e.getKey(), e.getValue(), Long::sum);
        }
    }
}
