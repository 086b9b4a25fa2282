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
    private final StringBuilder sb = new StringBuilder(128);

    CsvLines(Path file) throws IOException {
        this.file = file;
        InputStream s = Inputs.open(file);
        this.in = new InputStreamReader(s, StandardCharsets.UTF_8);
    }

    Path file() {
        return file;
    }

    /** 1-based physical line number of the line last returned by {@link #next()}. */
    int line() {
        return line;
    }

    /** The next non-blank line without its line ending, or null at the end of the file. */
    String next() throws IOException {
        while (true) {
            sb.setLength(0);
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
                sb.append(ch);
            }
            if (!any) {
                return null;
            }
            line++;
            int end = sb.length();
            while (end > 0 && sb.charAt(end - 1) == '\r') {
                end--;
            }
            sb.setLength(end);
            if (line == 1 && end > 0 && sb.charAt(0) == '\uFEFF') {
                sb.deleteCharAt(0);
            }
            if (!sb.toString().isBlank()) {
                return sb.toString();
            }
        }
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
