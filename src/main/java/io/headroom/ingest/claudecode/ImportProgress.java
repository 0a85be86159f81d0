package io.headroom.ingest.claudecode;

/** Progress of an import, for a progress bar. Called from reader threads. */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (filesDone, filesTotal, bytesDone, bytesTotal) -> { };

    void update(int filesDone, int filesTotal, long bytesDone, long bytesTotal);
}
