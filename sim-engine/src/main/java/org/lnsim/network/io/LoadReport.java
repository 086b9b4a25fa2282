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
    private final Map<String, Long> counters = new LinkedHashMap<>();
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
        counters.merge(counter, n, Long::sum);
    }

    /** Value of a counter, 0 if it was never touched. */
    public long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }

    public Map<String, Long> counters() {
        return Collections.unmodifiableMap(counters);
    }

    /** Multi-line human-readable summary, one counter per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("format: ").append(format).append('\n');
        files.forEach((role, p) -> sb.append(role).append(": ").append(p).append('\n'));
        counters.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
