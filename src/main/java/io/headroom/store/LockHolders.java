package io.headroom.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which other processes hold locks on a database, so "the database is locked" can say by whom.
 * Linux lists every file lock in {@code /proc/locks} with the holder's pid and the file's inode;
 * SQLite locks the database file and its {@code -shm}. Elsewhere (or when unreadable) this says
 * nothing and the message stays general.
 */
final class LockHolders {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");
    private static final int MAX_COMMAND = 80;

    private LockHolders() {
    }

    /** "process 4242: java -jar headroom.jar import", several joined by "; ", or "" when unknown. */
    static String describe(Path database) {
        try {
            if (!Files.isReadable(PROC_LOCKS)) {
                return "";
            }
            Set<Long> inodes = new LinkedHashSet<>();
            for (String suffix : List.of("", "-shm", "-wal")) {
                Path f = database.resolveSibling(database.getFileName() + suffix);
                if (Files.exists(f)) {
                    inodes.add(((Number) Files.getAttribute(f, "unix:ino")).longValue());
                }
            }
            return describe(Files.readAllLines(PROC_LOCKS, StandardCharsets.US_ASCII), inodes, ProcessHandle.current().pid());
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The holders among {@code locks} (lines of /proc/locks) of any of {@code inodes}, other than {@code self}. */
    static String describe(List<String> locks, Set<Long> inodes, long self) {
        Set<Long> pids = new LinkedHashSet<>();
        for (String line : locks) {
            String[] f = line.trim().split("\\s+");
            // "1: POSIX  ADVISORY  WRITE 4242 08:01:131074 0 EOF"; waiters are marked "->" and hold nothing.
            if (f.length < 6 || f[1].equals("->")) {
                continue;
            }
            String[] id = f[5].split(":");
            if (id.length != 3) {
                continue;
            }
            try {
                long pid = Long.parseLong(f[4]);
                long inode = Long.parseLong(id[2]);
                if (pid > 0 && pid != self && inodes.contains(inode)) {
                    pids.add(pid);
                }
            } catch (NumberFormatException e) {
                // An OFD lock (pid -1) or a format this does not know.
            }
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (long pid : pids) {
            if (n++ == 3) {
                out.append("; and others");
                break;
            }
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append("process ").append(pid);
            String command = command(pid);
            if (!command.isEmpty()) {
                out.append(": ").append(command);
            }
        }
        return out.toString();
    }

    private static String command(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            StringBuilder s = new StringBuilder();
            for (byte b : raw) {
                char c = (char) (b & 0xff);
                s.append(c == 0 ? ' ' : c < 0x20 || c >= 0x7f ? '?' : c);
            }
            String text = s.toString().trim();
            return text.length() > MAX_COMMAND ? text.substring(0, MAX_COMMAND - 1) + "\u2026" : text;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
