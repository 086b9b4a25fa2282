package org.lnsim.results.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.tables.CsvTable;

/**
 * A sweep folder as {@code lnsim sweep CONFIG --out DIR} writes it, read by column name: {@code cells.csv} (column
 * {@code cell}, then one column per axis key, values as text), {@code aggregate.csv} (one row per cell × protocol ×
 * metric: {@code cell}, the axis columns, {@code protocol}, {@code metric}, {@code n}, {@code mean}, {@code sd},
 * {@code ci95_low}/{@code ci95_high}, {@code wilson_low}/{@code wilson_high}, {@code paired_low}/{@code paired_high},
 * empty where not applicable) and {@code units/<cell>-r<k>/}, one ordinary run folder per cell and replication.
 *
 * <p>Errors are bad input (exit 2 at the CLI) naming the file: a folder without {@code cells.csv} or
 * {@code aggregate.csv} is "not a sweep folder"; a missing column or a number that is not one names the column and
 * row. Unit folders are listed when a per-cell figure asks for them.
 */
public final class SweepFolder {
    /** One aggregate row's figures; NaN where the cell is empty. */
    public record Stat(int n, double mean, double ci95Low, double ci95High, double wilsonLow, double wilsonHigh) {
    }

    private record Key(String cell, String protocol, String metric) {
    }

    private final Path dir;
    private final List<String> axes;
    private final List<String> cells;
    private final Map<String, Map<String, String>> values;
    private final List<String> protocols;
    private final Map<Key, Stat> stats;

    private SweepFolder(Path dir, List<String> axes, List<String> cells, Map<String, Map<String, String>> values,
                        List<String> protocols, Map<Key, Stat> stats) {
        this.dir = dir;
        this.axes = List.copyOf(axes);
        this.cells = List.copyOf(cells);
        this.values = values;
        this.protocols = List.copyOf(protocols);
        this.stats = stats;
    }

    /** Reads {@code cells.csv} and {@code aggregate.csv} of {@code dir}. */
    public static SweepFolder read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NetworkFormatException(dir, null, "not a folder (expected a sweep folder: lnsim sweep CONFIG "
                    + "--out DIR)");
        }
        for (String f : List.of("cells.csv", "aggregate.csv")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new NetworkFormatException(dir, null, "not a sweep folder: no " + f + " (lnsim sweep CONFIG "
                        + "--out DIR writes one)");
            }
        }
        CsvTable c = CsvTable.read(dir.resolve("cells.csv"));
        c.column("cell");
        List<String> header = c.header();
        if (!header.get(0).equals("cell")) {
            throw new NetworkFormatException(c.file(), "line 1", "the first column must be 'cell', got '"
                    + header.get(0) + "'");
        }
        List<String> axes = header.subList(1, header.size());
        List<String> cells = new ArrayList<>();
        Map<String, Map<String, String>> values = new HashMap<>();
        for (int r = 0; r < c.rowCount(); r++) {
            String cell = c.get(r, "cell");
            if (cell.isEmpty() || values.containsKey(cell)) {
                throw new NetworkFormatException(c.file(), "row " + (r + 1), (cell.isEmpty() ? "empty" : "repeated")
                        + " cell name '" + cell + "'");
            }
            Map<String, String> v = new HashMap<>();
            for (String a : axes) {
                v.put(a, c.get(r, a));
            }
            cells.add(cell);
            values.put(cell, v);
        }
        CsvTable a = CsvTable.read(dir.resolve("aggregate.csv"));
        for (String col : List.of("cell", "protocol", "metric", "n", "mean", "ci95_low", "ci95_high", "wilson_low",
                "wilson_high")) {
            a.column(col);
        }
        Set<String> protocols = new LinkedHashSet<>();
        Map<Key, Stat> stats = new HashMap<>();
        for (int r = 0; r < a.rowCount(); r++) {
            String cell = a.get(r, "cell");
            if (!values.containsKey(cell)) {
                throw new NetworkFormatException(a.file(), "row " + (r + 1), "cell '" + cell + "' is not in "
                        + "cells.csv");
            }
            String protocol = a.get(r, "protocol");
            protocols.add(protocol);
            double n = a.number(r, "n");
            if (n != Math.rint(n) || n < 0) {
                throw new NetworkFormatException(a.file(), "row " + (r + 1), "column 'n' is not a count: '"
                        + a.get(r, "n") + "'");
            }
            stats.put(new Key(cell, protocol, a.get(r, "metric")), new Stat((int) n, opt(a, r, "mean"),
                    opt(a, r, "ci95_low"), opt(a, r, "ci95_high"), opt(a, r, "wilson_low"), opt(a, r, "wilson_high")));
        }
        return new SweepFolder(dir, axes, cells, values, new ArrayList<>(protocols), stats);
    }

    private static double opt(CsvTable t, int row, String column) throws NetworkFormatException {
        return t.get(row, column).isEmpty() ? Double.NaN : t.number(row, column);
    }

    public Path dir() {
        return dir;
    }

    /** The axis keys, in {@code cells.csv}'s column order. */
    public List<String> axes() {
        return axes;
    }

    /** The cell names, in {@code cells.csv}'s row order. */
    public List<String> cells() {
        return cells;
    }

    /** The protocols' display names in order of first appearance in {@code aggregate.csv}. */
    public List<String> protocols() {
        return protocols;
    }

    /** The cell's value of the axis, as text. */
    public String value(String cell, String axis) {
        return values.get(cell).get(axis);
    }

    /** True when every cell's value of the axis is a finite number. */
    public boolean numeric(String axis) {
        if (!axes.contains(axis)) {
            return false;
        }
        for (String cell : cells) {
            if (!Double.isFinite(parse(value(cell, axis)))) {
                return false;
            }
        }
        return !cells.isEmpty();
    }

    /** The cell's value of a numeric axis. */
    public double number(String cell, String axis) {
        return parse(value(cell, axis));
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The aggregate row of the cell, protocol and metric, if {@code aggregate.csv} has one. */
    public Optional<Stat> stat(String cell, String protocol, String metric) {
        return Optional.ofNullable(stats.get(new Key(cell, protocol, metric)));
    }

    private static final Pattern UNIT = Pattern.compile("(.+)-r(\\d+)");

    /**
     * The cell's unit folders {@code units/<cell>-r<k>}, in replication order (k numerically); an error naming the
     * folder when there is none.
     */
    public List<Path> units(String cell) throws IOException {
        Path units = dir.resolve("units");
        TreeMap<Long, Path> byK = new TreeMap<>();
        if (Files.isDirectory(units)) {
            try (Stream<Path> list = Files.list(units)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    Matcher m = UNIT.matcher(p.getFileName().toString());
                    if (Files.isDirectory(p) && m.matches() && m.group(1).equals(cell) && m.group(2).length() < 18) {
                        byK.put(Long.parseLong(m.group(2)), p);
                    }
                }
            }
        }
        if (byK.isEmpty()) {
            throw new NetworkFormatException(units.resolve(cell + "-r1"), null, "no unit folder of cell '" + cell
                    + "' (expected units/" + cell + "-r<k>/)");
        }
        return new ArrayList<>(byK.values());
    }
}
