package org.lnsim.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.lnsim.engine.RandomStreams;
import org.lnsim.engine.analysis.LiquidityFlow;
import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.htlc.LatencyModel;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.payment.TimingsSink;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.engine.workload.AmountDistribution;
import org.lnsim.engine.workload.EndpointChoice;
import org.lnsim.engine.workload.WorkloadGenerator;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.generate.ChannelOpenings;
import org.lnsim.network.generate.GenerationProgress;
import org.lnsim.network.generate.McpDefaults;
import org.lnsim.network.generate.McpFit;
import org.lnsim.network.generate.McpGenerator;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.network.io.AmountsFile;
import org.lnsim.network.io.ClothPaymentsTrace;
import org.lnsim.network.io.FileBalances;
import org.lnsim.network.io.LoadedNetwork;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.results.run.ProtocolRun;
import org.lnsim.results.run.RunCollector;
import org.lnsim.results.run.RunManifest;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.run.RunSummary;
import org.lnsim.random.NamedStreams;

/**
 * Runs a resolved experiment ({@link ExperimentSettings}): builds (or loads) the network, draws the workload once,
 * then simulates every protocol on its own {@link Simulation} — so each sees the identical initial balances
 * (the network file's, or drawn from the {@code "balances"} stream), channel latencies ({@code "latency"}), churn ({@code "churn"}) and payments
 * ({@code "workload"}) — optionally several protocols in parallel threads (results do not depend on the thread
 * count). The seed reaches every consumer through one {@link RandomStreams} made here: the workload and the
 * feasibility bound draw fresh streams of it, each simulation a {@link RandomStreams#restart() restart} of it, and
 * protocols only what their engine hands them. {@code threads} is also handed to each protocol's
 * {@link RoutingProtocol#prepare}.
 */
public final class ExperimentRunner {
    /** Receives progress: stage name, units done, units total. Called from several threads; must be thread-safe. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (stage, done, total) -> {
        };

        void update(String stage, long done, long total);
    }

    /**
     * What a run produced.
     *
     * @param graph    the network the run ran on (with the channels that opened during it, whose routes name them)
     * @param network  how it was obtained (file name, or generator parameters)
     * @param payments the workload's size
     * @param runs     one per protocol, in configuration order
     * @param timings  wall-clock milliseconds by phase, in execution order (for timings.csv only)
     * @param bound    per payment, whether some flow over the initial balances could deliver it; null unless
     *                 {@code analysis.feasibility_bound} is on
     * @param invariantsChecked whether funds conservation was checked after every event (recorded in the manifest)
     * @param balances where the initial balances came from: {@code file} (the network file's) or the drawn split's
     *                 label (recorded in the manifest and named in the summary)
     * @param initial  the network as loaded or generated, its channels open at the start (the manifest's counts)
     */
    public record Result(ChannelGraph graph, String network, int payments, List<ProtocolRun> runs,
                         Map<String, Double> timings, List<RunSummary.Bound> bound, boolean invariantsChecked,
                         String balances, ChannelGraph initial) {
        /**
         * Writes the run's files into {@code dir} ({@link RunOutputs}); returns the summary as Markdown.
         *
         * @param settings     the resolved configuration, kept whole in the manifest
         * @param configSource the configuration as given (file or embedded name)
         * @param version      lnsim's version line
         */
        public String write(Path dir, ExperimentSettings settings, String configSource, String version)
                throws IOException {
            RunManifest manifest = RunManifest.of(version, configSource, settings.seed(), network, initial, payments,
                    balances, settings.config(), invariantsChecked);
            return RunOutputs.write(dir, manifest, graph, runs, bound, timings, settings.analysis());
        }
    }

    private ExperimentRunner() {
    }

    /**
     * @param settings        a resolved configuration ({@link ConfigSchema#resolve})
     * @param baseDir         folder that relative paths in the configuration are resolved against
     * @param checkInvariants check per-channel funds conservation after every event, and that every HTLC resolved
     * @param threads         protocols simulated at once, and threads each protocol may use in {@code prepare} (≥ 1)
     */
    public static Result run(ExperimentSettings settings, Path baseDir, boolean checkInvariants, int threads,
                             Progress progress) throws IOException, ConfigException {
        return run(settings, baseDir, checkInvariants, threads, progress, (entry, protocol) -> protocol);
    }

    /**
     * Sees each protocol as the engine will run it, and may hand the engine a wrapper instead: the seam through which
     * the protocol contract test records what every registered protocol sends. Called on the thread that simulates
     * the protocol.
     */
    @FunctionalInterface
    interface Observer {
        RoutingProtocol observe(ProtocolRegistry.Entry entry, RoutingProtocol protocol);
    }

    /**
     * As {@link #run(ExperimentSettings, Path, boolean, int, Progress)}, each protocol passed through
     * {@code observer}.
     */
    static Result run(ExperimentSettings settings, Path baseDir, boolean checkInvariants, int threads,
                      Progress progress, Observer observer) throws IOException, ConfigException {
        Network net = network(settings, baseDir, progress);
        return run(settings, baseDir, checkInvariants, threads, threads, progress, observer, net,
                new ProtocolRegistry.Run(net.graph(), settings.protocols()));
    }

    /**
     * A run's network, and the wall-clock milliseconds it took to build or load (for timings.csv only).
     *
     * @param initial  the network as loaded or generated, the channels open at the start: what the workload, the
     *                 feasibility bound and the manifest read
     * @param balances the initial balances its file states ({@link FileBalances}), or null: generated networks and
     *                 files without balances
     * @param name     how it was obtained (file name, or generator parameters)
     * @param openings the channels that may open during the run ({@code
     *                 policy_updates.open_rate_per_channel_per_day}), appended to {@code initial} in its graph
     */
    public record Network(ChannelGraph initial, FileBalances balances, String name, double buildMs,
                          ChannelOpenings openings) {
        /** A network whose channels are all open from the start. */
        public Network(ChannelGraph graph, FileBalances balances, String name, double buildMs) {
            this(graph, balances, name, buildMs, ChannelOpenings.none(graph));
        }

        /** The graph every protocol and the engine run on: {@code initial} with the channels that may open. */
        public ChannelGraph graph() {
            return openings.graph();
        }
    }

    /**
     * What decides the network a run builds ({@link #network}), so that a sweep builds it once for every run that
     * shares it: the network settings, and, when channels open during the run, what decides the pool of channels
     * that may open (the master seed, the open rate, the workload's span).
     */
    public static Object networkKey(ExperimentSettings settings) {
        EngineSettings.Policies p = settings.engine().policies();
        if (!p.opens()) {
            return settings.network();
        }
        return List.of(settings.network(), settings.seed(), p.churn(), settings.workload());
    }

    /** Builds or loads the network {@code settings} name: the first step of a run, which a sweep does once per network. */
    public static Network network(ExperimentSettings settings, Path baseDir, Progress progress)
            throws IOException, ConfigException {
        long t0 = System.nanoTime();
        ChannelGraph graph;
        FileBalances balances = null;
        String networkName;
        GenerationProgress gp = (stage, done, total) -> progress.update("network: " + stage, done, total);
        NetworkSettings network = settings.network();
        if (network instanceof NetworkSettings.FromFile f) {
            Path file = baseDir.resolve(f.file());
            LoadedNetwork loaded = NetworkFormats.load(file);
            graph = loaded.graph();
            balances = loaded.balances();
            networkName = f.describe();
        } else if (network instanceof NetworkSettings.WattsStrogatz ws) {
            WattsStrogatzGenerator.Config wc = ws.config();
            graph = new WattsStrogatzGenerator(wc, gp).generate().graph();
            networkName = ws.describe();
        } else {
            NetworkSettings.Mcp mcp = (NetworkSettings.Mcp) network;
            McpGenerator.Config gc = new McpGenerator.Config(mcp.channels(), mcp.seed(), mcp.maxChannels(),
                    McpGenerator.DEFAULT_MAX_FUNDING_SAT, mcp.policies(), McpGenerator.DegreeFit.MLE, mcp.topology());
            McpGenerator generator;
            McpFit mcpFit = fit(mcp.fit(), baseDir);
            try {
                generator = new McpGenerator(mcpFit, gc, gp);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("config", mcp.policies() == McpGenerator.PolicyMode.NODE
                        && mcpFit.nodePolicies() == null ? "network.generate.policies" : "network.generate.topology",
                        e.getMessage());
            }
            graph = generator.generate().graph();
            networkName = mcp.describe();
        }
        EngineSettings.Policies policies = settings.engine().policies();
        if (!policies.opens()) {
            return new Network(graph, balances, networkName, ms(t0));
        }
        long horizon = PolicyBeliefs.foldLagUs(graph, policies.churn()) + workloadSpanUs(settings.workload(), graph,
                baseDir) + OPENINGS_MARGIN_US;
        int pool = policies.churn().dormantPoolSize(graph.channelCount(), horizon);
        ChannelOpenings openings;
        try {
            openings = ChannelOpenings.draw(graph, pool, NamedStreams.stream(settings.seed(), "channel_openings"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(settings, baseDir, networkName), EngineSettings.Policies.SECTION.name()
                    + "." + EngineSettings.Policies.OPEN_RATE.name(), e.getMessage());
        }
        return new Network(graph, balances, networkName, ms(t0), openings);
    }

    /** How long after the workload's last expected arrival channels keep opening: payments' retries end by then. */
    static final long OPENINGS_MARGIN_US = 3_600_000_000L;

    /**
     * When the workload's last payment arrives, at most (µs): a trace's last time; a drawn workload's duration, or
     * the time its n arrivals at rate r take with 6 standard deviations to spare ((n + 6√n + 6) / r).
     */
    static long workloadSpanUs(WorkloadSettings w, ChannelGraph graph, Path baseDir) throws IOException {
        if (w.trace() != null) {
            long last = 0;
            for (PaymentRequest p : WorkloadGenerator.fromTrace(ClothPaymentsTrace.read(baseDir.resolve(w.trace()),
                    graph))) {
                last = Math.max(last, p.arrivalUs());
            }
            return last;
        }
        double n = w.payments();
        double us = (n + 6 * Math.sqrt(n) + 6) / w.ratePerS() * 1e6;
        return (long) Math.min(w.durationUs(), Math.min(us, 1e15));
    }

    /**
     * Runs {@code settings} on a network already built from them ({@link #network}), protocols drawing shared work
     * from {@code shared}: a sweep hands every unit on one network the same network and pool, which changes no output
     * (the pool's results are pure functions of the network and the work's settings, {@link
     * org.lnsim.protocols.settings.SharedWork}). The network must be the one {@code settings} name.
     */
    public static Result run(ExperimentSettings settings, Path baseDir, boolean checkInvariants, int threads,
                             Progress progress, Network net, ProtocolRegistry.Run shared)
            throws IOException, ConfigException {
        return run(settings, baseDir, checkInvariants, threads, threads, progress, (entry, protocol) -> protocol, net,
                shared);
    }

    /**
     * As {@link #run(ExperimentSettings, Path, boolean, int, Progress, Network, ProtocolRegistry.Run)}, with the
     * threads each protocol may use in {@code prepare} given apart from the protocols simulated at once. A sweep
     * running units side by side simulates one protocol at a time per unit but lets set-up use every thread: shared
     * set-up (beacon's acquisition replay, minutes at 1M channels) is computed by one unit while the others wait for
     * it, so it should have all the cores (issue 18's headline ran it on one core with the other idle for 45 min).
     */
    public static Result run(ExperimentSettings settings, Path baseDir, boolean checkInvariants, int threads,
                             int prepareThreads, Progress progress, Network net, ProtocolRegistry.Run shared)
            throws IOException, ConfigException {
        return run(settings, baseDir, checkInvariants, threads, prepareThreads, progress,
                (entry, protocol) -> protocol, net, shared);
    }

    private static Result run(ExperimentSettings settings, Path baseDir, boolean checkInvariants, int threads,
                              int prepareThreads, Progress progress, Observer observer, Network net,
                              ProtocolRegistry.Run shared) throws IOException, ConfigException {
        Map<String, Double> timings = new LinkedHashMap<>();
        RandomStreams streams = settings.replication().streams(settings.seed());
        ChannelGraph graph = net.initial(); // the channels open at the start: the workload's and the bound's
        String networkName = net.name();
        timings.put("network", net.buildMs());

        long t1 = System.nanoTime();
        PolicyUpdateChecks.check(settings, graph, where(settings, baseDir, networkName));
        checkEndpoints(settings, graph, baseDir, networkName);
        settings.engine().balances().check(net.balances(), where(settings, baseDir, networkName));
        ClothChecks.check(settings, net.balances(), where(settings, baseDir, networkName));
        String balanceSource = settings.engine().balances().source(net.balances());
        // refused before the payments are drawn if they cannot fit; a trace once its length is known (defect 11)
        long maxHeap = Runtime.getRuntime().maxMemory();
        MemoryEstimate.of(settings, MemoryEstimate.drawnPayments(settings.workload()), graph.channelCount(), threads)
                .check(maxHeap);
        List<PaymentRequest> workload = workload(settings.workload(), graph, baseDir, streams);
        if (settings.workload().trace() != null) {
            MemoryEstimate.of(settings, workload.size(), graph.channelCount(), threads).check(maxHeap);
        }
        timings.put("workload", ms(t1));

        List<ProtocolRegistry.Entry> protocols = settings.protocols();
        List<ProtocolRun> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, protocols.size())));
        try {
            List<Future<Simulated>> futures = new ArrayList<>();
            java.util.concurrent.atomic.AtomicLong ended = new java.util.concurrent.atomic.AtomicLong();
            long total = (long) workload.size() * protocols.size();
            long step = Math.max(1, total / 500);
            Runnable onOutcome = () -> {
                long k = ended.incrementAndGet();
                if (k % step == 0 || k == total) {
                    progress.update("simulate " + protocols.size() + " protocols", k, total);
                }
            };
            for (ProtocolRegistry.Entry entry : protocols) {
                futures.add(pool.submit(() -> simulate(settings.engine(), entry, shared, net, workload,
                        streams.restart(), checkInvariants, prepareThreads, onOutcome, observer)));
            }
            for (Future<Simulated> f : futures) {
                Simulated s = f.get();
                runs.add(s.run());
                timings.put("simulate:" + s.run().protocol(), s.wallMs());
                timings.put("prepare:" + s.run().protocol(), s.prepareMs());
                timings.put("path_finding:" + s.run().protocol(), s.pathMs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw Tasks.rethrow(e);
        } finally {
            pool.shutdownNow();
        }
        List<RunSummary.Bound> bound = null;
        if (settings.feasibilityBound()) {
            long t2 = System.nanoTime();
            bound = feasibility(settings.engine().balances(), graph, net.balances(), workload, streams);
            timings.put("feasibility_bound", ms(t2));
        }
        return new Result(net.graph(), networkName, workload.size(), runs, timings, bound, checkInvariants,
                balanceSource, graph);
    }

    /**
     * A drawn workload needs two nodes that can pay and be paid; a network with 0 or 1 usable channels has fewer, and
     * used to end in "internal error" (issue 21, defect 11). Its merchants are some of those nodes. A trace names its
     * own endpoints and is checked by its reader.
     */
    private static void checkEndpoints(ExperimentSettings settings, ChannelGraph graph, Path baseDir,
                                       String networkName) throws ConfigException {
        int endpoints = settings.workload().trace() == null ? WorkloadGenerator.endpointCount(graph) : 2;
        String where = where(settings, baseDir, networkName);
        if (endpoints < 2) {
            throw new ConfigException(where, null, graph.channelCount() + " channel"
                    + (graph.channelCount() == 1 ? "" : "s") + ", and " + endpoints + " node"
                    + (endpoints == 1 ? " has" : "s have") + " a usable channel in each direction; payments need at "
                    + "least two such nodes");
        }
        // more merchants than payable nodes was silently cut to all of them (defect 9)
        if (settings.workload().trace() == null
                && settings.workload().endpoints() instanceof EndpointChoice.Merchants m && m.topK() > endpoints) {
            throw new ConfigException("workload.endpoints.merchants", null, m.topK() + " merchants, but only "
                    + endpoints + " nodes of " + where + " can pay and be paid; give at most " + endpoints);
        }
        if (settings.workload().trace() == null && settings.workload().senders() > endpoints) {
            throw new ConfigException("workload.endpoints.senders", null, settings.workload().senders()
                    + " senders, but only " + endpoints + " nodes of " + where + " can pay and be paid; give at most "
                    + endpoints);
        }
    }

    /** The network as messages name it: its file, or its generator's description. */
    private static String where(ExperimentSettings settings, Path baseDir, String networkName) {
        return settings.network() instanceof NetworkSettings.FromFile f
                ? baseDir.resolve(f.file()).toString() : networkName;
    }

    /** A protocol's run with its wall-clock figures: all, in {@code prepare}, and in path finding during the run. */
    private record Simulated(ProtocolRun run, double wallMs, double prepareMs, double pathMs) {
    }

    /**
     * Simulates one protocol on its own {@link Simulation}, whose streams ({@code streams}, not yet drawn from) give
     * it the same balances, latencies and churn as every other protocol of the run.
     */
    private static Simulated simulate(EngineSettings eng, ProtocolRegistry.Entry entry, ProtocolRegistry.Run shared,
                                      Network net, List<PaymentRequest> workload, RandomStreams streams,
                                      boolean check, int threads, Runnable onOutcome, Observer observer) {
        long t0 = System.nanoTime();
        ChannelGraph graph = net.graph();
        Simulation sim = new Simulation(streams);
        ChannelState state = eng.balances().initialState(graph, net.balances(), sim.random().stream("balances"),
                net.openings());
        LatencyModel latency = eng.latency().create(graph, sim.random());
        NodeAvailability availability = eng.churn().availability(graph.nodeCount(), sim.random());
        PolicyBeliefs beliefs = eng.policies().create(graph, sim.random(), net.openings().firstDormant());
        HtlcRelay relay = new HtlcRelay(sim, state, latency, availability, eng.rules().mppTimeoutUs(),
                eng.rules().receiver(), beliefs.truth());
        RoutingProtocol protocol = observer.observe(entry, entry.create(shared));
        List<PaymentOutcome> outcomes = new ArrayList<>(workload.size());
        Timings timings = new Timings();
        PaymentEngine engine = new PaymentEngine(sim, state, relay, availability, protocol, eng.rules().limits(),
                o -> {
                    outcomes.add(o);
                    onOutcome.run();
                }, timings, beliefs);
        engine.prepare(workload, threads);
        if (check) {
            sim.afterEachEvent(state::checkTouched);
        }
        engine.setup();
        for (PaymentRequest p : workload) {
            engine.submit(p);
        }
        sim.run();
        engine.finish();
        if (check) {
            state.checkAll();
            if (state.totalInFlightCount() != 0 || relay.heldPayments() != 0 || engine.openPayments() != 0
                    || outcomes.size() != workload.size()) {
                throw new IllegalStateException("invariant violated at the end of " + protocol.name()
                        + ": HTLCs or payments left unresolved");
            }
        }
        org.lnsim.engine.policy.PolicyChurn churn = eng.policies().churn();
        ProtocolRun.NetworkChanges changes = eng.policies().active() && (churn.closesPerChannelPerDay() > 0
                || churn.opensPerChannelPerDay() > 0)
                ? new ProtocolRun.NetworkChanges(beliefs.truth().runChannelCloses(sim.now()),
                        beliefs.truth().runChannelOpens(sim.now()))
                : null;
        ProtocolRun run = RunCollector.collect(entry.displayName(), graph, protocol, engine, relay, outcomes,
                changes);
        return new Simulated(run, ms(t0), timings.preparation.sum() / 1e6, timings.pathFinding.sum() / 1e6);
    }

    /** One protocol's run's wall-clock figures, summed from whichever thread adds them. */
    private static final class Timings implements TimingsSink {
        final LongAdder preparation = new LongAdder();
        final LongAdder pathFinding = new LongAdder();

        @Override
        public void addPreparation(long nanos) {
            preparation.add(nanos);
        }

        @Override
        public void addPathFinding(long nanos) {
            pathFinding.add(nanos);
        }
    }

    /**
     * Whether each payment, on its own, could be delivered by some flow over the run's initial balances (what each
     * direction can spend above its reserve) — the balances every protocol starts from.
     */
    static List<RunSummary.Bound> feasibility(EngineSettings.Balances balances, ChannelGraph graph,
                                              FileBalances fileBalances, List<PaymentRequest> workload,
                                              RandomStreams streams) {
        ChannelState initial = balances.initialState(graph, fileBalances, streams.fresh("balances"));
        long[] liquidity = new long[2 * graph.channelCount()];
        for (int e = 0; e < liquidity.length; e++) {
            liquidity[e] = graph.isUsable(e) ? initial.spendableMsat(e) : 0;
        }
        LiquidityFlow flow = new LiquidityFlow(graph, liquidity);
        List<RunSummary.Bound> out = new ArrayList<>(workload.size());
        for (PaymentRequest p : workload) {
            out.add(new RunSummary.Bound(p.amountMsat(),
                    flow.maxFlow(p.sender(), p.receiver(), p.amountMsat()) == p.amountMsat()));
        }
        return out;
    }

    /** The run's payments, drawn from the {@code workload} stream (or read from the trace). */
    static List<PaymentRequest> workload(WorkloadSettings w, ChannelGraph graph, Path baseDir, RandomStreams streams)
            throws IOException {
        if (w.trace() != null) {
            return WorkloadGenerator.fromTrace(ClothPaymentsTrace.read(baseDir.resolve(w.trace()), graph));
        }
        AmountDistribution amounts = w.amounts() instanceof WorkloadSettings.Empirical e
                ? new AmountDistribution.Empirical(AmountsFile.read(baseDir.resolve(e.file())))
                : ((WorkloadSettings.Drawn) w.amounts()).distribution();
        return WorkloadGenerator.poisson(graph, w.ratePerS(), w.payments(), w.durationUs(), amounts, w.endpoints(),
                w.senders(), streams.fresh("workload"));
    }

    private static McpFit fit(String fit, Path baseDir) throws IOException, ConfigException {
        if (fit.equals("embedded")) {
            return McpDefaults.load();
        }
        try {
            return McpDefaults.fromFile(baseDir.resolve(fit));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config", "network.generate.fit", "cannot fit the MCP model to " + fit + ": "
                    + e.getMessage());
        }
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
