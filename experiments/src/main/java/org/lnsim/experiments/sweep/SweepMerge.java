package org.lnsim.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.Configs;

/**
 * {@code lnsim merge DIR}: the tables of a sweep whose units were run by shards ({@code --shard I/N}, e.g. the tasks
 * of a Slurm job array), from the sweep folder alone. The plan is rebuilt from {@code sweep.json} (which holds the
 * file as given, its folder and overrides), every done unit is checked against it (settings hash, lnsim version and
 * code fingerprint), and the tables are written by the same step a whole sweep uses, so a merge of complete shards is
 * byte-identical to a single-process {@code lnsim sweep} of the same file (all but {@code unit_timings.csv}, gathered
 * here from the shards' {@code timings/}).
 *
 * <p>Missing units (a task that failed, was cancelled or has not run) are returned by id and nothing is written,
 * unless {@code partial}: then the tables are written from the done units (each cell's n says how many) and the
 * missing ones are still returned.
 */
public final class SweepMerge {
    /**
     * @param missing  the plan's units with no done folder, in plan order
     * @param rerun    the command that runs only them
     * @param written  whether the tables were written
     */
    public record Outcome(List<String> missing, String rerun, boolean written, int units) {
    }

    private SweepMerge() {
    }

    /**
     * @param version this lnsim's version line; it must be the one that ran the sweep
     * @throws ConfigException when sweep.json is missing or unreadable, the sweep was run by another lnsim, or a done
     *                         unit was produced by other settings or code (named)
     */
    public static Outcome merge(Path dir, String version, boolean partial, SweepRunner.Tables tables)
            throws IOException, ConfigException {
        Path sweepJson = dir.resolve(SweepFolder.SWEEP_JSON);
        if (!Files.isRegularFile(sweepJson)) {
            throw new ConfigException(dir.toString(), null, "is not a sweep folder (no " + SweepFolder.SWEEP_JSON
                    + "): give the --out folder of lnsim sweep");
        }
        SweepFolder.checkOwn(dir);
        try (FolderLock lock = FolderLock.take(dir, false)) {
            JsonNode json;
            try {
                json = SweepFolder.read(sweepJson);
            } catch (IOException e) {
                throw new ConfigException(sweepJson.toString(), null, "cannot be read: " + e.getMessage());
            }
            String then = json.path("lnsim").asText() + " " + json.path("code").asText();
            String now = version + " " + CodeVersion.fingerprint();
            if (!then.equals(now)) {
                throw new ConfigException(sweepJson.toString(), "code", "the sweep was run by " + then + ", this is "
                        + now + ": merge with the lnsim that ran it (or rerun the sweep with --force)");
            }
            SweepPlan plan = plan(json, sweepJson);
            List<String> problems = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            plan.units().forEach(u -> ids.add(u.id()));
            try (Stream<Path> s = Files.list(dir.resolve(SweepFolder.UNITS))) {
                for (Path p : s.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (SweepFolder.unitOfTemporary(name) == null && !ids.contains(name)) {
                        problems.add("units/" + name + " is not a unit of this sweep");
                    }
                }
            }
            List<SweepPlan.Unit> done = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (SweepPlan.Unit u : plan.units()) {
                Path folder = dir.resolve(SweepFolder.UNITS).resolve(u.id());
                if (!Files.isDirectory(folder)) {
                    missing.add(u.id());
                    continue;
                }
                String why = SweepRunner.changed(u, folder, version);
                if (why != null) {
                    problems.add("unit " + u.id() + " ran with other " + why);
                }
                done.add(u);
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(dir.toString(), null, "holds " + problems.size() + " unit(s) that are not "
                        + "this sweep's: " + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                        + (problems.size() > 3 ? "; …" : "") + "; rerun them with lnsim sweep --force");
            }
            String rerun = rerunCommand(json, dir);
            if (!missing.isEmpty() && !partial) {
                return new Outcome(missing, rerun, false, plan.units().size());
            }
            SweepFolder.writeAtomically(dir.resolve(SweepFolder.TIMINGS), timings(dir, plan, missing));
            tables.write(dir, plan, done);
            return new Outcome(missing, rerun, true, plan.units().size());
        }
    }

    /** The plan sweep.json describes, checked unit by unit against the hashes it records. */
    private static SweepPlan plan(JsonNode json, Path sweepJson) throws ConfigException {
        JsonNode config = json.get("config");
        if (config == null || !config.isObject() || !json.path("base_dir").isTextual()) {
            throw new ConfigException(sweepJson.toString(), "config", "is missing: the folder was written by an "
                    + "lnsim without lnsim merge; rerun the sweep");
        }
        SweepPlan plan = SweepPlan.of(new Configs.Tree((ObjectNode) config, json.path("config_source").asText(),
                Path.of(json.path("base_dir").asText())), Long.MAX_VALUE);
        if (!SweepRunner.samePlan(plan, json)) {
            throw new ConfigException(sweepJson.toString(), "units", "do not match the plan its config expands to "
                    + "(the file was edited?); rerun the sweep");
        }
        return plan;
    }

    /**
     * {@code lnsim sweep CONFIG --out DIR --only-missing [--set K=V]…}, as the sweep was given, to run from the
     * folder it ran in ({@link #workingDir}): the same words there give every unit's manifest the same source as the
     * other units'.
     */
    static String rerunCommand(JsonNode json, Path dir) {
        StringBuilder sb = new StringBuilder("lnsim sweep ").append(quote(json.path("config_source").asText()))
                .append(" --out ").append(quote(dir.toString())).append(" --only-missing");
        for (JsonNode set : json.path("set")) {
            sb.append(" --set ").append(quote(set.asText()));
        }
        return sb.toString();
    }

    /** The folder the sweep ran in (where {@link Outcome#rerun} is to be run), or null if not recorded. */
    public static String workingDir(Path dir) throws IOException {
        JsonNode wd = SweepFolder.read(dir.resolve(SweepFolder.SWEEP_JSON)).get("working_dir");
        return wd == null ? null : wd.asText();
    }

    /** A word for a POSIX shell: as is when it is plain, else in single quotes. */
    public static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** unit_timings.csv from the shards' timings files: each unit's last recorded run, or done / missing. */
    private static String timings(Path dir, SweepPlan plan, List<String> missing) throws IOException {
        Map<String, String> ran = new HashMap<>();
        Path folder = dir.resolve(SweepFolder.SHARD_TIMINGS);
        if (Files.isDirectory(folder)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) {
                    String[] c = line.split(",", -1);
                    if (c.length == 5 && c[3].equals("ran")) {
                        ran.put(c[0], c[4]);
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder(SweepRunner.TIMINGS_HEADER);
        Set<String> absent = new HashSet<>(missing);
        for (SweepPlan.Unit u : plan.units()) {
            String status = absent.contains(u.id()) ? "missing," : ran.containsKey(u.id()) ? "ran," + ran.get(u.id())
                    : "done earlier,";
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s\n", u.id(), u.cell().id(), u.replication(), status));
        }
        return sb.toString();
    }
}
