package org.lnsim.protocols.testing;

import java.util.List;
import java.util.SplittableRandom;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.policy.PolicyUpdates;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * The small networks the learning routers' tests share (lnd's, LDK's): the diamond their learning tests pay across,
 * and the random base-fee graphs of their JGraphT differentials.
 */
public final class SmallNets {
    public static final int S = 0;
    public static final int A = 1;
    public static final int B = 2;
    public static final int R = 3;
    public static final int T = 4;

    private SmallNets() {
    }

    /** The diamond with A–R at 100,000 sat ({@link #diamond(long, long)}). */
    public static ChannelGraph diamond(long bToRBaseMsat) {
        return diamond(bToRBaseMsat, 100_000);
    }

    /**
     * S→A→R and S→B→R, plus T–A. S–A, S–B, B–R, T–A: 1,000,000 sat; A–R: {@code aToRCapacitySat} (split half and
     * half, so A can send half of it minus its reserve). A→R: base 0, 1 ppm, delta 40; B→R: the given base,
     * 1,000 ppm, delta 40; every other direction base 0, 0 ppm, delta 14. S, A, B, R, T are nodes 0..4.
     */
    public static ChannelGraph diamond(long bToRBaseMsat, long aToRCapacitySat) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 1; i <= 5; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        ChannelPolicy free = new ChannelPolicy(0, 0, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        channel(b, 1, S, A, 1_000_000, free, free);
        channel(b, 2, A, R, aToRCapacitySat, new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                free);
        channel(b, 3, S, B, 1_000_000, free, free);
        channel(b, 4, B, R, 1_000_000,
                new ChannelPolicy(bToRBaseMsat, 1000, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false), free);
        channel(b, 5, T, A, 1_000_000, free, free);
        return b.build();
    }

    /** A channel x–y opened in block {@code block} with each direction's policy. */
    public static void channel(ChannelGraphBuilder b, int block, int x, int y, long capacitySat, ChannelPolicy xy,
                               ChannelPolicy yx) {
        int c = b.addChannel(ShortChannelId.of(block, 0, 0), x, y, capacitySat);
        b.setPolicy(c, x, xy);
        b.setPolicy(c, y, yx);
    }

    /**
     * {@code n} nodes and up to {@code tries} channels of 1,000,000 sat between random distinct nodes (block k + 1,
     * transaction {@code trial}); each channel's u → v direction charges a base fee drawn in [1, maxBaseMsat), no ppm,
     * delta 40, and three in four also have a v → u direction like it. Drawn from {@code rnd} in that order.
     */
    public static ChannelGraph randomBaseFees(SplittableRandom rnd, int trial, int n, int tries, int maxBaseMsat) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < n; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int k = 0; k < tries; k++) {
            int u = rnd.nextInt(n);
            int v = rnd.nextInt(n);
            if (u == v) {
                continue;
            }
            int ch = b.addChannel(ShortChannelId.of(k + 1, trial, 0), u, v, 1_000_000);
            b.setPolicy(ch, u, new ChannelPolicy(rnd.nextInt(1, maxBaseMsat), 0, 40, 0,
                    ChannelPolicy.NO_HTLC_MAXIMUM, false));
            if (rnd.nextInt(4) > 0) {
                b.setPolicy(ch, v, new ChannelPolicy(rnd.nextInt(1, maxBaseMsat), 0, 40, 0,
                        ChannelPolicy.NO_HTLC_MAXIMUM, false));
            }
        }
        return b.build();
    }

    /**
     * The learning tests' three payments of 60,000,000 msat to R on a {@link #diamond}: S at 0, S again 10 minutes
     * later, T at 20 minutes; their outcomes in that order.
     */
    public static PaymentOutcome[] learningRound(ChannelGraph g, RoutingProtocol protocol) {
        List<PaymentOutcome> out = EngineRun.of(g, protocol).run(
                new PaymentRequest(1, S, R, 60_000_000, 0),
                new PaymentRequest(2, S, R, 60_000_000, 600_000_000L),
                new PaymentRequest(3, T, R, 60_000_000, 1_200_000_000L)).outcomes();
        return new PaymentOutcome[] {outcome(out, 1), outcome(out, 2), outcome(out, 3)};
    }

    /**
     * What a sender that learns shows on a {@link #learningRound}: all three delivered; S's first payment in two
     * attempts (its first try fails), its second in one (it learnt), T's in two (its memory is its own); S's two
     * payments each paid {@code feeMsat}.
     */
    public static void assertLearnt(PaymentOutcome[] round, long feeMsat) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new boolean[] {true, true, true},
                new boolean[] {round[0].success(), round[1].success(), round[2].success()}, "delivered");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 1, 2},
                new int[] {round[0].attempts(), round[1].attempts(), round[2].attempts()}, "attempts");
        org.junit.jupiter.api.Assertions.assertEquals(feeMsat, round[0].feeMsat());
        org.junit.jupiter.api.Assertions.assertEquals(feeMsat, round[1].feeMsat());
    }

    /** The outcome of payment {@code id}. */
    public static PaymentOutcome outcome(List<PaymentOutcome> out, long id) {
        return out.stream().filter(o -> o.payment().id() == id).findFirst().orElseThrow();
    }

    /**
     * {@code n} nodes and up to {@code tries} channels between random distinct nodes (block k + 1, transaction
     * {@code trial}) of 100,000–2,000,000 sat; each direction has, four times in five, a policy of base [0, 5,000)
     * msat, [0, 3,000) ppm and a delta of 14, 40 or 144. Drawn from {@code rnd} in that order.
     */
    public static ChannelGraph randomPolicies(SplittableRandom rnd, int trial, int n, int tries) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < n; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        int[] deltas = {14, 40, 144};
        for (int k = 0; k < tries; k++) {
            int u = rnd.nextInt(n);
            int v = rnd.nextInt(n);
            if (u == v) {
                continue;
            }
            int ch = b.addChannel(ShortChannelId.of(k + 1, trial, 0), u, v, rnd.nextInt(100_000, 2_000_000));
            for (int side : new int[] {u, v}) {
                if (rnd.nextInt(5) > 0) {
                    b.setPolicy(ch, side, new ChannelPolicy(rnd.nextInt(0, 5_000), rnd.nextInt(0, 3_000),
                            deltas[rnd.nextInt(3)], 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
                }
            }
        }
        return b.build();
    }

    /**
     * {@code g} announcing, for each direction, the policy of update {@code believed[e]} of {@code truth} (-1: its
     * own), a closed channel as a disabled direction: the graph a router on those beliefs should route as on.
     */
    public static ChannelGraph announcing(ChannelGraph g, PolicyUpdates truth, int[] believed) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int v = 0; v < g.nodeCount(); v++) {
            b.addNode(g.nodeId(v));
        }
        for (int c = 0; c < g.channelCount(); c++) {
            int ch = b.addChannel(g.scid(c), g.node1(c), g.node2(c), g.capacitySat(c));
            for (int d = 0; d < 2; d++) {
                int e = ChannelGraph.direction(c, d);
                ChannelPolicy p = g.policy(e);
                if (p == null) {
                    continue;
                }
                int k = believed[e];
                if (k >= 0) { // a closed channel as the announcement of a disabled direction: never used either way
                    p = new ChannelPolicy(truth.updateFeeBaseMsat(k), truth.updateFeeProportionalMillionths(k),
                            truth.updateCltvExpiryDelta(k), p.htlcMinimumMsat(), p.htlcMaximumMsat(),
                            p.disabled() || truth.isClose(k));
                }
                b.setPolicy(ch, g.source(e), p);
            }
        }
        return b.build();
    }

    /**
     * A busy living network for the routers' differential tests: 2,000 updates per direction per day (about one a
     * minute per direction, many still on their way at any time) and 200 closes per channel per day.
     */
    public static org.lnsim.engine.policy.PolicyBeliefs busyBeliefs(ChannelGraph g, long seed) {
        return org.lnsim.engine.policy.PolicyBeliefs.create(g, new org.lnsim.engine.policy.PolicyChurn(2_000,
                org.lnsim.engine.policy.PolicyChurn.BROADCAST_INTERVAL_US,
                org.lnsim.engine.policy.PolicyChurn.PER_HOP_DELAY_US, 2.0, 0.44, 200), new SplittableRandom(seed),
                seed);
    }

    /** Sets a router under test to what {@code observer} believes at {@code nowUs}. */
    public interface Believe<M> {
        void believe(M mine, org.lnsim.engine.policy.PolicyBeliefs beliefs, int observer, long nowUs);
    }

    /** Compares the router under test with one on {@code announced}, the graph announcing what it was set to. */
    public interface BeliefCheck<M> {
        void check(M mine, ChannelGraph announced, String where);
    }

    /**
     * The loop the routers' beliefs differential tests share: {@code trials} random graphs (25 nodes, 80 channels,
     * {@link #randomPolicies}) with {@link #busyBeliefs}; per graph {@code make} builds the router under test, then
     * {@code steps} times, 25 s apart, a random observer: {@code believe} sets the router to it and {@code check}
     * compares it with a router on the graph announcing exactly what {@link BeliefTracker} says the observer
     * believes ({@link #announcing}). No failure is learnt here, so a router that believes by gossip alone (ldk,
     * pickhardt) is held to the same view.
     */
    public static <M> void beliefSteps(SplittableRandom rnd, int trials, int steps,
                                       java.util.function.Function<ChannelGraph, M> make, Believe<M> believe,
                                       BeliefCheck<M> check) {
        for (int trial = 0; trial < trials; trial++) {
            ChannelGraph g = randomPolicies(rnd, trial, 25, 80);
            org.lnsim.engine.policy.PolicyBeliefs beliefs = busyBeliefs(g, trial);
            M mine = make.apply(g);
            BeliefTracker tracker = new BeliefTracker(beliefs, g);
            for (int step = 0; step < steps; step++) {
                long now = 25_000_000L * step;
                int observer = rnd.nextInt(g.nodeCount());
                believe.believe(mine, beliefs, observer, now);
                ChannelGraph announced = announcing(g, beliefs.truth(), tracker.believed(new int[] {observer}, now));
                check.check(mine, announced, "trial " + trial + " step " + step);
            }
        }
    }

    /**
     * Follows, independently of the routers, which update each direction of a run shows to given observers: the
     * folded ones as time passes, then the observers' overlay on top (no observer: the truth).
     */
    public static final class BeliefTracker {
        private final org.lnsim.engine.policy.PolicyBeliefs beliefs;
        private final int[] folded;
        private int foldedUpTo;

        public BeliefTracker(org.lnsim.engine.policy.PolicyBeliefs beliefs, ChannelGraph g) {
            this.beliefs = beliefs;
            this.folded = new int[2 * g.channelCount()];
            java.util.Arrays.fill(folded, -1);
        }

        /** Per direction, the update {@code observers} believe at {@code nowUs} (-1: the announced policy). */
        public int[] believed(int[] observers, long nowUs) {
            int f = beliefs.foldedCount(nowUs);
            for (int k = foldedUpTo; k < f; k++) {
                folded[beliefs.truth().direction(k)] = k;
            }
            foldedUpTo = f;
            int[] believed = folded.clone();
            org.lnsim.engine.policy.PolicyBeliefs.Overlay o = observers.length == 0
                    ? beliefs.truthBeyondFolded(nowUs) : beliefs.believedByAny(observers, nowUs);
            for (int i = 0; i < o.size(); i++) {
                believed[o.direction(i)] = o.update(i);
            }
            return believed;
        }
    }
}
