package org.lnsim.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.lnsim.network.io.AtomicOutput;
import org.lnsim.network.io.OutputRefusedException;

/**
 * The layout of a sweep's output folder, and what makes a unit done.
 *
 * <pre>
 * DIR/sweep.json          the plan: lnsim version and code, source, axes, replications, every unit and its hash
 * DIR/cells.csv           cell id and its axis values
 * DIR/units/c03-r1/       one ordinary run's files per cell × replication, plus unit.json
 * DIR/results.csv, aggregate.csv, aggregate.md   the tables over every unit (org.lnsim.results.sweep)
 * DIR/figures/            plots (org.lnsim.results.plot)
 * DIR/unit_timings.csv    wall-clock seconds per unit (the one file that differs between reruns)
 * </pre>
 *
 * <p>A unit is done when its folder exists: it is written into a temporary sibling ({@code units/.ID.PID.N.tmp},
 * {@link org.lnsim.network.io.AtomicFolder}) and renamed into place whole, its
 * {@code unit.json} (unit, seed, the SHA-256 of its resolved settings, lnsim's version and {@link CodeVersion code
 * fingerprint}) written last before the rename. A resumed sweep skips a done unit whose {@code unit.json} matches,
 * deletes temporary folders (units a killed sweep left unfinished) and reruns them; a done unit whose settings or
 * code differ is refused unless {@code --force}.
 */
public final class SweepFolder {
    public static final String UNITS = "units";
    public static final String UNIT_JSON = "unit.json";
    public static final String SWEEP_JSON = "sweep.json";
    public static final String CELLS = "cells.csv";
    public static final String TIMINGS = "unit_timings.csv";
    public static final String FIGURES = "figures";
    /** Everything lnsim sweep writes at the top of its folder; anything else there is refused. */
    static final Set<String> OWN = Set.of(SWEEP_JSON, CELLS, TIMINGS, UNITS, FIGURES, "results.csv",
            "aggregate.csv", "aggregate.md", ".lock");

    private SweepFolder() {
    }

    /** Refuses a folder that is a file or holds entries lnsim sweep did not write (it never deletes those). */
    static void checkOwn(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(dir, "exists and is not a folder");
        }
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).sorted()
                    .filter(n -> !OWN.contains(n) && !(n.startsWith(".") && n.endsWith(".tmp")))
                    .forEach(foreign::add);
        }
        if (!foreign.isEmpty()) {
            throw new OutputRefusedException(dir, "holds files lnsim sweep did not write ("
                    + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? ", …" : "") + "); give an empty or new folder");
        }
    }

    /** SHA-256 (hex) of a resolved configuration's JSON: what a unit's resume check compares. */
    static String settingsHash(JsonNode resolvedConfig) {
        try {
            byte[] json = new ObjectMapper().writeValueAsBytes(resolvedConfig);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pretty(JsonNode node) throws IOException {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper().writer(pp).writeValueAsString(node) + "\n";
    }

    /** Writes a text file whole or not at all ({@link AtomicOutput}). */
    static void writeAtomically(Path file, String text) throws IOException {
        AtomicOutput.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The first configuration path where two resolved trees differ, as {@code path: old → new}; null when equal.
     */
    static String firstDifference(JsonNode old, JsonNode now, String path) {
        if (old == null || now == null || old.getNodeType() != now.getNodeType() || old.isValueNode()) {
            boolean same = java.util.Objects.equals(old, now) || old != null && now != null && old.isNumber()
                    && now.isNumber() && old.decimalValue().compareTo(now.decimalValue()) == 0;
            return same ? null : (path.isEmpty() ? "(top level)" : path) + ": " + old + " → " + now;
        }
        if (old.isObject()) {
            Set<String> names = new java.util.LinkedHashSet<>();
            old.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                String d = firstDifference(old.get(n), now.get(n), path.isEmpty() ? n : path + "." + n);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        for (int i = 0; i < Math.max(old.size(), now.size()); i++) {
            String d = firstDifference(old.get(i), now.get(i), path + "." + i);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    static ObjectNode object() {
        return new ObjectMapper().createObjectNode();
    }

    static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

}
