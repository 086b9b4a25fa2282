package org.lnsim.network.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an importer did with the records it read: the detected format, the files used, and counters for every
 * record that was dropped, merged or defaulted (nulls, one-sided channels, duplicates, self-loops…). Counter names
 * are stable lower-case identifiers; their meaning is documented by the importer that uses them.
 */
public final class LoadReport {
    private final String format;
    /** One mutable cell per counter, so counting a record allocates nothing (importers count per record). */
    private final Map<String, long[]> counters = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();

    public LoadReport(String format) {
        this.format = format;
    }

    public String format() {
        return format;
    }

    /** Records a file the import read, under a role such as {@code "channels"} or {@code "nodes"}. */
    public void file(String role, Path path) {
        files.put(role, path);
    }

    public Map<String, Path> files() {
        return Collections.unmodifiableMap(files);
    }

    public void count(String counter) {
        add(counter, 1);
    }

    public void add(String counter, long n) {
        long[] cell = counters.get(counter);
        if (cell == null) {
            cell = new long[1];
            counters.put(counter, cell);
        }
        cell[0] += n;
    }

    /** Value of a counter, 0 if it was never touched. */
    public long get(String counter) {
        long[] cell = counters.get(counter);
        return cell == null ? 0 : cell[0];
    }

    /** The counters in the order they were first touched (a snapshot). */
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }

    /** Multi-line human-readable summary, one counter per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("format: ").append(format).append('\n');
        files.forEach((role, p) -> sb.append(role).append(": ").append(p).append('\n'));
        counters.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v[0]).append('\n'));
        return sb.toString();
    }
}
