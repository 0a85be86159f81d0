package io.headroom.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Which command a command line asks for, found without picocli (the launcher asks before the
 * command line is parsed, and bin/headroom finds it the same way in shell).
 */
public final class CommandWord {

    private CommandWord() {
    }

    /** The first word that is not an option or the value of --db; null when there is none. */
    public static String of(String[] args) {
        for (String a : words(args)) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** Whether the command line only asks for help or the version: no store, no import, no warm-up. */
    public static boolean printsOnly(String[] args) {
        return "help".equals(of(args)) || has(args, "-h", "--help") || has(args, "-V", "--version");
    }

    /** {@code headroom --version}, which needs no subcommand's model (building all 17 took 0.08 s). */
    static boolean versionOnly(String[] args) {
        return of(args) == null && has(args, "-V", "--version") && !has(args, "-h", "--help");
    }

    private static boolean has(String[] args, String shortName, String longName) {
        List<String> words = words(args);
        return words.contains(shortName) || words.contains(longName);
    }

    /** The arguments without --db and its value (a database file may have any name, "--help" too). */
    private static List<String> words(String[] args) {
        List<String> out = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--db")) {
                i++;
            } else {
                out.add(args[i]);
            }
        }
        return out;
    }
}
