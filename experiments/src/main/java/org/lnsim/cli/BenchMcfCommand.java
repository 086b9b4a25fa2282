package org.lnsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.pickhardt.McfBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim bench mcf NETWORK}: times one {@code pickhardt} planning round (askrene's {@code getroutes}: the
 * min-cost flow, its refinement and askrene's re-solves) on N seeded random (sender, receiver) pairs, as a sender
 * that has learnt nothing.
 *
 * <ul>
 *   <li>Pairs: sender ≠ receiver, uniform over the nodes that can pay and be paid, from the stream
 *       "bench-mcf/pairs" of the seed; warm-up pairs from "bench-mcf/warmup" (common rules: named streams of one
 *       seed).</li>
 *   <li>Time: {@code System.nanoTime()} around the planning round, in an HdrHistogram (3 digits); warm-up excluded.
 *       </li>
 *   <li>With {@code --compare-jgrapht P}: for the first P pairs, the first solve's linearised network (μ = 1) is
 *       built as a JGraphT {@code DirectedWeightedPseudograph} and solved by {@code CapacityScalingMinimumCostFlow};
 *       its optimal cost must equal lnsim's solver's (exit 1 otherwise). JGraphT's solve is timed, its graph's
 *       construction is reported apart.</li>
 * </ul>
 */
@Command(name = "mcf", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Times pickhardt planning rounds (askrene's min-cost flow) on random seeded pairs: planned "
                + "share, parts, time percentiles; optionally checks and times JGraphT's CapacityScalingMinimumCostFlow "
                + "on the same linearised network.",
                "Exit codes: 0 done, 1 the JGraphT comparison found a cost mismatch, 2 bad input."})
final class BenchMcfCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Network file in any supported format.")
    Path network;

    @Option(names = "--queries", defaultValue = "100", paramLabel = "N",
            description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the pairs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--amount-msat", defaultValue = "100000000", paramLabel = "A",
            description = "Amount per round, msat (default: ${DEFAULT-VALUE}, 100k sat).")
    long amountMsat;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "W",
            description = "JIT warm-up rounds, not timed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--compare-jgrapht", defaultValue = "0", paramLabel = "P",
            description = "Also solve the first P pairs' networks with JGraphT and compare (default: ${DEFAULT-VALUE}).")
    int compareJgrapht;

    @Option(names = "--quiet", description = "No progress line on stderr (it is drawn only on a terminal anyway).")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (queries < 1) {
            throw new ExitCodes.BadInputException("--queries must be >= 1: " + queries);
        }
        if (warmup < 0 || compareJgrapht < 0) {
            throw new ExitCodes.BadInputException("--warmup and --compare-jgrapht must be >= 0");
        }
        if (amountMsat < 1) {
            throw new ExitCodes.BadInputException("--amount-msat must be >= 1: " + amountMsat);
        }
        ChannelGraph g = Progress.load(network, quiet).graph();
        int[] eligible = BenchRouteCommand.payableNodes(g);
        if (eligible.length < 2) {
            throw new ExitCodes.BadInputException(network + ": fewer than two nodes have a channel; nothing to plan");
        }
        McfBench bench = new McfBench(g);
        SplittableRandom warm = BenchRouteCommand.stream(seed, "bench-mcf/warmup");
        for (int i = 0; i < warmup; i++) {
            int[] p = BenchRouteCommand.distinctPair(eligible, warm);
            bench.plan(p[0], p[1], amountMsat);
        }
        SplittableRandom pairs = BenchRouteCommand.stream(seed, "bench-mcf/pairs");
        int[][] measured = new int[queries][];
        for (int i = 0; i < queries; i++) {
            measured[i] = BenchRouteCommand.distinctPair(eligible, pairs);
        }
        Histogram hist = new Histogram(3);
        int planned = 0;
        long parts = 0;
        long solves = 0;
        long dijkstras = 0;
        long settled = 0;
        Histogram median = new Histogram(3);
        for (int[] p : measured) {
            long t0 = System.nanoTime();
            McfBench.Round r = bench.plan(p[0], p[1], amountMsat);
            hist.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
            if (r.failure() == null) {
                planned++;
                parts += r.parts();
            }
            solves += r.solves();
            dijkstras += r.dijkstras();
            settled += r.settled();
            median.recordValue(Math.max(1, r.medianNs() / 1000));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "network: %d nodes, %d channels; amount %d msat; %d rounds (seed %d, warm-up %d)%n",
                g.nodeCount(), g.channelCount(), amountMsat, queries, seed, warmup);
        out.printf(Locale.ROOT, "planned: %d of %d; parts per plan: %.2f; solves per round: %.2f; "
                        + "Dijkstras of a round's last solve: %.1f, nodes settled: %.0f%n",
                planned, queries, planned == 0 ? 0.0 : (double) parts / planned, (double) solves / queries,
                (double) dijkstras / queries, (double) settled / queries);
        out.printf(Locale.ROOT, "round time ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                hist.getValueAtPercentile(50) / 1e3, hist.getValueAtPercentile(90) / 1e3,
                hist.getValueAtPercentile(99) / 1e3, hist.getMaxValue() / 1e3);
        out.printf(Locale.ROOT, "of which the median-ratio pass over every direction, ms: p50 %.1f  p99 %.1f%n",
                median.getValueAtPercentile(50) / 1e3, median.getValueAtPercentile(99) / 1e3);
        int status = 0;
        for (int i = 0; i < Math.min(compareJgrapht, queries); i++) {
            int[] p = measured[i];
            long t0 = System.nanoTime();
            long ours = bench.minflowCost(p[0], p[1], amountMsat);
            long oursNs = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            DirectedWeightedPseudograph<Integer, DefaultWeightedEdge> jg =
                    new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
            java.util.Map<DefaultWeightedEdge, Long> caps = new java.util.HashMap<>();
            long[] dropped = new long[1];
            long demand = bench.export(p[0], p[1], amountMsat, (from, to, cap, cost) -> {
                if (cost >= CapacityScalingMinimumCostFlow.COST_INF) {
                    dropped[0]++; // JGraphT refuses arcs this dear ("an edge of infinite cost")
                    return;
                }
                jg.addVertex(from);
                jg.addVertex(to);
                DefaultWeightedEdge e = jg.addEdge(from, to);
                jg.setEdgeWeight(e, cost);
                caps.put(e, cap);
            });
            jg.addVertex(p[0]);
            jg.addVertex(p[1]);
            long buildNs = System.nanoTime() - t1;
            long t2 = System.nanoTime();
            long theirs;
            try {
                MinimumCostFlowProblem<Integer, DefaultWeightedEdge> problem =
                        new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(jg,
                                v -> v == p[0] ? (int) demand : v == p[1] ? -(int) demand : 0,
                                e -> caps.get(e).intValue());
                MinimumCostFlowAlgorithm.MinimumCostFlow<DefaultWeightedEdge> flow =
                        new CapacityScalingMinimumCostFlow<Integer, DefaultWeightedEdge>().getMinimumCostFlow(problem);
                theirs = Math.round(flow.getCost());
            } catch (IllegalArgumentException | IllegalStateException infeasible) {
                theirs = -1; // JGraphT throws when no flow meets the supplies
                if (!quiet) {
                    spec.commandLine().getErr().println("jgrapht: " + infeasible.getMessage());
                }
            }
            long solveNs = System.nanoTime() - t2;
            boolean same = theirs == ours;
            if (!same) {
                status = 1;
            }
            out.printf(Locale.ROOT, "jgrapht pair %d (%d -> %d): %d arcs (%d at or above its COST_INF left out); cost lnsim %d, jgrapht %d %s; lnsim solve "
                            + "%.1f ms, jgrapht build %.1f ms, solve %.1f ms%n", i, p[0], p[1], jg.edgeSet().size(), dropped[0],
                    ours, theirs, same ? "(equal)" : "(MISMATCH)", oursNs / 1e6, buildNs / 1e6, solveNs / 1e6);
        }
        out.flush();
        return status;
    }
}
