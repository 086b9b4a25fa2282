package org.lnsim.network.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Line-by-line reading of the simple comma-separated files CLoTH uses (no quoting), tolerant of the layouts found in
 * the wild: {@code \n}, {@code \r\n} and {@code \r\r\n} endings and blank lines between rows (lnresearch timemachine
 * exports, SOURCES.md §5). Lines are split on {@code \n} only, so {@link #line()} is the physical line number an
 * editor shows; trailing {@code \r}s are stripped and blank lines skipped.
 */
final class CsvLines implements AutoCloseable {
    private final Path file;
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private int line;
    private char[] row = new char[256];
    private int rowLen;
    private int[] fieldStart = new int[16];
    private int[] fieldEnd = new int[16];
    private int fields;

    CsvLines(Path file) throws IOException {
        this(file, ReadProgress.NONE);
    }

    CsvLines(Path file, ReadProgress progress) throws IOException {
        this.file = file;
        InputStream s = Inputs.open(file, progress);
        this.in = new InputStreamReader(s, StandardCharsets.UTF_8);
    }

    Path file() {
        return file;
    }

    /** 1-based physical line number of the line last returned. */
    int line() {
        return line;
    }

    /** The next non-blank line without its line ending, or null at the end of the file. */
    String next() throws IOException {
        return nextRow() ? new String(row, 0, rowLen) : null;
    }

    /**
     * Advances to the next non-blank line and splits it on commas (fields trimmed); false at the end of the file.
     * The fields are then read with {@link #fields()}, {@link #text(int)} and {@link #number(int)}.
     */
    boolean nextRow() throws IOException {
        while (true) {
            rowLen = 0;
            boolean any = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        break;
                    }
                }
                char ch = buf[pos++];
                any = true;
                if (ch == '\n') {
                    break;
                }
                if (rowLen == row.length) {
                    row = java.util.Arrays.copyOf(row, row.length * 2);
                }
                row[rowLen++] = ch;
            }
            if (!any) {
                return false;
            }
            line++;
            while (rowLen > 0 && row[rowLen - 1] == '\r') {
                rowLen--;
            }
            int from = 0;
            if (line == 1 && rowLen > 0 && row[0] == '\uFEFF') {
                from = 1;
            }
            boolean blank = true;
            for (int i = from; i < rowLen && blank; i++) {
                blank = Character.isWhitespace(row[i]);
            }
            if (!blank) {
                if (from == 1) {
                    System.arraycopy(row, 1, row, 0, --rowLen);
                }
                splitRow();
                return true;
            }
        }
    }

    private void splitRow() {
        fields = 0;
        int start = 0;
        for (int i = 0; i <= rowLen; i++) {
            if (i == rowLen || row[i] == ',') {
                if (fields == fieldStart.length) {
                    fieldStart = java.util.Arrays.copyOf(fieldStart, fields * 2);
                    fieldEnd = java.util.Arrays.copyOf(fieldEnd, fields * 2);
                }
                int a = start;
                int b = i;
                while (a < b && Character.isWhitespace(row[a])) {
                    a++;
                }
                while (b > a && Character.isWhitespace(row[b - 1])) {
                    b--;
                }
                fieldStart[fields] = a;
                fieldEnd[fields] = b;
                fields++;
                start = i + 1;
            }
        }
    }

    /** Number of fields of the current row. */
    int fields() {
        return fields;
    }

    /** Field {@code f} of the current row as text. */
    String text(int f) {
        return new String(row, fieldStart[f], fieldEnd[f] - fieldStart[f]);
    }

    /** Field {@code f} as a decimal long, or {@link JsonValues#NULL} when it is not one. */
    long number(int f) {
        return JsonValues.parseDecimal(row, fieldStart[f], fieldEnd[f] - fieldStart[f]);
    }

    /** Splits a line on commas, trimming each field. */
    static List<String> split(String row) {
        List<String> out = new ArrayList<>(12);
        int start = 0;
        while (true) {
            int comma = row.indexOf(',', start);
            if (comma < 0) {
                out.add(row.substring(start).trim());
                return out;
            }
            out.add(row.substring(start, comma).trim());
            start = comma + 1;
        }
    }

    /** A header name without a unit suffix such as {@code "(millisat)"}, lower case. */
    static String columnName(String header) {
        int paren = header.indexOf('(');
        String s = paren >= 0 ? header.substring(0, paren) : header;
        return s.trim().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
