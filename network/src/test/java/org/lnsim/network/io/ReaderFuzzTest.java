package org.lnsim.network.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;

/**
 * Property-based fuzzing of every network reader and of the CLoTH payment trace reader (issue 21, "Fuzzing"), at the
 * API the CLI uses. The property: {@link NetworkFormats#load} either returns a network that passes
 * {@link ChannelGraph#check()} with every amount within its type and the 21M BTC supply, or throws a
 * {@link NetworkFormatException} (the CLI's exit 2) whose message names the file; any other exception or error
 * (NullPointerException, ArithmeticException, an IllegalArgumentException escaping, OutOfMemoryError from a corrupt
 * count, StackOverflowError) fails the try. The trace reader likewise returns payments with positive amounts within
 * the supply and valid, distinct node indices, or names the file.
 *
 * <p>Each reader has a property on mutated real inputs ({@link FuzzCorpus}: slices of the shipped snapshots, changed
 * by {@link Mutator}) and one on generated inputs ({@link FuzzGenerators}). Seeds are fixed, so {@code mvn verify}
 * is reproducible; tries come from {@code -Dfuzz.tries} ({@link FuzzTries}). A failing try's input is written to
 * {@code target/fuzz-failures/<property>-<seed>/} and named in the failure, ready for a regression test
 * ({@link ReaderFuzzRegressionTest}).
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class ReaderFuzzTest {
    private static Path work;
    /** Per property: tries, accepted (exit 0), refused (exit 2); printed after the class. */
    private static final Map<String, long[]> STATS = new java.util.TreeMap<>();
    private static long started;
    private static ChannelGraph traceGraph;
    private static byte[] nativeSlice;

    @BeforeContainer
    static void setUp() throws IOException {
        work = Files.createTempDirectory("lnsim-fuzz");
        started = System.nanoTime();
    }

    @AfterContainer
    static void tearDown() throws IOException {
        delete(work);
        for (Map.Entry<String, long[]> e : STATS.entrySet()) {
            long[] v = e.getValue();
            System.out.printf(java.util.Locale.ROOT, "fuzz %-20s %8d tries %8d accepted %8d refused%n", e.getKey(),
                    v[0], v[1], v[2]);
        }
        System.out.printf(java.util.Locale.ROOT, "fuzz total %.1f s (fuzz.tries=%d per property)%n",
                (System.nanoTime() - started) / 1e9, FuzzTries.tries());
    }

    private static synchronized void count(String property, int outcome) {
        long[] v = STATS.computeIfAbsent(property, k -> new long[3]);
        v[0]++;
        v[outcome]++;
    }

    // ---- lnd describegraph ----

    @Property(seed = "2101", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void lndMutated(@ForAll long seed) {
        FuzzCorpus.Input in = FuzzCorpus.lnd();
        Mutator m = new Mutator(seed, "nodes", "edges", "pub_key", "alias", "addresses", "channel_id", "node1_pub",
                "node2_pub", "capacity", "node1_policy", "node2_policy", "time_lock_delta", "min_htlc",
                "fee_base_msat", "fee_rate_milli_msat", "disabled", "max_htlc_msat", "last_update");
        assertLoadContract("lndMutated", seed, mutateOne(in, m));
    }

    @Property(seed = "2102", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void lndGenerated(@ForAll long seed) {
        FuzzGenerators g = new FuzzGenerators(seed);
        assertLoadContract("lndGenerated", seed, new FuzzCorpus.Input(Map.of("graph.json", g.lnd()), "graph.json"));
    }

    // ---- Core Lightning listchannels (+ listnodes) ----

    @Property(seed = "2103", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void clnMutated(@ForAll long seed) {
        Mutator m = new Mutator(seed, "channels", "nodes", "source", "destination", "short_channel_id", "public",
                "satoshis", "amount_msat", "message_flags", "channel_flags", "active", "last_update",
                "base_fee_millisatoshi", "fee_per_millionth", "delay", "htlc_minimum_msat", "htlc_maximum_msat",
                "nodeid", "alias", "addresses", "type", "address", "port", "policy_unknown");
        List<FuzzCorpus.Input> seeds = FuzzCorpus.cln();
        FuzzCorpus.Input in = seeds.get(m.random().nextInt(seeds.size()));
        assertLoadContract("clnMutated", seed, mutateOne(in, m));
    }

    @Property(seed = "2104", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void clnGenerated(@ForAll long seed) {
        FuzzGenerators g = new FuzzGenerators(seed);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("g-listchannels.json", g.clnChannels());
        if (g.random().nextBoolean()) {
            files.put("g-listnodes.json", g.clnNodes());
        }
        assertLoadContract("clnGenerated", seed, new FuzzCorpus.Input(files, "g-listchannels.json"));
    }

    // ---- ln-graph-viz ----

    @Property(seed = "2105", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void lnGraphVizMutated(@ForAll long seed) {
        Mutator m = new Mutator(seed, "nodes", "edges", "id", "pub_key", "alias", "Node_Type", "Total_Channels",
                "source", "target", "capacity", "Channel_Size_Tier", "Channel_Size_Range");
        assertLoadContract("lnGraphVizMutated", seed, mutateOne(FuzzCorpus.lnGraphViz(), m));
    }

    @Property(seed = "2106", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void lnGraphVizGenerated(@ForAll long seed) {
        FuzzGenerators g = new FuzzGenerators(seed);
        assertLoadContract("lnGraphVizGenerated", seed,
                new FuzzCorpus.Input(Map.of("viz.json", g.lnGraphViz()), "viz.json"));
    }

    // ---- CLoTH CSV folder ----

    @Property(seed = "2107", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void clothMutated(@ForAll long seed) {
        Mutator m = new Mutator(seed, "id", "edge1_id", "edge2_id", "node1_id", "node2_id", "capacity", "channel_id",
                "counter_edge_id", "from_node_id", "to_node_id", "balance", "fee_base", "fee_proportional",
                "min_htlc", "timelock", "capacity(millisat)", "latency");
        List<FuzzCorpus.Input> seeds = FuzzCorpus.cloth();
        FuzzCorpus.Input in = seeds.get(m.random().nextInt(seeds.size()));
        assertLoadContract("clothMutated", seed, mutateFolder(in, m));
    }

    @Property(seed = "2108", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void clothGenerated(@ForAll long seed) {
        FuzzGenerators g = new FuzzGenerators(seed);
        assertLoadContract("clothGenerated", seed, new FuzzCorpus.Input(g.cloth(), null));
    }

    // ---- native .lnsim ----

    @Property(seed = "2109", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void nativeMutated(@ForAll long seed) {
        Mutator m = new Mutator(seed);
        byte[] v2 = nativeSlice();
        // a version 1 file has no checksum: its mutations reach every structural check
        byte[] base = m.random().nextBoolean() ? v2 : FuzzGenerators.toVersion1(v2);
        byte[] mutated = m.random().nextInt(3) == 0 ? m.encode(m.once(base)) : m.once(base);
        assertLoadContract("nativeMutated", seed, new FuzzCorpus.Input(Map.of("net.lnsim", mutated), "net.lnsim"));
    }

    @Property(seed = "2110", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void nativeGenerated(@ForAll long seed) {
        FuzzGenerators g = new FuzzGenerators(seed);
        byte[] v2 = FuzzCorpus.nativeBytes(g.graph());
        byte[] file = g.random().nextInt(5) == 0 ? v2 : g.corruptNativeBody(v2);
        assertLoadContract("nativeGenerated", seed, new FuzzCorpus.Input(Map.of("gen.lnsim", file), "gen.lnsim"));
    }

    // ---- CLoTH payment trace ----

    @Property(seed = "2111", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void traceMutated(@ForAll long seed) {
        FuzzGenerators g = new FuzzGenerators(seed ^ 0x5DEECE66DL);
        Mutator m = new Mutator(seed, "id", "sender_id", "receiver_id", "amount", "start_time");
        ChannelGraph graph = traceGraph();
        byte[] valid = validTrace(graph, g);
        assertTraceContract("traceMutated", seed, graph, m.mutate(valid));
    }

    @Property(seed = "2112", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void traceGenerated(@ForAll long seed) {
        FuzzGenerators g = new FuzzGenerators(seed);
        ChannelGraph graph = traceGraph();
        assertTraceContract("traceGenerated", seed, graph, g.trace(graph));
    }

    // ---- the contract ----

    /**
     * Loads {@code in} with {@link NetworkFormats#load} and checks the contract (see the class comment).
     */
    static void assertLoadContract(String property, long seed, FuzzCorpus.Input in) {
        Path dir = write(in);
        Path path = in.entry() == null ? dir : dir.resolve(in.entry());
        LoadedNetwork loaded;
        try {
            loaded = NetworkFormats.load(path);
        } catch (NetworkFormatException e) {
            if (e.file() == null || !namesAFile(e.getMessage(), dir, in)) {
                throw failure(property, seed, in, "the message does not name the file: " + e.getMessage(), e);
            }
            count(property, 2);
            return;
        } catch (Throwable t) {
            throw failure(property, seed, in, "not a NetworkFormatException: " + t, t);
        }
        count(property, 1);
        try {
            checkGraph(loaded.graph());
        } catch (Throwable t) {
            throw failure(property, seed, in, "accepted an inconsistent network: " + t.getMessage(), t);
        }
    }

    /** Every invariant of a loaded graph, and every amount within its type and the supply. */
    static void checkGraph(ChannelGraph g) {
        g.check();
        for (int c = 0; c < g.channelCount(); c++) {
            if (g.capacitySat(c) < 0 || g.capacitySat(c) > ChannelGraph.MAX_CAPACITY_SAT) {
                throw new AssertionError("channel " + c + " capacity " + g.capacitySat(c));
            }
        }
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            if (!g.hasPolicy(e)) {
                continue;
            }
            // the record's constructor checks u32 fees, u16 cltv, and HTLC limits within 0..supply
            ChannelPolicy p = g.policy(e);
            if (p.hasHtlcMaximum() && p.htlcMaximumMsat() > ChannelGraph.MAX_MSAT) {
                throw new AssertionError("direction " + e + " htlc maximum " + p.htlcMaximumMsat());
            }
        }
    }

    static void assertTraceContract(String property, long seed, ChannelGraph graph, byte[] trace) {
        FuzzCorpus.Input in = new FuzzCorpus.Input(Map.of("payments.csv", trace), "payments.csv");
        Path file = write(in).resolve("payments.csv");
        List<ClothPaymentsTrace.Payment> payments;
        try {
            payments = ClothPaymentsTrace.read(file, graph);
        } catch (NetworkFormatException e) {
            if (e.file() == null || !e.getMessage().contains("payments.csv")) {
                throw failure(property, seed, in, "the message does not name the file: " + e.getMessage(), e);
            }
            count(property, 2);
            return;
        } catch (Throwable t) {
            throw failure(property, seed, in, "not a NetworkFormatException: " + t, t);
        }
        count(property, 1);
        long last = 0;
        for (ClothPaymentsTrace.Payment p : payments) {
            if (p.amountMsat() <= 0 || p.amountMsat() > ChannelGraph.MAX_MSAT || p.sender() < 0
                    || p.sender() >= graph.nodeCount() || p.receiver() < 0 || p.receiver() >= graph.nodeCount()
                    || p.sender() == p.receiver() || p.startUs() < last) {
                throw failure(property, seed, in, "accepted an impossible payment " + p, null);
            }
            last = p.startUs();
        }
    }

    /** Whether the message names the loaded path or one of its files (a CLoTH folder's, a listnodes sibling). */
    private static boolean namesAFile(String message, Path dir, FuzzCorpus.Input in) {
        if (in.entry() == null && message.contains(dir.getFileName().toString())) {
            return true;
        }
        return in.files().keySet().stream().anyMatch(name -> message.contains(name));
    }

    private static AssertionError failure(String property, long seed, FuzzCorpus.Input in, String what,
                                          Throwable cause) {
        Path saved = Path.of("target", "fuzz-failures", property + "-" + seed);
        try {
            delete(saved);
            Files.createDirectories(saved);
            for (Map.Entry<String, byte[]> f : in.files().entrySet()) {
                Files.write(saved.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            saved = Path.of("(not saved: " + e + ")");
        }
        return new AssertionError(property + " seed " + seed + ": " + what + "; input saved in "
                + saved.toAbsolutePath() + (in.entry() == null ? "" : " (load " + in.entry() + ")"), cause);
    }

    // ---- inputs ----

    /** Mutates one file of the input (the entry most of the time; a sibling listnodes otherwise), or drops it. */
    private static FuzzCorpus.Input mutateOne(FuzzCorpus.Input in, Mutator m) {
        Map<String, byte[]> files = new LinkedHashMap<>(in.files());
        List<String> names = List.copyOf(files.keySet());
        String target = names.size() == 1 || m.random().nextInt(4) > 0 ? in.entry() : names.get(1);
        if (!target.equals(in.entry()) && m.random().nextInt(5) == 0) {
            files.remove(target);
        } else {
            files.put(target, m.mutate(files.get(target)));
        }
        return new FuzzCorpus.Input(files, in.entry());
    }

    /**
     * Mutates one or two files of a CLoTH folder; sometimes also gzips one under its {@code .csv.gz} name (or next to
     * its plain copy), renames one, or removes one.
     */
    private static FuzzCorpus.Input mutateFolder(FuzzCorpus.Input in, Mutator m) {
        Map<String, byte[]> files = new LinkedHashMap<>(in.files());
        List<String> names = List.copyOf(files.keySet());
        for (int k = 1 + m.random().nextInt(2); k > 0; k--) {
            String name = names.get(m.random().nextInt(names.size()));
            files.put(name, m.mutate(files.get(name)));
        }
        String name = names.get(m.random().nextInt(names.size()));
        switch (m.random().nextInt(8)) {
            case 0 -> files.put(name + ".gz", Mutator.gzip(files.remove(name)));
            case 1 -> files.put(name + ".gz", Mutator.gzip(files.get(name)));
            case 2 -> files.remove(name);
            case 3 -> files.put(name + ".gz", files.remove(name)); // .gz name, plain content
            default -> {
            }
        }
        return new FuzzCorpus.Input(files, null);
    }

    private static synchronized byte[] nativeSlice() {
        if (nativeSlice == null) {
            Path dir = write(FuzzCorpus.lnd());
            try {
                nativeSlice = FuzzCorpus.nativeBytes(NetworkFormats.load(dir.resolve("graph.json")).graph());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nativeSlice;
    }

    private static synchronized ChannelGraph traceGraph() {
        if (traceGraph == null) {
            Path dir = write(FuzzCorpus.cloth().get(0));
            try {
                traceGraph = NetworkFormats.load(dir).graph();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return traceGraph;
    }

    /** A valid trace between nodes with channels of {@code graph}. */
    private static byte[] validTrace(ChannelGraph graph, FuzzGenerators g) {
        StringBuilder sb = new StringBuilder("id,sender_id,receiver_id,amount,start_time\n");
        long t = 0;
        for (int i = 0; i < 12; i++) {
            int a = 0;
            int b = graph.outPeer(graph.outStart(0));
            t += g.random().nextInt(500);
            sb.append(i).append(',').append(graph.nodeIdHex(a)).append(',').append(graph.nodeIdHex(b)).append(',')
                    .append(1 + g.random().nextInt(10_000_000)).append(',').append(t).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes the input's files into a fresh folder under the work folder (the previous try's is removed). */
    private static Path write(FuzzCorpus.Input in) {
        try {
            Path dir = work.resolve("case");
            delete(dir);
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> f : in.files().entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) throws IOException {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
