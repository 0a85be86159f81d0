package io.headroom.ingest.claudecode;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every {@code *.jsonl} below a projects folder, with what could not be read (counted, never
 * fatal). A one-shot command may list the default folders ahead, on a second core while its
 * command line is parsed ({@link ClaudeCodeImporter#listAhead}); its import then takes that
 * listing instead of walking again, once, and only while it is fresh.
 */
record FolderListing(List<TranscriptFile> files, List<String> problems, int unreadableFolders, int unreadableLinks,
        long listedAtNanos) {

    /** How old a listing made ahead may be when the import asks for it: the command's own start-up, no more. */
    static final long AHEAD_MAX_AGE_NANOS = 2_000_000_000L;

    private static final Map<Path, CompletableFuture<FolderListing>> AHEAD = new ConcurrentHashMap<>();

    FolderListing {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * Lists {@code roots} on the calling thread for an import this process is about to run.
     * Failures are kept for {@link #take}, which then lists again.
     */
    static void ahead(List<Path> roots) {
        for (Path root : roots) {
            CompletableFuture<FolderListing> listing = new CompletableFuture<>();
            if (AHEAD.putIfAbsent(key(root), listing) != null) {
                continue;
            }
            try {
                listing.complete(of(root));
            } catch (RuntimeException | Error e) {
                listing.completeExceptionally(e);
            }
        }
    }

    /** The listing made ahead for {@code root} if there is a fresh one (waiting for it if it is being made), else a new one. */
    static FolderListing take(Path root) {
        return take(root, AHEAD_MAX_AGE_NANOS);
    }

    static FolderListing take(Path root, long maxAgeNanos) {
        CompletableFuture<FolderListing> ahead = AHEAD.remove(key(root));
        if (ahead != null) {
            try {
                FolderListing listing = ahead.join();
                if (System.nanoTime() - listing.listedAtNanos() <= maxAgeNanos) {
                    return listing;
                }
            } catch (RuntimeException e) {
                // listed ahead and failed: list it here, where a failure is reported as usual
            }
        }
        return of(root);
    }

    private static Path key(Path root) {
        return root.toAbsolutePath().normalize();
    }

    static FolderListing of(Path root) {
        long at = System.nanoTime();
        List<TranscriptFile> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] unreadableFolders = {0};
        int[] unreadableLinks = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!file.getFileName().toString().endsWith(".jsonl")) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        out.add(TranscriptFile.of(root, file, attrs));
                    } else if (attrs.isSymbolicLink()) {
                        // A linked transcript is read through its link; a dangling link is unreadable.
                        try {
                            BasicFileAttributes target = Files.readAttributes(file, BasicFileAttributes.class);
                            if (target.isRegularFile()) {
                                out.add(TranscriptFile.of(root, file, target));
                            }
                        } catch (IOException e) {
                            unreadableLinks[0]++;
                            problems.add("Cannot read " + file + ": the link points to nothing (" + e.getMessage() + ")");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (Files.isDirectory(file)) {
                        unreadableFolders[0]++;
                        problems.add("Cannot read the folder " + file + ": " + e.getMessage());
                    } else {
                        problems.add("Cannot read " + file + ": " + e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unreadableFolders[0]++;
            problems.add("Cannot read the folder " + root + ": " + e.getMessage());
        }
        return new FolderListing(out, problems, unreadableFolders[0], unreadableLinks[0], at);
    }
}
