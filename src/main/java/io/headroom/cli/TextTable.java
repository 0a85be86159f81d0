package io.headroom.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain table for the terminal: the first {@code textColumns} left-aligned, numbers right-aligned. */
final class TextTable {

    private final List<String> header;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Integer> separators = new ArrayList<>();

    TextTable(List<String> header, int textColumns) {
        this.header = header;
        this.textColumns = textColumns;
    }

    void row(List<String> cells) {
        rows.add(cells);
    }

    /** A rule before the next row (used before totals). */
    void rule() {
        separators.add(rows.size());
    }

    void print(PrintWriter out) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        String line = rule(width);
        out.println(line);
        out.println(format(header, width));
        out.println(line);
        for (int i = 0; i < rows.size(); i++) {
            if (separators.contains(i)) {
                out.println(line);
            }
            out.println(format(rows.get(i), width));
        }
        out.println(line);
        out.flush();
    }

    private static String rule(int[] width) {
        StringBuilder b = new StringBuilder();
        for (int w : width) {
            b.append('+').append("-".repeat(w + 2));
        }
        return b.append('+').toString();
    }

    private String format(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            b.append("| ").append(i < textColumns ? c + pad : pad + c).append(' ');
        }
        return b.append('|').toString();
    }
}
