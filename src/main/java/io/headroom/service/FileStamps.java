package io.headroom.service;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The size and modification time of every transcript ({@code *.jsonl} below the project folders)
 * and of a few single files, folded into one value. Only the folders are listed and the files'
 * attributes read, never their contents, so the watcher's safety re-scan can tell "nothing changed"
 * from "import" for the cost of a directory walk.
 *
 * @param files how many files were seen (a deleted file changes this even when the hash collides)
 * @param hash  the paths, sizes and times mixed together
 */
public record FileStamps(int files, long hash) {

    /** The stamps of the transcripts below {@code roots} and of {@code singles} (absent ones count as absent). */
    public static FileStamps of(List<Path> roots, List<Path> singles) {
        Walk walk = new Walk();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try {
                    Files.walkFileTree(root, walk);
                } catch (IOException e) {
                    walk.add(root, -1, -1); // unreadable now: differs from the readable walk before
                }
            }
        }
        for (Path single : singles) {
            try {
                BasicFileAttributes a = Files.readAttributes(single, BasicFileAttributes.class);
                walk.add(single, a.size(), a.lastModifiedTime().toMillis());
            } catch (NoSuchFileException absent) {
                walk.add(single, -2, -2);
            } catch (IOException e) {
                walk.add(single, -1, -1);
            }
        }
        return new FileStamps(walk.files, walk.hash);
    }

    private static final class Walk extends SimpleFileVisitor<Path> {
        private int files;
        private long hash = 17;

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".jsonl")) {
                add(file, attrs.size(), attrs.lastModifiedTime().toMillis());
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            add(file, -1, -1);
            return FileVisitResult.CONTINUE;
        }

        /** Order-independent (a sum of mixed values), so the walk's order does not matter. */
        void add(Path file, long size, long modified) {
            files++;
            hash += mix(file.toString().hashCode() * 0x9E3779B97F4A7C15L + size * 31 + modified);
        }

        /** A 64-bit finaliser (splitmix's), so nearby sizes and times do not cancel out in the sum. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
