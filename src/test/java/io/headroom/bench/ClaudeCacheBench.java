package io.headroom.bench;

import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceStatus;
import io.headroom.sources.claudecodecache.ClaudeCodeCacheSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long reading Claude Code's cache costs a refresh when {@code .claude.json} is big (it holds
 * every project's history) and changed, and when it is unchanged. Run: {@code java -cp
 * target/classes:target/test-classes:'target/lib/*' io.headroom.bench.ClaudeCacheBench MB [RUNS]}.
 */
public final class ClaudeCacheBench {

    private ClaudeCacheBench() {
    }

    public static void main(String[] args) throws Exception {
        int mb = Integer.parseInt(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("claude-cache-bench");
        Path file = dir.resolve(".claude.json");
        StringBuilder projects = new StringBuilder("{");
        int i = 0;
        while (projects.length() < mb * 1_000_000) {
            projects.append(i == 0 ? "" : ",").append("\"/home/u/project-").append(i).append("\": {\"history\": [");
            for (int h = 0; h < 20; h++) {
                projects.append(h == 0 ? "" : ",").append("{\"display\": \"a prompt of some length number ")
                        .append(h).append(" with text\", \"pastedContents\": {}}");
            }
            projects.append("], \"allowedTools\": [], \"lastCost\": 1.25}");
            i++;
        }
        projects.append("}");
        // the cache sits after the big key, as it would in a real file
        String text = "{\"numStartups\": 412, \"projects\": " + projects + ", \"cachedUsageUtilization\": {\"fetchedAtMs\": "
                + "1785000000000, \"utilization\": {\"five_hour\": {\"utilization\": 42, \"resets_at\":"
                + " \"2026-07-25T20:00:00.152795+00:00\"}, \"seven_day\": {\"utilization\": 61.5, \"resets_at\": null}}}}";
        Files.writeString(file, text);
        AtomicInteger stored = new AtomicInteger();
        ClaudeCodeCacheSource source = new ClaudeCodeCacheSource(file, r -> stored.addAndGet(r.samples().size()));
        System.out.printf("file %.1f MB%n", Files.size(file) / 1e6);
        SourceStatus previous = SourceStatus.UNREAD;
        for (int run = 0; run < runs; run++) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(run)));
            long t0 = System.nanoTime();
            previous = source.read(ReadRequest.at(Instant.now(), ZoneOffset.UTC), previous);
            long t1 = System.nanoTime();
            SourceStatus again = source.read(ReadRequest.at(Instant.now(), ZoneOffset.UTC), previous);
            long t2 = System.nanoTime();
            System.out.printf("changed: %.1f ms  unchanged: %.3f ms  (%s)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                    again.lastRead());
        }
        System.out.println("samples handed to the store: " + stored.get());
        Files.delete(file);
        Files.delete(dir);
    }
}
