package dev.corvid.daemon.show;

import java.util.ArrayList;
import java.util.List;

/** Rows of text cells printed as aligned columns, numbers right-aligned; the last column is never padded. */
final class TextTable {
    private final List<String> header;
    private final boolean showHeader;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** {@code header} names the columns; a name ending in {@code '>'} marks a right-aligned column (the mark is not shown). */
    TextTable(String... header) {
        this(true, header);
    }

    /** Two columns without a header: a name and its value per row. */
    static TextTable keyValue() {
        return new TextTable(false, "", "");
    }

    private TextTable(boolean showHeader, String... header) {
        this.showHeader = showHeader;
        this.header = new ArrayList<>();
        this.rightAligned = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            rightAligned[i] = header[i].endsWith(">");
            this.header.add(rightAligned[i] ? header[i].substring(0, header[i].length() - 1) : header[i]);
        }
    }

    void add(String... cells) {
        if (cells.length != header.size()) throw new IllegalArgumentException("a row has " + header.size() + " cells");
        rows.add(List.of(cells));
    }

    /** The table, one line per row (after the header, if any), each ending in a newline. */
    String render() {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        if (showHeader) all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], row.get(i).length());
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                String cell = row.get(i);
                boolean last = i == width.length - 1;
                if (i > 0) line.append("  ");
                if (rightAligned[i]) line.append(" ".repeat(width[i] - cell.length())).append(cell);
                else line.append(cell).append(last ? "" : " ".repeat(width[i] - cell.length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A duration as routers show it: {@code 00:04:05} under a day, {@code 3d04h05m} beyond. */
    static String duration(long seconds) {
        long s = Math.max(0, seconds);
        long days = s / 86_400, hours = s / 3600 % 24, minutes = s / 60 % 60;
        if (days > 0) return String.format("%dd%02dh%02dm", days, hours, minutes);
        return String.format("%02d:%02d:%02d", hours, minutes, s % 60);
    }
}
