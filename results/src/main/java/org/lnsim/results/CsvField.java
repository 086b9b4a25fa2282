package org.lnsim.results;

/** One CSV field as RFC 4180 writes it, for every CSV file lnsim writes from free text (aliases, network names). */
public final class CsvField {
    private CsvField() {
    }

    /** {@code s} as is, or quoted with its quotes doubled when it holds a comma, a double quote, CR or LF. */
    public static String of(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }
}
