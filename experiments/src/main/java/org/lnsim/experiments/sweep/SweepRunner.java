package org.lnsim.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.ExperimentRunner;
import org.lnsim.experiments.NetworkSettings;
import org.lnsim.experiments.ProtocolRegistry;
import org.lnsim.experiments.Tasks;
import org.lnsim.network.io.AtomicFolder;
import org.lnsim.network.io.OutputRefusedException;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.CsvField;

/**
 * Runs a {@link SweepPlan} into a {@link SweepFolder}: every unit not yet done, several at once, then the sweep's
 * tables. Resumable: a killed sweep rerun with the same command skips the units it finished and redoes the rest, and
 * its outputs are byte-identical to an uninterrupted run's (only {@code unit_timings.csv} differs).
 *
 * <p><b>State shared between units</b>, and nothing else: units whose settings name the same network
 * ({@link NetworkSettings}, equal records) share one built or loaded {@code ChannelGraph} (read-only) and one pool of
 * protocols' shared work ({@link ProtocolRegistry.Run}: routers' compact graphs, beacon paths), announced for every
 * unit on that network, so set-up-heavy work is done once per network rather than once per unit. Balances, HTLCs,
 * latencies, churn, protocols and outcomes are each unit's own. Both shared things are pure functions of the network
 * and the work's settings, so sharing changes no output byte ({@code SweepRunnerTest} compares units with standalone
 * runs). A network is dropped once its last unit has run; at most {@code threads} networks are alive at once.
 */
public final class SweepRunner {
    /** What the runner tells its caller as units start and end. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** The plan's units: how many are done already (skipped), how many will run. */
        default void planned(int total, int alreadyDone) {
        }

        /** A unit starts. */
        default void started(SweepPlan.Unit unit) {
        }

        /** A unit ended after {@code seconds} of wall clock. */
        default void finished(SweepPlan.Unit unit, double seconds) {
        }
    }

    /**
     * @param threads         units run at once; a unit alone gets them all for its protocols; every unit may use all
     *                        of them for set-up (shared set-up is computed by one unit while the others wait)
     * @param force           rerun done units whose settings or code changed, and delete units no longer in the plan
     * @param checkInvariants as {@code lnsim run --check-invariants}
     * @param version         lnsim's version line (manifests)
     * @param shard           run only this share of the units and write no tables ({@code lnsim sweep --shard}),
     *                        or null for the whole sweep
     * @param overrides       the {@code --set} arguments the plan was made with, recorded in sweep.json so that
     *                        {@code lnsim merge} can print the command that reruns missing units
     */
    public record Options(int threads, boolean force, boolean checkInvariants, String version, SweepShard shard,
                          List<String> overrides) {
        public Options {
            overrides = List.copyOf(overrides);
        }

        /** The whole sweep, with no {@code --set}. */
        public Options(int threads, boolean force, boolean checkInvariants, String version) {
            this(threads, force, checkInvariants, version, null, List.of());
        }
    }

    /** Called after the units, to write the sweep's tables and figures from the unit folders (next to cells.csv). */
    @FunctionalInterface
    public interface Tables {
        /** @param units the done units to read, in plan order: all of the plan's, or fewer for lnsim merge --partial */
        void write(Path dir, SweepPlan plan, List<SweepPlan.Unit> units) throws IOException;
    }

    private SweepRunner() {
    }

    /**
     * Runs what is not done, then writes cells.csv, sweep.json and the tables; a shard runs what is not done of its
     * share and writes cells.csv, sweep.json and its timings, not the tables ({@link SweepMerge} does, once).
     *
     * <p>Locking: the whole sweep holds {@code DIR/.lock} exclusively; shards hold it shared, so shards run beside
     * each other (each unit is written by its one shard, into a temporary folder renamed into place) but not beside a
     * whole sweep or a merge. Where the file system has no locks, nothing is locked.
     *
     * @throws OutputRefusedException when the folder holds foreign files, another sweep holds it, or a done unit's
     *                                settings or code changed (without {@code force}) — before any unit runs
     */
    public static void run(SweepPlan plan, Path dir, Options options, Listener listener, Tables tables)
            throws IOException, ConfigException {
        SweepFolder.checkOwn(dir);
        SweepFolder.createWritable(dir.resolve(SweepFolder.UNITS));
        boolean whole = options.shard() == null;
        try (FolderLock lock = FolderLock.take(dir, !whole)) {
            if (whole) {
                for (Path folder : List.of(dir, dir.resolve(SweepFolder.FIGURES))) {
                    if (!Files.isDirectory(folder)) {
                        continue;
                    }
                    try (Stream<Path> s = Files.list(folder)) {
                        for (Path p : s.filter(SweepRunner::temporary).toList()) {
                            AtomicFolder.deleteTree(p); // a file a killed sweep was writing
                        }
                    }
                }
            }
            List<SweepPlan.Unit> scope = whole ? plan.units() : options.shard().units(plan);
            List<SweepPlan.Unit> todo = pending(plan, scope, dir, options, whole);
            listener.planned(scope.size(), scope.size() - todo.size());
            SweepFolder.writeAtomically(dir.resolve(SweepFolder.SWEEP_JSON), sweepJson(plan, options));
            SweepFolder.writeAtomically(dir.resolve(SweepFolder.CELLS), cellsCsv(plan));
            Map<String, Double> seconds = runUnits(plan, dir, todo, options, listener);
            if (whole) {
                writeTimings(dir.resolve(SweepFolder.TIMINGS), plan.units(), seconds);
                tables.write(dir, plan, plan.units());
            } else {
                Path file = dir.resolve(SweepFolder.SHARD_TIMINGS).resolve(SweepFolder.shardTimings(options.shard()));
                Files.createDirectories(file.getParent());
                writeTimings(file, scope, seconds);
            }
        }
    }

    /**
     * The units of {@code scope} to run. Deletes temporary folders (all of them for the whole sweep, which holds the
     * folder alone; a shard only its own units'), and with force changed or foreign units; refuses them otherwise.
     * A shard checks its own units and units foreign to the plan, and leaves the other shards' units to them.
     */
    private static List<SweepPlan.Unit> pending(SweepPlan plan, List<SweepPlan.Unit> scope, Path dir,
                                                Options options, boolean whole) throws IOException {
        Path units = dir.resolve(SweepFolder.UNITS);
        Map<String, SweepPlan.Unit> byId = new HashMap<>();
        plan.units().forEach(u -> byId.put(u.id(), u));
        java.util.Set<String> mine = new java.util.HashSet<>();
        scope.forEach(u -> mine.add(u.id()));
        List<String> problems = new ArrayList<>();
        List<Path> stale = new ArrayList<>();
        List<Path> existing;
        try (Stream<Path> s = Files.list(units)) {
            existing = s.sorted().toList();
        }
        for (Path p : existing) {
            String name = p.getFileName().toString();
            if (temporary(p)) {
                if (whole || mine.contains(SweepFolder.unitOfTemporary(name))) {
                    AtomicFolder.deleteTree(p); // a unit a killed sweep left unfinished
                }
                continue;
            }
            SweepPlan.Unit u = byId.get(name);
            if (u == null) {
                problems.add("units/" + name + " is not a unit of this sweep");
                stale.add(p);
                continue;
            }
            if (!mine.contains(name)) {
                continue;
            }
            String why = changed(u, p, options.version());
            if (why != null) {
                problems.add("unit " + name + " ran with other " + why);
                stale.add(p);
            }
        }
        if (!problems.isEmpty()) {
            if (!options.force()) {
                throw new OutputRefusedException(dir, "holds " + problems.size() + " unit(s) of another sweep: "
                        + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                        + (problems.size() > 3 ? "; …" : "") + "; give --force to rerun them (or another --out)");
            }
            for (Path p : stale) {
                AtomicFolder.deleteTree(p);
            }
        }
        List<SweepPlan.Unit> todo = new ArrayList<>();
        for (SweepPlan.Unit u : scope) {
            if (!Files.isDirectory(units.resolve(u.id()))) {
                todo.add(u);
            }
        }
        return todo;
    }

    private static boolean temporary(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /** Why a done unit does not match its plan (settings, or code), or null when it does. */
    static String changed(SweepPlan.Unit u, Path folder, String version) throws IOException {
        String settings = settingsChanged(u, folder);
        if (settings != null) {
            return settings;
        }
        JsonNode done = SweepFolder.read(folder.resolve(SweepFolder.UNIT_JSON));
        String code = version + " " + CodeVersion.fingerprint();
        String then = done.path("lnsim").asText() + " " + done.path("code").asText();
        if (!code.equals(then)) {
            return "code (" + then + " → " + code + ")";
        }
        return null;
    }

    /**
     * Why a done unit's settings are not its plan's (no unit.json, or another settings hash, with the first key that
     * differs), or null when they are; the code that ran it is not compared ({@code lnsim reproduce --from-sweep}
     * reads units of another build).
     */
    public static String settingsChanged(SweepPlan.Unit u, Path folder) throws IOException {
        Path json = folder.resolve(SweepFolder.UNIT_JSON);
        if (!Files.isRegularFile(json)) {
            return "contents (no " + SweepFolder.UNIT_JSON + ")";
        }
        JsonNode done = SweepFolder.read(json);
        if (!SweepFolder.settingsHash(u.settings().config()).equals(done.path("settings_sha256").asText())) {
            String diff = null;
            Path manifest = folder.resolve("manifest.json");
            if (Files.isRegularFile(manifest)) {
                diff = SweepFolder.firstDifference(SweepFolder.read(manifest).get("config"), u.settings().config(), "");
            }
            return "settings" + (diff == null ? "" : " (" + diff + ")");
        }
        return null;
    }

    /** A network built once and the work shared on it, kept while units that need it remain. */
    private static final class SharedNetwork {
        final List<ProtocolRegistry.Entry> entries = new ArrayList<>();
        int remaining;
        ExperimentRunner.Network net;
        ProtocolRegistry.Run pool;

        synchronized void build(SweepPlan.Unit unit, Path baseDir) throws IOException, ConfigException {
            if (net == null) {
                net = ExperimentRunner.network(unit.settings(), baseDir, ExperimentRunner.Progress.NONE);
                pool = new ProtocolRegistry.Run(net.graph(), entries);
            }
        }
    }

    private static Map<String, Double> runUnits(SweepPlan plan, Path dir, List<SweepPlan.Unit> todo, Options options,
                                                Listener listener) throws IOException, ConfigException {
        Map<Object, SharedNetwork> networks = new HashMap<>();
        for (SweepPlan.Unit u : todo) {
            SharedNetwork n = networks.computeIfAbsent(ExperimentRunner.networkKey(u.settings()),
                    k -> new SharedNetwork());
            n.entries.addAll(u.settings().protocols());
            n.remaining++;
        }
        int workers = Math.max(1, Math.min(options.threads(), todo.size()));
        int inner = Math.max(1, options.threads() / workers);
        Map<String, Double> seconds = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < todo.size(); i = next.getAndIncrement()) {
                        SweepPlan.Unit u = todo.get(i);
                        SharedNetwork shared = networks.get(ExperimentRunner.networkKey(u.settings()));
                        listener.started(u);
                        long t0 = System.nanoTime();
                        shared.build(u, plan.baseDir());
                        runUnit(plan, dir, u, shared, inner, options);
                        synchronized (shared) {
                            if (--shared.remaining == 0) {
                                shared.net = null;
                                shared.pool = null;
                            }
                        }
                        double s = (System.nanoTime() - t0) / 1e9;
                        seconds.put(u.id(), s);
                        listener.finished(u, s);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw Tasks.rethrow(e);
        } finally {
            pool.shutdownNow();
        }
        return seconds;
    }

    /** Runs one unit into a temporary folder ({@link AtomicFolder}), adds unit.json, and renames it into place. */
    private static void runUnit(SweepPlan plan, Path dir, SweepPlan.Unit u, SharedNetwork shared, int threads,
                                Options options) throws IOException, ConfigException {
        ExperimentRunner.Result result = ExperimentRunner.run(u.settings(), plan.baseDir(), options.checkInvariants(),
                threads, options.threads(), ExperimentRunner.Progress.NONE, shared.net, shared.pool);
        Path target = dir.resolve(SweepFolder.UNITS).resolve(u.id());
        try (AtomicFolder folder = AtomicFolder.open(target, n -> RunOutputs.isRunFile(n)
                || n.equals(SweepFolder.UNIT_JSON), false, "give --force to rerun it")) {
            Path tmp = folder.dir();
            result.write(tmp, u.settings(), plan.source() + ", unit " + u.id(), options.version());
            ObjectNode json = SweepFolder.object();
            json.put("unit", u.id());
            json.put("cell", u.cell().id());
            json.put("replication", u.replication());
            json.put("seed", u.seed());
            json.put("settings_sha256", SweepFolder.settingsHash(u.settings().config()));
            json.put("lnsim", options.version());
            json.put("code", CodeVersion.fingerprint());
            Files.writeString(tmp.resolve(SweepFolder.UNIT_JSON), SweepFolder.pretty(json));
            folder.commit();
        }
    }

    /**
     * sweep.json: the plan whole — lnsim's version and code, the file as given (after {@code --set}) with its source,
     * folder and overrides, the axes, cells and every unit with its seed and settings hash — so that
     * {@link SweepMerge} can rebuild the plan and check the units without the file.
     */
    static String sweepJson(SweepPlan plan, Options options) throws IOException {
        ObjectNode json = SweepFolder.object();
        json.put("lnsim", options.version());
        json.put("code", CodeVersion.fingerprint());
        json.put("config_source", plan.source());
        ArrayNode sets = json.putArray("set");
        options.overrides().forEach(sets::add);
        json.put("base_dir", plan.baseDir().toString());
        json.put("working_dir", Path.of("").toAbsolutePath().toString());
        json.set("config", plan.file().tree());
        ArrayNode axes = json.putArray("axes");
        for (SweepPlan.Axis a : plan.axes()) {
            ObjectNode axis = axes.addObject();
            ArrayNode keys = axis.putArray("keys");
            a.keys().forEach(keys::add);
            ArrayNode rows = axis.putArray("values");
            for (List<JsonNode> row : a.rows()) {
                ArrayNode r = rows.addArray();
                row.forEach(r::add);
            }
        }
        json.put("replications", plan.replications());
        json.set("units", units(plan));
        return SweepFolder.pretty(json);
    }

    /** sweep.json's {@code units}: every unit's id, seed and settings hash, in plan order. */
    private static ArrayNode units(SweepPlan plan) {
        ArrayNode units = SweepFolder.object().arrayNode();
        for (SweepPlan.Unit u : plan.units()) {
            ObjectNode unit = units.addObject();
            unit.put("unit", u.id());
            unit.put("seed", u.seed());
            unit.put("settings_sha256", SweepFolder.settingsHash(u.settings().config()));
        }
        return units;
    }

    /**
     * Whether a sweep.json records exactly this plan's units: the same ids, seeds and settings hashes, in order.
     * Compared as text: a parsed seed that fits an int is an IntNode, which never equals the LongNode written.
     */
    public static boolean samePlan(SweepPlan plan, JsonNode sweepJson) {
        return units(plan).toString().equals(sweepJson.path("units").toString());
    }

    /** cells.csv: {@code cell} and one column per axis key, values as {@link SweepPlan.Cell#valueTexts()}. */
    public static String cellsCsv(SweepPlan plan) {
        StringBuilder sb = new StringBuilder("cell");
        for (String k : plan.axisKeys()) {
            sb.append(',').append(CsvField.of(k));
        }
        sb.append('\n');
        for (SweepPlan.Cell c : plan.cells()) {
            sb.append(c.id());
            for (String v : c.valueTexts().values()) {
                sb.append(',').append(CsvField.of(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** unit_timings.csv (or a shard's timings file): one row per unit of {@code units}, ran or done earlier. */
    private static void writeTimings(Path file, List<SweepPlan.Unit> units, Map<String, Double> seconds)
            throws IOException {
        StringBuilder sb = new StringBuilder(TIMINGS_HEADER);
        for (SweepPlan.Unit u : units) {
            Double s = seconds.get(u.id());
            sb.append(u.id()).append(',').append(u.cell().id()).append(',').append(u.replication()).append(',')
                    .append(s == null ? "done earlier," : "ran," + String.format(Locale.ROOT, "%.3f", s))
                    .append('\n');
        }
        SweepFolder.writeAtomically(file, sb.toString());
    }

    /** The header of unit_timings.csv and of a shard's timings. */
    static final String TIMINGS_HEADER = "unit,cell,replication,status,wall_s\n";
}
