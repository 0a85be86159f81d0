package io.headroom.store;

/**
 * What the importer remembers of one transcript: its identity (inode where the platform has one),
 * size, modification time, a hash of its first bytes, and the offset just past the last complete
 * line read.
 */
public record FileState(String path, String fileKey, long size, long offset, long mtimeMillis, String headHash,
        long lines, long skipped) {
}
