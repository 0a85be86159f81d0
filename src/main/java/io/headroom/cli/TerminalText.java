package io.headroom.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Keeps what the command line prints from driving the terminal. Project paths, model names,
 * error messages and other strings from transcripts or the network can carry escape sequences
 * (clear screen, OSC-8 links, a right-to-left override that reverses what the user reads), so
 * every writer the commands print to drops control characters on the way out. Newlines, tabs
 * and {@code \r\n} line ends stay. Nothing Headroom prints is meant to be an escape sequence:
 * help is printed without colours for that reason.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** The text without control characters (a lone carriage return included). */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep = !isControl(c) || c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (!keep && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (keep && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** A writer that prints through {@code target} without control characters. */
    public static PrintWriter safe(PrintWriter target) {
        return new PrintWriter(new Filter(target), true);
    }

    /** C0 and C1 controls and DEL, except newline and tab, and the invisible bidirectional controls. */
    static boolean isControl(char c) {
        if (c < 0x20) {
            return c != '\n' && c != '\t';
        }
        return c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x061c || c == 0x200e || c == 0x200f;
    }

    private static final class Filter extends FilterWriter {

        /** A carriage return waits to see whether a newline follows it. */
        private boolean pendingReturn;

        Filter(Writer target) {
            super(target);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            if (pendingReturn) {
                pendingReturn = false;
                if (ch == '\n') {
                    out.write('\r');
                }
            }
            if (ch == '\r') {
                pendingReturn = true;
            } else if (!isControl(ch)) {
                out.write(ch);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(buf[i]);
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(s.charAt(i));
            }
        }
    }
}
