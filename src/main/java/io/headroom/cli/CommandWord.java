package io.headroom.cli;

/**
 * Which command a command line asks for, found without picocli (the launcher asks before the
 * command line is parsed, and bin/headroom finds it the same way in shell).
 */
public final class CommandWord {

    private CommandWord() {
    }

    /** The first word that is not an option or the value of --db; null when there is none. */
    public static String of(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--db")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
