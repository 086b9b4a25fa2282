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
 * DIR/timings/shard-I-of-N.csv   a shard's own timings (lnsim sweep --shard); lnsim merge gathers them
 * DIR/slurm/              lnsim sweep --emit-slurm: array.sbatch, merge.sbatch, submit.sh, logs/
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
    /** Shards' timings, one file per shard ({@link #shardTimings}); lnsim merge gathers them into unit_timings.csv. */
    public static final String SHARD_TIMINGS = "timings";
    /** The Slurm scripts and task logs of {@code lnsim sweep --emit-slurm}. */
    public static final String SLURM = "slurm";
    static final String LOCK = ".lock";
    /** Everything lnsim sweep writes at the top of its folder; anything else there is refused. */
    static final Set<String> OWN = Set.of(SWEEP_JSON, CELLS, TIMINGS, UNITS, FIGURES, SHARD_TIMINGS, SLURM,
            "results.csv", "aggregate.csv", "aggregate.md", LOCK);
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile(
            "\\.(.+)\\.\\d+\\.\\d+\\.tmp");

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

    /** Creates a folder (and its parents), refusing with exit 2 when it cannot be written ({@code --out} read-only). */
    static void createWritable(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                throw new java.nio.file.AccessDeniedException(folder.toString());
            }
        } catch (IOException e) {
            throw OutputRefusedException.cannotWrite(folder, e);
        }
    }

    /**
     * Writes {@code lnsim sweep --emit-slurm}'s scripts into {@code DIR/slurm/} (each whole or not at all; submit.sh
     * executable) and creates {@code DIR/slurm/logs/} for the tasks' output, which Slurm does not create.
     *
     * @return the slurm folder
     */
    public static Path emitSlurm(Path dir, java.util.Map<String, String> files) throws IOException {
        checkOwn(dir);
        Path slurm = dir.resolve(SLURM);
        createWritable(slurm.resolve("logs"));
        for (var f : files.entrySet()) {
            Path file = slurm.resolve(f.getKey());
            writeAtomically(file, f.getValue());
            if (f.getKey().endsWith(".sh") || f.getKey().endsWith(".sbatch")) {
                file.toFile().setExecutable(true, false);
            }
        }
        return slurm;
    }

    /** A shard's timings file name, {@code shard-I-of-N.csv}. */
    static String shardTimings(SweepShard shard) {
        return "shard-" + shard.index() + "-of-" + shard.count() + ".csv";
    }

    /** The unit a temporary unit folder ({@code .c03-r1.PID.N.tmp}) was being written for, or null. */
    static String unitOfTemporary(String name) {
        java.util.regex.Matcher m = TEMPORARY.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /** SHA-256 (hex) of a resolved configuration's JSON: what a unit's resume check compares. */
    public static String settingsHash(JsonNode resolvedConfig) {
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

    /** A JSON file of the sweep folder (sweep.json, unit.json). */
    public static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

}
