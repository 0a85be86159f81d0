package io.headroom.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;

/** Files that hold the user's data are created readable and writable by the user alone. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates an empty file with mode 0600 if it does not exist yet. */
    public static void createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Created meanwhile by another process: fine.
        }
    }

    /**
     * Takes group and other permissions away from {@code folder} and the files and folders directly
     * in it (0700 folders, 0600 files); symbolic links are left alone. Best effort per entry: a file
     * someone else owns cannot be changed and must not stop Headroom.
     */
    public static void tighten(Path folder) throws IOException {
        if (!posix() || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        tightenOne(folder);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                tightenOne(entry);
            }
        }
    }

    /** Takes group and other permissions away from one file or folder (not a link); best effort. */
    public static void tightenOne(Path entry) {
        if (!posix()) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
            if (Files.isSymbolicLink(entry) || !mode.removeAll(OTHERS)) {
                return;
            }
            Files.setPosixFilePermissions(entry, mode);
        } catch (IOException | UnsupportedOperationException e) {
            // Someone else's file, or one that vanished meanwhile.
        }
    }

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** Restricts an existing file to the user (0600). */
    public static void restrict(Path file) throws IOException {
        if (posix() && Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /**
     * Writes text through a private temporary file and an atomic move, so readers never see half a
     * file. The temporary file has a unique name (created 0600 by createTempFile on POSIX): with one
     * fixed name, two processes saving at once deleted and moved each other's file and one failed
     * with NoSuchFileException. A failed write leaves no temporary file behind.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        writeAllAtomically(Map.of(file, text));
    }

    /**
     * Writes several files that belong together (a report and its companion): all are staged as
     * private temporary files first and moved into place only when every one was written, so a
     * failure (a full disk, a folder that refuses writes) leaves neither half-written files nor
     * temporary ones behind.
     */
    public static void writeAllAtomically(Map<Path, String> files) throws IOException {
        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, String> f : files.entrySet()) {
                Path dir = f.getKey().toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "." + f.getKey().getFileName() + ".", ".tmp");
                staged.put(f.getKey(), tmp);
                Files.writeString(tmp, f.getValue());
            }
            for (Map.Entry<Path, Path> s : staged.entrySet()) {
                try {
                    Files.move(s.getValue(), s.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.move(s.getValue(), s.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            for (Path tmp : staged.values()) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
