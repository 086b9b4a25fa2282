package org.lnsim.results.tables;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.network.io.NetworkFormatException;

/**
 * One of a run's CSV files, read whole and addressed by column name, so comparison tables keep working when columns
 * are added or move (the files' columns: {@link org.lnsim.results.run.RunColumns}). Fields are split as RFC 4180
 * (quoted fields may hold commas and doubled quotes; lnsim writes quotes only in {@code node_ids.csv}'s alias).
 *
 * <p>Errors are bad input (exit code 2 at the CLI) naming the file and the line or column: a missing file, a missing
 * column, a row whose field count differs from the header's. The whole file is kept as strings; run files are read
 * once per table, and the largest (a 1M-channel run's {@code node_state.csv}, about 100K rows per protocol) fits
 * easily.
 */
public final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows;

    private CsvTable(Path file, List<String> header, List<String[]> rows) {
        this.file = file;
        this.header = List.copyOf(header);
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        this.rows = rows;
    }

    /** Reads {@code file}: a header line, then one row per line. */
    public static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NetworkFormatException(file, null, "no such file (is this a run's output folder?)");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new NetworkFormatException(file, null, "empty file, expected a header line");
            }
            List<String> header = split(first, file, 1);
            List<String[]> rows = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                int start = n;
                while (quotes(line) % 2 == 1) { // a quoted field holding a line break goes on
                    String more = in.readLine();
                    if (more == null) {
                        throw new NetworkFormatException(file, "line " + start, "unterminated quoted field");
                    }
                    line = line + "\n" + more;
                    n++;
                }
                List<String> f = split(line, file, start);
                if (f.size() != header.size()) {
                    throw new NetworkFormatException(file, "line " + start, f.size() + " fields, the header has "
                            + header.size());
                }
                rows.add(f.toArray(String[]::new));
            }
            return new CsvTable(file, header, rows);
        }
    }

    public Path file() {
        return file;
    }

    /** The column names, in the file's order. */
    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** The column's position; a clear error naming the file, the column and the columns there are when absent. */
    public int column(String column) throws NetworkFormatException {
        Integer i = index.get(column);
        if (i == null) {
            throw new NetworkFormatException(file, null, "no column '" + column + "' (columns: "
                    + String.join(", ", header) + ")");
        }
        return i;
    }

    /** The cell of row {@code row} (0 = first after the header) in {@code column}. */
    public String get(int row, String column) throws NetworkFormatException {
        return rows.get(row)[column(column)];
    }

    /** The cell, or {@code absent} when the file has no such column (columns a run writes only when they apply). */
    public String getOr(int row, String column, String absent) {
        Integer i = index.get(column);
        return i == null ? absent : rows.get(row)[i];
    }

    /** The cell as a number; a clear error naming the file, line and column when it is not one. */
    public double number(int row, String column) throws NetworkFormatException {
        String s = get(row, column);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new NetworkFormatException(file, "row " + (row + 1), "column '" + column + "' is not a number: '"
                    + s + "'");
        }
    }

    private static int quotes(String line) {
        int q = 0;
        for (int i = 0; i < line.length(); i++) {
            q += line.charAt(i) == '"' ? 1 : 0;
        }
        return q;
    }

    private static List<String> split(String line, Path file, int lineNo) throws NetworkFormatException {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        while (true) {
            f.setLength(0);
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new NetworkFormatException(file, "line " + lineNo, "unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new NetworkFormatException(file, "line " + lineNo, "text after a quoted field");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    f.append(line.charAt(i++));
                }
            }
            out.add(f.toString());
            if (i >= line.length()) {
                return out;
            }
            i++;
        }
    }
}
