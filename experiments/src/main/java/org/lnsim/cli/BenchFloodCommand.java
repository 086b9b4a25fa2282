package org.lnsim.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.lnsim.engine.htlc.CommitmentLatency;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.ant.SeedWave;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim bench flood NETWORK}: times ant routing's flood ({@link SeedWave}, both seeds of one round) on N seeded
 * random (payer, payee) pairs, apart from the engine, so that changes to the wave can be compared on a quiet figure.
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>Pairs: payer ≠ payee, drawn uniformly from the nodes that can pay and be paid, from the
 *       {@code SplittableRandom} stream ("bench-flood/pairs", seed); warm-up pairs from "bench-flood/warmup".</li>
 *   <li>Channels: every channel split evenly, each side able to send half its capacity (no reserve, no HTLC in
 *       flight); control delays from {@link CommitmentLatency} with its defaults on the stream "bench-flood/latency"
 *       (fixed per direction, as in a run with {@code latency: commitment}). The seeds' limits are ant's defaults
 *       ({@link AntSettings#DEFAULT}: 20 hops, fee budget 0.5% or 5 sat, wipe after 3 s).</li>
 *   <li>Time: {@code System.nanoTime()} around {@link SeedWave#run} only, in an HdrHistogram (3 significant digits),
 *       after W warm-up waves; messages are the seed messages of both seeds, so ns/message is the wave's unit cost.</li>
 * </ul>
 * The balances do not change between waves, so this is the cost of the flood alone, not of a run (see
 * {@code timings.csv} of a run for that).
 */
@Command(name = "flood", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Times ant routing's seed flood (both seeds of one round) on random seeded payer/payee pairs: "
                + "wall time per flood (p50, p90, min), seed messages per flood and ns per message."})
final class BenchFloodCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Network file in any supported format.")
    Path network;

    @Option(names = "--floods", defaultValue = "100", paramLabel = "N",
            description = "Measured floods (default: ${DEFAULT-VALUE}).")
    int floods;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "W",
            description = "JIT warm-up floods, run first and not timed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the pairs and delays (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--amount-msat", defaultValue = "10000000", paramLabel = "A",
            description = "Payment amount, msat (default: ${DEFAULT-VALUE}).")
    long amountMsat;

    @Option(names = "--quiet", description = "No progress line on stderr (it is drawn only on a terminal anyway).")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (floods < 1) {
            throw new ExitCodes.BadInputException("--floods must be >= 1: " + floods);
        }
        if (warmup < 0) {
            throw new ExitCodes.BadInputException("--warmup must be >= 0: " + warmup);
        }
        if (amountMsat < 1) {
            throw new ExitCodes.BadInputException("--amount-msat must be >= 1: " + amountMsat);
        }
        ChannelGraph g = Progress.load(network, quiet).graph();
        int[] eligible = BenchRouteCommand.payableNodes(g);
        if (eligible.length < 2) {
            throw new ExitCodes.BadInputException(network + ": fewer than two nodes have a channel; nothing to flood");
        }
        CommitmentLatency latency = new CommitmentLatency(g.channelCount(),
                BenchRouteCommand.stream(seed, "bench-flood/latency"));
        SeedWave.Links links = evenSplit(g, latency);
        AntSettings ant = AntSettings.DEFAULT;
        long maxFee = ant.maxFeeMsat(amountMsat);
        SeedWave wave = new SeedWave(g);
        SplittableRandom warmPairs = BenchRouteCommand.stream(seed, "bench-flood/warmup");
        for (int i = 0; i < warmup; i++) {
            int[] p = BenchRouteCommand.distinctPair(eligible, warmPairs);
            wave.run(p[0], p[1], amountMsat, maxFee, ant.maxHops(), ant.wipeAfterUs(), links);
        }
        SplittableRandom pairs = BenchRouteCommand.stream(seed, "bench-flood/pairs");
        Histogram hist = new Histogram(3);
        long messages = 0;
        long totalNs = 0;
        long matched = 0;
        for (int i = 0; i < floods; i++) {
            int[] p = BenchRouteCommand.distinctPair(eligible, pairs);
            long t0 = System.nanoTime();
            wave.run(p[0], p[1], amountMsat, maxFee, ant.maxHops(), ant.wipeAfterUs(), links);
            long ns = System.nanoTime() - t0;
            hist.recordValue(Math.max(1, ns));
            totalNs += ns;
            messages += wave.seedMessages(0) + wave.seedMessages(1);
            matched += wave.matchCount() > 0 ? 1 : 0;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "network: %s (%,d nodes, %,d channels)%n"
                        + "floods: %d (warm-up %d), amount %,d msat, seed %d%n"
                        + "flood_ms_p50: %.1f%nflood_ms_p90: %.1f%nflood_ms_min: %.1f%n"
                        + "seed_messages_mean: %.0f%nns_per_message: %.1f%nfloods_with_a_match: %d%n",
                network, g.nodeCount(), g.channelCount(), floods, warmup, amountMsat, seed,
                hist.getValueAtPercentile(50) / 1e6, hist.getValueAtPercentile(90) / 1e6, hist.getMinValue() / 1e6,
                (double) messages / floods, (double) totalNs / Math.max(1, messages), matched);
        return ExitCodes.OK;
    }

    /**
     * Every channel split evenly; delays fixed per direction. The balances sit by adjacency slot, as the engine keeps
     * them for floods ({@code ChannelState}), so the wave reads them as it does in a run.
     */
    static SeedWave.Links evenSplit(ChannelGraph g, CommitmentLatency latency) {
        int slots = 2 * g.channelCount();
        long[] half = new long[slots];
        for (int slot = 0; slot < slots; slot++) {
            half[slot] = g.capacitySat(g.outDirection(slot) >>> 1) * 500;
        }
        return new SeedWave.Links() {
            @Override
            public long outSpendableMsat(int v, int slot) {
                return half[slot];
            }

            @Override
            public long inSpendableMsat(int v, int slot) {
                return half[slot];
            }

            @Override
            public long delayUs(int e) {
                return latency.controlUs(e);
            }

            @Override
            public boolean delaysFixed() {
                return latency.controlUsFixed();
            }
        };
    }
}
