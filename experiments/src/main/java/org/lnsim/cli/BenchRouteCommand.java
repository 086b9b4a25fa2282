package org.lnsim.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.CostModel;
import org.lnsim.protocols.routing.Fallback;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim bench route NETWORK}: times the hybrid router on N seeded random (sender, destination) pairs and, on
 * request, checks it against JGraphT's Dijkstra on the same pairs in the same run.
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>Pairs: sender ≠ destination, both drawn uniformly from the nodes that can pay and be paid (a usable
 *       channel each way, as a workload's endpoints), from the
 *       {@code SplittableRandom} stream ("bench-route/pairs", seed); warm-up pairs from a separate stream, so the
 *       measured pairs do not depend on {@code --warmup}. The fuzz seed of query i is drawn from the pair stream
 *       too. Same network + options + seed ⇒ the same queries and the same routes (timings vary, of course).</li>
 *   <li>Query time: {@code System.nanoTime()} around {@link HybridRouter#find} only (request objects are built
 *       beforehand), recorded in an HdrHistogram with 3 significant digits. The W warm-up queries run first, on the
 *       same threads, and are excluded.</li>
 *   <li>With {@code --threads T}: queries are handed out to T threads; per-query times are per thread (they grow
 *       when threads compete for cores), and throughput is N / wall time.</li>
 *   <li>With {@code --compare-jgrapht}: for the same N pairs, one at a time on the calling thread, lnsim's plain
 *       Dijkstra in flat-cost mode (fixed amount, fuzz 0, no hop limit) and JGraphT's {@code DijkstraShortestPath}
 *       on a {@code DirectedWeightedPseudograph} whose edge weights are {@link CostModel#flatEdgeWeight}. JGraphT
 *       searches forwards and stops when the destination is settled; lnsim searches backwards and stops as soon as
 *       the sender's label is provably final (its exact early exits are part of what is timed). Every pair's cost
 *       must agree (cost = amount + JGraphT path weight); any mismatch makes the command exit 1. Speed-up = median
 *       JGraphT time / median lnsim flat time. The JGraphT graph's construction is not timed.</li>
 * </ul>
 */
@Command(name = "route", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Times route queries on random seeded sender/destination pairs: found share, query-time "
                + "percentiles, hop counts, fallback share; optionally checks and times JGraphT's Dijkstra on the "
                + "same pairs.",
                "Exit codes: 0 done, 1 the JGraphT comparison found a cost mismatch, 2 bad input."})
final class BenchRouteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Network file in any supported format.")
    Path network;

    @Option(names = "--queries", defaultValue = "1000", paramLabel = "N",
            description = "Measured queries (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the pairs and fuzz seeds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--amount-msat", defaultValue = "1000000", paramLabel = "A",
            description = "Amount per query, msat (default: ${DEFAULT-VALUE}).")
    long amountMsat;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "Threads running queries concurrently (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "200", paramLabel = "W",
            description = "JIT warm-up queries, run first and not timed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--algorithm", defaultValue = "hybrid", converter = BenchAlgorithmConverter.class,
            description = "hybrid, dijkstra or bfg (c-lightning's router), or lnd (lnd v0.18.5-beta's search for a "
                    + "sender with empty mission control; protocol lnd's defaults), or ldk (LDK v0.2.5's find_route "
                    + "with an empty scorer, MPP path collection included; protocol ldk's defaults), or cloth "
                    + "(CLoTH e0e4043's search with an empty memory, the sender's channels at full capacity) "
                    + "(default: ${DEFAULT-VALUE}).")
    Algorithm algorithm;

    @Option(names = "--fallback", defaultValue = "bfg", converter = RouteOptions.FallbackConverter.class,
            description = "Hybrid's fallback: bfg or bias (default: ${DEFAULT-VALUE}).")
    Fallback fallback;

    @Option(names = "--max-hops", defaultValue = "20", paramLabel = "H", description = "Hop limit (default: ${DEFAULT-VALUE}).")
    int maxHops;

    @Option(names = "--compare-jgrapht", description = "Also run JGraphT's Dijkstra on the same pairs with the same "
            + "flat edge costs; check equal costs and report the speed-up.")
    boolean compareJgrapht;

    @Option(names = "--format", defaultValue = "text", converter = RouteOptions.OutputFormatConverter.class,
            description = "text or json (default: ${DEFAULT-VALUE}).")
    RouteOptions.OutputFormat format;

    @Option(names = "--quiet", description = "No progress line on stderr (it is drawn only on a terminal anyway).")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What the JGraphT comparison times, word for word in the output. */
    static final String COMPARED = "lnsim plain Dijkstra (backwards from the destination, with its exact early "
            + "exits) vs JGraphT DijkstraShortestPath (forwards, stops when the destination is settled); both with "
            + "flat costs (fee, risk and HTLC bounds at the fixed amount; fuzz 0, riskfactor 10), no hop limit, "
            + "the same edge weights (CostModel.flatEdgeWeight)";

    /** JGraphT queries are slow; its warm-up is capped so that the comparison stays affordable at million scale. */
    static final int JGRAPHT_WARMUP_CAP = 20;

    @Override
    public Integer call() throws Exception {
        if (queries < 1) {
            throw new ExitCodes.BadInputException("--queries must be >= 1: " + queries);
        }
        threads = Threads.cap(threads, spec.qualifiedName(), spec.commandLine().getErr());
        if (warmup < 0) {
            throw new ExitCodes.BadInputException("--warmup must be >= 0: " + warmup);
        }
        if (compareJgrapht && ownSearch()) {
            throw new ExitCodes.BadInputException("--compare-jgrapht checks c-lightning's Dijkstra; it cannot be "
                    + "combined with --algorithm " + algorithm.label());
        }
        ChannelGraph g = org.lnsim.cli.Progress.load(network, quiet).graph();
        int[] eligible = payableNodes(g);
        if (eligible.length < 2) {
            throw new ExitCodes.BadInputException(network + ": fewer than two nodes have a usable channel each way; "
                    + "nothing to route");
        }
        RouteRequest[] measured;
        RouteRequest[] warm;
        try {
            measured = requests(g, eligible, queries, stream(seed, "bench-route/pairs"));
            warm = requests(g, eligible, warmup, stream(seed, "bench-route/warmup"));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        HybridRouter router = ownSearch() ? null : new HybridRouter(g);
        Progress progress = Progress.forTerminal(quiet);

        run(searches(g, router, warm), warm.length, threads, null, progress, "warm-up");
        Route[] routes = new Route[queries];
        Histogram hist = new Histogram(3);
        long wall = run(searches(g, router, measured), measured.length, threads, new Recorder(routes, hist), progress,
                "queries");
        Stats stats = Stats.of(routes);

        Comparison cmp = compareJgrapht ? compare(g, router, measured, warm, progress) : null;
        progress.close();

        PrintWriter out = spec.commandLine().getOut();
        out.print(format == RouteOptions.OutputFormat.JSON ? json(stats, hist, wall, cmp)
                : text(g, stats, hist, wall, cmp));
        out.flush();
        if (cmp != null && cmp.mismatches > 0) {
            spec.commandLine().getErr().println("lnsim bench route: " + cmp.mismatches
                    + " cost mismatch(es) between lnsim and JGraphT; first: " + cmp.firstMismatch);
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    // ------------------------------------------------------------------ queries

    /**
     * The nodes a query may start or end at: those that can pay and be paid (a usable channel each way), as a
     * workload's endpoints ({@link org.lnsim.engine.workload.WorkloadGenerator#canPayAndBePaid}) — a node whose
     * channels are all disabled (offline on a snapshot or a generated network) has no route to find.
     */
    static int[] payableNodes(ChannelGraph g) {
        return java.util.stream.IntStream.range(0, g.nodeCount())
                .filter(v -> org.lnsim.engine.workload.WorkloadGenerator.canPayAndBePaid(g, v)).toArray();
    }

    /** Two different nodes, each uniform over {@code eligible}, drawn in that order from {@code rnd}. */
    static int[] distinctPair(int[] eligible, SplittableRandom rnd) {
        int a = eligible[rnd.nextInt(eligible.length)];
        int b;
        do {
            b = eligible[rnd.nextInt(eligible.length)];
        } while (b == a);
        return new int[] {a, b};
    }

    /** A named, seeded stream: the seed mixed with the name's hash (common rules: seeded, named streams). */
    static SplittableRandom stream(long seed, String name) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    private RouteRequest[] requests(ChannelGraph g, int[] eligible, int count, SplittableRandom rnd) {
        // lnd's, LDK's and CLoTH's searches read only the pair and the amount of a request, drawn as for the hybrid router
        return requests(eligible, count, rnd, amountMsat, maxHops,
                ownSearch() ? Algorithm.HYBRID : algorithm, fallback);
    }

    /**
     * The benchmark's queries: sender ≠ destination, both uniform over {@code eligible}, and a fuzz seed, drawn in
     * that order from {@code rnd}; c-lightning's default riskfactor and fuzz.
     */
    static RouteRequest[] requests(int[] eligible, int count, SplittableRandom rnd, long amountMsat, int maxHops,
                                   Algorithm algorithm, Fallback fallback) {
        RouteRequest[] r = new RouteRequest[count];
        for (int i = 0; i < count; i++) {
            int[] pair = distinctPair(eligible, rnd);
            long fuzzSeed = rnd.nextLong();
            r[i] = RouteRequest.of(pair[0], pair[1], amountMsat).withFuzz(CostModel.DEFAULT_FUZZ, fuzzSeed).withMaxHops(maxHops)
                    .withAlgorithm(algorithm).withFallback(fallback);
        }
        return r;
    }

    /**
     * Whether {@code --algorithm} names another scheme's search (lnd's, LDK's, CLoTH's) rather than the hybrid
     * router's: it keeps its own costs and hop limit, and there is no JGraphT comparison of it.
     */
    private boolean ownSearch() {
        return algorithm == Algorithm.LND || algorithm == Algorithm.LDK || algorithm == Algorithm.CLOTH;
    }

    /** lnd's or LDK's searches over one shared copy of the in-edges (built once, for warm-up and measured queries). */
    private java.util.function.Supplier<org.lnsim.protocols.routing.PathFinder> finders;

    /** One thread's searches: the route of query i. */
    private interface Search {
        Route find(int i);
    }

    /**
     * A maker of one {@link Search} per thread over {@code requests}: the hybrid router is shared (immutable and
     * thread-safe); lnd's and LDK's searches keep scratch arrays, so each thread gets its own, built before the clock
     * starts.
     */
    private java.util.function.Supplier<Search> searches(ChannelGraph g, HybridRouter router,
                                                         RouteRequest[] requests) {
        if (ownSearch()) {
            if (finders == null) {
                finders = switch (algorithm) {
                    case LND -> org.lnsim.protocols.lnd.LndRouting.pathFinders(g,
                            org.lnsim.protocols.lnd.LndSettings.DEFAULT);
                    case LDK -> org.lnsim.protocols.ldk.LdkRouting.pathFinders(g,
                            org.lnsim.protocols.ldk.LdkSettings.DEFAULT);
                    default -> org.lnsim.protocols.cloth.ClothRouting.pathFinders(g);
                };
            }
            return () -> {
                org.lnsim.protocols.routing.PathFinder f = finders.get();
                return i -> f.find(requests[i].source(), requests[i].target(), requests[i].amountMsat());
            };
        }
        return () -> i -> router.find(requests[i]);
    }

    /** {@code --algorithm}: the route command's algorithms, and lnd's and LDK's searches. */
    static final class BenchAlgorithmConverter implements picocli.CommandLine.ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String value) {
            for (Algorithm a : new Algorithm[] {Algorithm.LND, Algorithm.LDK, Algorithm.CLOTH}) {
                if (a.label().equalsIgnoreCase(value)) {
                    return a;
                }
            }
            try {
                return new RouteOptions.AlgorithmConverter().convert(value);
            } catch (picocli.CommandLine.TypeConversionException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not an algorithm; choose hybrid, dijkstra, bfg, lnd, ldk or cloth");
            }
        }
    }

    /** Where measured queries go: the route by query index, the time into the thread's own histogram. */
    private record Recorder(Route[] routes, Histogram merged) {
    }

    /**
     * Runs the requests on {@code threads} threads (the calling thread when 1), handing out indices in order.
     *
     * @return the wall time in nanoseconds
     */
    private static long run(java.util.function.Supplier<Search> searches, int count, int threads, Recorder rec,
                            Progress progress, String what) throws InterruptedException {
        if (count == 0) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Histogram[] perThread = new Histogram[threads];
        Runnable[] work = new Runnable[threads];
        for (int k = 0; k < threads; k++) {
            Histogram h = new Histogram(3);
            perThread[k] = h;
            Search search = searches.get();
            work[k] = () -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        Route route = search.find(i);
                        long dt = System.nanoTime() - t0;
                        if (rec != null) {
                            rec.routes[i] = route;
                            h.recordValue(dt);
                        }
                        progress.tick(what, i, count);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            };
        }
        long start = System.nanoTime();
        if (threads == 1) {
            work[0].run();
        } else {
            Thread[] ts = new Thread[threads];
            for (int k = 0; k < threads; k++) {
                ts[k] = new Thread(work[k], "bench-route-" + k);
                ts[k].start();
            }
            for (Thread t : ts) {
                t.join();
            }
        }
        long wall = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a query failed: " + failure.get(), failure.get());
        }
        if (rec != null) {
            for (Histogram h : perThread) {
                rec.merged.add(h);
            }
        }
        return wall;
    }

    /** Counts over the measured routes; independent of thread count and timing. */
    record Stats(int queries, int found, int fallback, int maxHops, TreeMap<Integer, Integer> hopHistogram) {
        static Stats of(Route[] routes) {
            int found = 0;
            int fallback = 0;
            int maxHops = 0;
            TreeMap<Integer, Integer> hist = new TreeMap<>();
            for (Route r : routes) {
                if (!r.found()) {
                    continue;
                }
                found++;
                if (r.algorithm() == Algorithm.FALLBACK_BFG || r.algorithm() == Algorithm.FALLBACK_BIAS) {
                    fallback++;
                }
                maxHops = Math.max(maxHops, r.hopCount());
                hist.merge(r.hopCount(), 1, Integer::sum);
            }
            return new Stats(routes.length, found, fallback, maxHops, hist);
        }

        double foundShare() {
            return (double) found / queries;
        }

        double fallbackShare() {
            return (double) fallback / queries;
        }
    }

    // ------------------------------------------------------------------ JGraphT comparison

    /** Result of the JGraphT comparison; times in ns. */
    record Comparison(int pairs, int reachable, int mismatches, String firstMismatch, Histogram lnsim,
                      Histogram jgrapht, long buildNanos, int edges) {
        double speedup() {
            return (double) jgrapht.getValueAtPercentile(50) / lnsim.getValueAtPercentile(50);
        }
    }

    private Comparison compare(ChannelGraph g, HybridRouter router, RouteRequest[] measured, RouteRequest[] warm,
                               Progress progress) {
        long t0 = System.nanoTime();
        double rf = CostModel.perBlockFactor(CostModel.DEFAULT_RISKFACTOR);
        DirectedWeightedPseudograph<Integer, DefaultWeightedEdge> jg =
                new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
        for (int v = 0; v < g.nodeCount(); v++) {
            jg.addVertex(v);
        }
        int edges = 0;
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            long w = CostModel.flatEdgeWeight(g, e, amountMsat, rf);
            if (w != CostModel.NO_EDGE) {
                DefaultWeightedEdge edge = jg.addEdge(g.source(e), g.target(e));
                jg.setEdgeWeight(edge, w);
                edges++;
            }
        }
        long build = System.nanoTime() - t0;
        DijkstraShortestPath<Integer, DefaultWeightedEdge> dijkstra = new DijkstraShortestPath<>(jg);
        int warmCount = Math.min(warm.length, JGRAPHT_WARMUP_CAP);
        for (int i = 0; i < warmCount; i++) {
            router.find(flat(warm[i]));
            dijkstra.getPath(warm[i].source(), warm[i].target());
            progress.tick("JGraphT warm-up", i, warmCount);
        }
        Histogram lnsimTimes = new Histogram(3);
        Histogram jgTimes = new Histogram(3);
        int mismatches = 0;
        int reachable = 0;
        String first = null;
        for (int i = 0; i < measured.length; i++) {
            RouteRequest r = flat(measured[i]);
            long a = System.nanoTime();
            Route route = router.find(r);
            long b = System.nanoTime();
            GraphPath<Integer, DefaultWeightedEdge> p = dijkstra.getPath(r.source(), r.target());
            long c = System.nanoTime();
            lnsimTimes.recordValue(b - a);
            jgTimes.recordValue(c - b);
            long jgCost = p == null ? Long.MAX_VALUE : amountMsat + (long) p.getWeight();
            long ours = route.found() ? route.costMsat() : Long.MAX_VALUE;
            if (p != null) {
                reachable++;
            }
            if (jgCost != ours) {
                mismatches++;
                if (first == null) {
                    first = String.format(Locale.ROOT, "pair %d (%s -> %s): lnsim %s, JGraphT %s", i,
                            g.nodeIdHex(r.source()), g.nodeIdHex(r.target()),
                            route.found() ? Long.toString(ours) : "no route", p == null ? "no path" : jgCost);
                }
            }
            progress.tick("JGraphT comparison", i, measured.length);
        }
        return new Comparison(measured.length, reachable, mismatches, first, lnsimTimes, jgTimes, build, edges);
    }

    /** The flat-cost, no-hop-limit plain-Dijkstra form of a request, for the exact comparison with JGraphT. */
    static RouteRequest flat(RouteRequest r) {
        return RouteRequest.of(r.source(), r.target(), r.amountMsat()).withFuzz(0, 0).withFlatCosts(true)
                .withAlgorithm(Algorithm.DIJKSTRA).withMaxHops(Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------ output

    static BigDecimal ms(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_EVEN);
    }

    private String json(Stats s, Histogram h, long wall, Comparison cmp) throws java.io.IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("queries", s.queries());
        o.put("found_share", s.foundShare());
        o.put("p50_ms", ms(h.getValueAtPercentile(50)));
        o.put("p90_ms", ms(h.getValueAtPercentile(90)));
        o.put("p99_ms", ms(h.getValueAtPercentile(99)));
        o.put("max_ms", ms(h.getMaxValue()));
        o.put("max_hops", s.maxHops());
        o.put("fallback_share", s.fallbackShare());
        ObjectNode hist = o.putObject("hop_histogram");
        s.hopHistogram().forEach((k, v) -> hist.put(Integer.toString(k), v));
        o.put("algorithm", algorithm.label());
        o.put("fallback", fallback.name().toLowerCase(Locale.ROOT));
        if (ownSearch()) {
            o.putNull("hop_limit"); // their searches keep their own limits; --max-hops does not reach them
        } else {
            o.put("hop_limit", maxHops);
        }
        o.put("amount_msat", amountMsat);
        o.put("seed", seed);
        o.put("warmup", warmup);
        o.put("threads", threads);
        o.put("throughput_qps", BigDecimal.valueOf(s.queries() * 1e9 / wall).setScale(1, RoundingMode.HALF_EVEN));
        if (cmp != null) {
            o.put("jgrapht_p50_ms", ms(cmp.jgrapht().getValueAtPercentile(50)));
            o.put("lnsim_flat_p50_ms", ms(cmp.lnsim().getValueAtPercentile(50)));
            o.put("speedup", BigDecimal.valueOf(cmp.speedup()).setScale(2, RoundingMode.HALF_EVEN));
            o.put("jgrapht_mismatches", cmp.mismatches());
            o.put("jgrapht_reachable_pairs", cmp.reachable());
            o.put("jgrapht_compared", COMPARED);
        }
        return RouteCommand.pretty(o);
    }

    private String text(ChannelGraph g, Stats s, Histogram h, long wall, Comparison cmp) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "network     %s: %,d nodes, %,d channels%n",
                StatsCommand.displayName(network), g.nodeCount(), g.channelCount()));
        b.append(String.format(Locale.ROOT, "queries     %,d random pairs (seed %d), %,d msat each, %s%s, %s,"
                        + " %d thread%s%n", s.queries(), seed, amountMsat, algorithm.label(),
                algorithm == Algorithm.HYBRID ? " (fallback " + fallback.name().toLowerCase(Locale.ROOT) + ")" : "",
                ownSearch() ? "its own hop limit" : "hop limit " + maxHops, threads, threads == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, "warm-up     %,d queries run first, excluded from all timings%n", warmup));
        b.append(String.format(Locale.ROOT, "found       %.2f%% (%,d of %,d)%n", 100 * s.foundShare(), s.found(),
                s.queries()));
        b.append(String.format(Locale.ROOT, "fallback    %.2f%% of queries answered by fallback-bfg/fallback-bias (%,d)%n",
                100 * s.fallbackShare(), s.fallback()));
        b.append(String.format(Locale.ROOT, "query ms    p50 %s  p90 %s  p99 %s  max %s%n", ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue())));
        b.append(String.format(Locale.ROOT, "throughput  %.1f queries/s (wall %.3f s on %d thread%s)%n",
                s.queries() * 1e9 / wall, wall / 1e9, threads, threads == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, "longest     %d hops%n", s.maxHops()));
        b.append("hops        count  share of found\n");
        s.hopHistogram().forEach((k, v) -> b.append(String.format(Locale.ROOT, "%11d %,6d  %6.2f%%%n", k, v,
                100.0 * v / s.found())));
        if (cmp != null) {
            b.append(String.format(Locale.ROOT, "JGraphT     same %,d pairs, one at a time on one thread%n", cmp.pairs()));
            b.append("            compared: ").append(COMPARED).append('\n');
            b.append(String.format(Locale.ROOT, "            graph: %,d weighted edges, built in %.1f s (not timed "
                    + "below); warm-up %d pairs each%n", cmp.edges(), cmp.buildNanos() / 1e9,
                    Math.min(warmup, JGRAPHT_WARMUP_CAP)));
            b.append(String.format(Locale.ROOT, "            cost mismatches %d of %,d pairs (%,d reachable)%n",
                    cmp.mismatches(), cmp.pairs(), cmp.reachable()));
            b.append(String.format(Locale.ROOT, "            p50 lnsim %s ms, JGraphT %s ms; speed-up (JGraphT p50 / "
                    + "lnsim p50) %.1fx%n", ms(cmp.lnsim().getValueAtPercentile(50)),
                    ms(cmp.jgrapht().getValueAtPercentile(50)), cmp.speedup()));
        }
        return b.toString();
    }
}
