package io.headroom.sources;

import io.headroom.ingest.claudecode.ImportOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One round of reading every source. Most sources need only the time; the transcript import also
 * takes the folders the user named ({@code --claude-dir}) and its threads, progress and cancel switch.
 */
public record ReadRequest(Instant now, ZoneId zone, List<Path> claudeDirs, ImportOptions importOptions) {

    public ReadRequest {
        claudeDirs = List.copyOf(claudeDirs);
    }

    public static ReadRequest at(Instant now, ZoneId zone) {
        return new ReadRequest(now, zone, List.of(), ImportOptions.defaults());
    }
}
