package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lnsim.engine.RandomStreams;
import org.lnsim.engine.analysis.LiquidityFlow;
import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.ClothLatency;
import org.lnsim.engine.htlc.CommitmentLatency;
import org.lnsim.engine.htlc.ExponentialChurn;
import org.lnsim.engine.htlc.FixedLatency;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.htlc.LatencyModel;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.htlc.ReceiverBehaviour;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.workload.AmountDistribution;
import org.lnsim.engine.workload.ClothPaymentsTrace;
import org.lnsim.engine.workload.EndpointChoice;
import org.lnsim.engine.workload.WorkloadGenerator;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.generate.GenerationProgress;
import org.lnsim.network.generate.McpDefaults;
import org.lnsim.network.generate.McpFit;
import org.lnsim.network.generate.McpGenerator;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.network.io.Inputs;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.results.run.ProtocolRun;
import org.lnsim.results.run.RunCollector;
import org.lnsim.results.run.RunManifest;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.run.RunSummary;

/**
 * Runs a resolved experiment configuration: builds (or loads) the network, draws the workload once, then simulates
 * every protocol on its own {@link Simulation} seeded with the same master seed — so each sees the identical initial
 * balances ({@code "balances"} stream), channel latencies ({@code "latency"}), churn ({@code "churn"}) and payments
 * ({@code "workload"}) — optionally several protocols in parallel threads (results do not depend on the thread
 * count). {@code threads} is also handed to each protocol's {@link RoutingProtocol#prepare}.
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
     * @param graph    the network
     * @param network  how it was obtained (file name, or generator parameters)
     * @param payments the workload's size
     * @param runs     one per protocol, in configuration order
     * @param timings  wall-clock milliseconds by phase, in execution order (for timings.csv only)
     * @param bound    per payment, whether some flow over the initial balances could deliver it; null unless
     *                 {@code analysis.feasibility_bound} is on
     */
    public record Result(ChannelGraph graph, String network, int payments, List<ProtocolRun> runs,
                         Map<String, Double> timings, List<RunSummary.Bound> bound) {
        /**
         * Writes the run's files into {@code dir} ({@link RunOutputs}); returns the summary as Markdown.
         *
         * @param config       the resolved configuration, kept whole in the manifest
         * @param configSource the configuration as given (file or embedded name)
         * @param version      lnsim's version line
         */
        public String write(Path dir, ObjectNode config, String configSource, String version) throws IOException {
            RunManifest manifest = RunManifest.of(version, configSource, config.get("seed").asLong(), network, graph,
                    payments, config);
            return RunOutputs.write(dir, manifest, graph, runs, bound, timings);
        }
    }

    private ExperimentRunner() {
    }

    /**
     * @param cfg             a configuration resolved by {@link ConfigSchema#resolve}
     * @param baseDir         folder that relative paths in the configuration are resolved against
     * @param checkInvariants check per-channel funds conservation after every event, and that every HTLC resolved
     * @param threads         protocols simulated at once, and threads each protocol may use in {@code prepare} (≥ 1)
     */
    public static Result run(ObjectNode cfg, Path baseDir, boolean checkInvariants, int threads, Progress progress)
            throws IOException, ConfigException {
        Map<String, Double> timings = new LinkedHashMap<>();
        long seed = cfg.get("seed").longValue();
        long t0 = System.nanoTime();
        JsonNode net = cfg.get("network");
        ChannelGraph graph;
        String networkName;
        if (!net.get("file").isNull()) {
            Path file = baseDir.resolve(net.get("file").textValue());
            graph = NetworkFormats.load(file).graph();
            networkName = file.getFileName().toString();
        } else {
            JsonNode gen = net.get("generate");
            long genSeed = gen.get("seed").isNull() ? seed : gen.get("seed").longValue();
            GenerationProgress gp = (stage, done, total) -> progress.update("network: " + stage, done, total);
            if (gen.get("model").textValue().equals(ConfigSchema.MODEL_WS)) {
                WattsStrogatzGenerator.Config wc = wattsStrogatz(gen, genSeed);
                graph = new WattsStrogatzGenerator(wc, gp).generate().graph();
                networkName = "watts-strogatz(" + wc.nodes() + " nodes, k " + wc.k() + ", p " + wc.p() + ", seed "
                        + genSeed + ")";
            } else {
                McpFit fit = fit(gen.get("fit").textValue(), baseDir);
                McpGenerator.Config gc = new McpGenerator.Config(gen.get("channels").longValue(), genSeed,
                        gen.get("max_channels").intValue(), McpGenerator.DEFAULT_MAX_FUNDING_SAT,
                        gen.get("policies").textValue().equals("mcp") ? McpGenerator.PolicyMode.MCP
                                : McpGenerator.PolicyMode.SNAPSHOT, McpGenerator.DegreeFit.MLE);
                graph = new McpGenerator(fit, gc, gp).generate().graph();
                networkName = "mcp(" + gc.channels() + " channels, seed " + genSeed + ")";
            }
        }
        timings.put("network", ms(t0));

        long t1 = System.nanoTime();
        List<PaymentRequest> workload = workload(cfg.get("workload"), graph, baseDir, seed);
        timings.put("workload", ms(t1));

        List<JsonNode> protocols = new ArrayList<>();
        cfg.get("protocols").forEach(protocols::add);
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
            ProtocolRegistry.Run shared = new ProtocolRegistry.Run(graph, seed, protocols);
            for (JsonNode entry : protocols) {
                futures.add(pool.submit(() -> simulate(cfg, entry, shared, graph, workload, seed, checkInvariants,
                        threads, onOutcome)));
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
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
        List<RunSummary.Bound> bound = null;
        if (cfg.at("/analysis/feasibility_bound").booleanValue()) {
            long t2 = System.nanoTime();
            bound = feasibility(cfg, graph, workload, seed);
            timings.put("feasibility_bound", ms(t2));
        }
        return new Result(graph, networkName, workload.size(), runs, timings, bound);
    }

    /** A protocol's run with its wall-clock figures: all, in {@code prepare}, and in path finding during the run. */
    private record Simulated(ProtocolRun run, double wallMs, double prepareMs, double pathMs) {
    }

    private static Simulated simulate(ObjectNode cfg, JsonNode entry, ProtocolRegistry.Run shared,
                                      ChannelGraph graph, List<PaymentRequest> workload, long seed, boolean check,
                                      int threads, Runnable onOutcome) {
        long t0 = System.nanoTime();
        Simulation sim = new Simulation(seed);
        ChannelState state = initialState(cfg.get("balances"), graph, sim.random().stream("balances"));
        LatencyModel latency = latency(cfg.get("latency"), graph, sim);
        JsonNode churn = cfg.get("churn");
        double share = churn.get("offline_share").doubleValue();
        NodeAvailability availability = share == 0 ? NodeAvailability.ALWAYS_ONLINE
                : new ExponentialChurn(graph.nodeCount(), share, churn.get("mean_offline_s").doubleValue() * 1e6,
                RandomStreams.seedOf(seed, "churn"));
        JsonNode eng = cfg.get("engine");
        HtlcRelay relay = new HtlcRelay(sim, state, latency, availability, us(eng.get("mpp_timeout_s")),
                ReceiverBehaviour.valueOf(eng.get("receiver").textValue().toUpperCase(java.util.Locale.ROOT)));
        RoutingProtocol protocol = ProtocolRegistry.create(shared, entry);
        protocol.prepare(workload, threads);
        List<PaymentOutcome> outcomes = new ArrayList<>(workload.size());
        PaymentEngine engine = new PaymentEngine(sim, state, relay, availability, protocol,
                new PaymentEngine.Limits(us(eng.get("timeout_s")), eng.get("max_attempts").intValue()), o -> {
                    outcomes.add(o);
                    onOutcome.run();
                });
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
        ProtocolRun run = RunCollector.collect(ProtocolRegistry.displayName(entry), graph, protocol, engine, relay,
                outcomes);
        return new Simulated(run, ms(t0), protocol.preparationNanos() / 1e6, protocol.pathFindingNanos() / 1e6);
    }

    /**
     * Whether each payment, on its own, could be delivered by some flow over the run's initial balances (what each
     * direction can spend above its reserve) — the balances every protocol starts from.
     */
    static List<RunSummary.Bound> feasibility(ObjectNode cfg, ChannelGraph graph, List<PaymentRequest> workload,
                                              long seed) {
        ChannelState initial = initialState(cfg.get("balances"), graph, new RandomStreams(seed).fresh("balances"));
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

    /** The run's initial channel state from the {@code balances} section; {@code rng} is the balances stream. */
    private static ChannelState initialState(JsonNode bal, ChannelGraph graph, java.util.SplittableRandom rng) {
        return new ChannelState(graph, BalanceSplit.parse(bal.get("split").textValue()), rng,
                bal.get("reserve_fraction").doubleValue(), bal.get("max_accepted_htlcs").intValue());
    }

    private static LatencyModel latency(JsonNode l, ChannelGraph graph, Simulation sim) {
        return switch (l.get("model").textValue()) {
            case "cloth" -> new ClothLatency(sim.random().stream("latency"));
            case "fixed" -> new FixedLatency(msToUs(l.get("fixed_offer_ms")), msToUs(l.get("fixed_resolve_ms")),
                    msToUs(l.get("offline_ms")), msToUs(l.get("fixed_control_ms")));
            default -> new CommitmentLatency(graph.channelCount(), sim.random().stream("latency"),
                    Math.max(1, msToUs(l.get("median_rtt_ms"))), l.get("rtt_sigma").doubleValue(),
                    msToUs(l.get("batch_ms")), msToUs(l.get("offline_ms")));
        };
    }

    static List<PaymentRequest> workload(JsonNode w, ChannelGraph graph, Path baseDir, long seed)
            throws IOException, ConfigException {
        if (!w.get("trace").isNull()) {
            return ClothPaymentsTrace.read(baseDir.resolve(w.get("trace").textValue()), graph);
        }
        JsonNode a = w.get("amount");
        AmountDistribution amounts = switch (a.get("distribution").textValue()) {
            case "fixed" -> new AmountDistribution.Fixed(satToMsat(a.get("sat")));
            case "empirical" -> {
                if (a.get("file").isNull()) {
                    throw new ConfigException("config", "workload.amount.file", "the empirical distribution needs "
                            + "a file of amounts (sat, one per line)");
                }
                yield new AmountDistribution.Empirical(readAmounts(baseDir.resolve(a.get("file").textValue())));
            }
            default -> new AmountDistribution.LogNormal(satToMsat(a.get("median_sat")), a.get("sigma").doubleValue());
        };
        JsonNode e = w.get("endpoints");
        EndpointChoice endpoints = switch (e.get("choice").textValue()) {
            case "capacity-weighted" -> new EndpointChoice.CapacityWeighted();
            case "merchants" -> new EndpointChoice.Merchants(e.get("merchant_share").doubleValue(),
                    e.get("merchants").intValue());
            default -> new EndpointChoice.Uniform();
        };
        long duration = w.get("duration_s").isNull() ? Long.MAX_VALUE : us(w.get("duration_s"));
        return WorkloadGenerator.poisson(graph, w.get("rate_per_s").doubleValue(), w.get("payments").intValue(),
                duration, amounts, endpoints, new RandomStreams(seed).fresh("workload"));
    }

    private static long[] readAmounts(Path file) throws IOException {
        List<Long> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                try {
                    long msat = new BigDecimal(s).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN)
                            .longValueExact();
                    if (msat <= 0) {
                        throw new NumberFormatException();
                    }
                    out.add(msat);
                } catch (NumberFormatException | ArithmeticException ex) {
                    throw new NetworkFormatException(file, "line " + n, "not a positive amount in sat: '" + s + "'");
                }
            }
        }
        if (out.isEmpty()) {
            throw new NetworkFormatException(file, null, "no amounts in the file");
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The Watts-Strogatz parameters of a resolved {@code network.generate} section ({@link ConfigSchema} has filled
     * in k, p and the capacity and checked the bounds; a section that skipped resolution is refused here).
     */
    static WattsStrogatzGenerator.Config wattsStrogatz(JsonNode gen, long genSeed) throws ConfigException {
        for (String key : ConfigSchema.WS_KEYS) {
            if (!gen.hasNonNull(key)) {
                throw new ConfigException("config", "network.generate." + key, "required when model is "
                        + ConfigSchema.MODEL_WS);
            }
        }
        try {
            return new WattsStrogatzGenerator.Config(gen.get("nodes").intValue(), gen.get("k").intValue(),
                    gen.get("p").doubleValue(), gen.get("capacity_sat").longValue(), genSeed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config", "network.generate", e.getMessage());
        }
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

    /** sat (possibly fractional, from YAML) to msat, exactly for any decimal with ≤ 3 places. */
    static long satToMsat(JsonNode sat) {
        return Math.max(1, new BigDecimal(sat.asText()).movePointRight(3)
                .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
    }

    private static long us(JsonNode seconds) {
        return Math.round(seconds.doubleValue() * 1e6);
    }

    private static long msToUs(JsonNode ms) {
        return Math.round(ms.doubleValue() * 1e3);
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
