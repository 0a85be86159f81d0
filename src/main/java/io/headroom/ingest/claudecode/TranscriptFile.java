package io.headroom.ingest.claudecode;

import java.nio.file.Path;

/**
 * One transcript found under a {@code projects/} folder, with the session id and project folder
 * its place implies: the file stem for top-level files, the parent folder for nested files, the
 * grandparent for {@code subagents/} files.
 */
record TranscriptFile(Path path, String projectDir, String sessionIdFromPath, long size, String fileKey,
        long mtimeMillis) {

    /** From the attributes the folder walk already read: no second stat per file. */
    static TranscriptFile of(Path projectsRoot, Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return of(projectsRoot, file, attrs.size(), key != null ? key.toString() : "ctime:" + attrs.creationTime().toMillis(),
                attrs.lastModifiedTime().toMillis());
    }

    static TranscriptFile of(Path projectsRoot, Path file, long size, String fileKey, long mtimeMillis) {
        Path rel = projectsRoot.relativize(file);
        String projectDir = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
        String stem = file.getFileName().toString();
        stem = stem.endsWith(".jsonl") ? stem.substring(0, stem.length() - ".jsonl".length()) : stem;
        String session;
        int n = rel.getNameCount();
        if (n <= 2) {
            session = stem;
        } else if (n >= 4 && rel.getName(n - 2).toString().equals("subagents")) {
            session = rel.getName(n - 3).toString();
        } else {
            session = rel.getName(n - 2).toString();
        }
        return new TranscriptFile(file, projectDir, session, size, fileKey, mtimeMillis);
    }
}
