package org.lnsim.engine.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.lnsim.network.ChannelGraph;
import org.lnsim.random.NamedStreams;

/**
 * What each node believes about the policies of a living network ({@link PolicyUpdates}): the view a source-routing
 * sender searches on. A protocol asks for it with {@code ProtocolContext.view(PolicyBeliefs.class)}.
 *
 * <h2>Gossip lag</h2>
 * Update k of direction e (origin: e's source node o) reaches node v {@link #lagUs lag(k, v)} after it was made:
 * with h the hop distance from o to v over the network's channels, h · perHopDelay + Σ<sub>i=1..h</sub> U<sub>i</sub>
 * · broadcastInterval, the U<sub>i</sub> uniform in [0, 1) drawn from a hash of (seed, k, v, i) — each relay holds
 * the update until its next broadcast ({@link PolicyChurn}). Drawing the waits per (update, receiver) rather than
 * per relay is a simplification: two receivers behind the same relay wait independently here. A node in another
 * component than o never hears of it by gossip. Hop distances are over the channels open at the start (not the
 * dormant ones of {@link PolicyUpdates}). A channel that opens is known to its two endpoints at once and to every
 * other node with the lag of an update from its origin (its announcement travels as its channel_updates do).
 *
 * <h2>Folding</h2>
 * Every node within reach has heard update k once {@link #foldLagUs} has passed (twice the hop eccentricity of the
 * best-connected node bounds every hop distance). Updates that old are <em>folded</em>: known to all, so a consumer
 * can write them into its own copy of the policies once and for all ({@link #foldedCount}) and ask only for what
 * differs on top ({@link #believed}). The updates in between are <em>pending</em>; a query costs O(pending · h).
 *
 * <h2>Learnt from failures</h2>
 * A forwarding node that refuses an HTLC over a policy (an UPDATE-flagged BOLT 4 failure such as
 * {@code fee_insufficient} or {@code incorrect_cltv_expiry}) returns its current channel_update; the engine records
 * it for the sender ({@link #learn}), which then believes that update (and none older) from the time it learns it.
 *
 * <p>Not thread-safe: the simulation's thread only. With a static network every view is empty.
 */
public final class PolicyBeliefs {
    private static final int UNREACHABLE = 255;
    private static final int CACHED_OBSERVERS = 32;

    private final PolicyUpdates truth;
    private final ChannelGraph graph;
    private final long seed;
    private final long foldLagUs;
    /** (observer << 32 | direction) → the newest update of that direction it learnt from a failure. */
    private final Map<Long, Integer> learnt = new HashMap<>();
    private final Map<Integer, byte[]> hops = new LinkedHashMap<>(CACHED_OBSERVERS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
            return size() > CACHED_OBSERVERS;
        }
    };
    /** Scratch of {@link #believed}: per direction, the generation it was last written in and the update. */
    private int[] stamp;
    private int[] belief;
    private int generation;

    /** A static network's beliefs: always the announced policies. */
    public static PolicyBeliefs none(ChannelGraph graph) {
        return new PolicyBeliefs(PolicyUpdates.none(graph), 0, 0);
    }

    /**
     * A run's policy updates and beliefs. The updates start one {@link #foldLagUs fold lag} before time 0, so the run
     * begins in the steady state it would have reached anyway: its first payments meet as many updates still on their
     * way as its last.
     *
     * @param updates the run's stream {@code policy_updates}, drawn from only by the updates
     * @param seed    the seed of the run's stream {@code gossip} (the lag draws hash it)
     */
    public static PolicyBeliefs create(ChannelGraph graph, PolicyChurn churn, SplittableRandom updates, long seed) {
        return create(graph, churn, updates, seed, graph.channelCount());
    }

    /**
     * As {@link #create(ChannelGraph, PolicyChurn, SplittableRandom, long)}, channels from {@code firstDormant} on
     * dormant until they open ({@link PolicyUpdates}).
     */
    public static PolicyBeliefs create(ChannelGraph graph, PolicyChurn churn, SplittableRandom updates, long seed,
                                       int firstDormant) {
        long fold = foldLagUs(graph, churn, firstDormant);
        return new PolicyBeliefs(new PolicyUpdates(graph, churn, updates, -fold, firstDormant), seed, fold);
    }

    /** The {@link #foldLagUs() fold lag} of a run of {@code churn} on {@code graph}, all of whose channels are open. */
    public static long foldLagUs(ChannelGraph graph, PolicyChurn churn) {
        return foldLagUs(graph, churn, graph.channelCount());
    }

    private static long foldLagUs(ChannelGraph graph, PolicyChurn churn, int firstDormant) {
        long fold = churn.active()
                ? 2L * eccentricityOfHub(graph, firstDormant) * (churn.broadcastIntervalUs() + churn.perHopDelayUs())
                : 0;
        if (churn.closesPerChannelPerDay() > 0) {
            fold = Math.max(fold, PolicyChurn.BLOCK_INTERVAL_US);
        }
        return fold;
    }

    private PolicyBeliefs(PolicyUpdates truth, long seed, long foldLagUs) {
        this.truth = truth;
        this.graph = truth.graph();
        this.seed = seed;
        this.foldLagUs = foldLagUs;
    }

    /** Whether policies change or channels close during the run (otherwise every view is the announced graph). */
    public boolean active() {
        return truth.active();
    }

    /** The true policies, for forwarding nodes and for protocols that may know them (the oracle). */
    public PolicyUpdates truth() {
        return truth;
    }

    /** After this long every node within reach has heard an update. */
    public long foldLagUs() {
        return foldLagUs;
    }

    /** Updates [0, result) are known to every node at {@code nowUs}. */
    public int foldedCount(long nowUs) {
        truth.advanceTo(nowUs);
        int lo = 0;
        int hi = truth.count();
        long cut = nowUs - foldLagUs;
        while (lo < hi) { // first update with time > cut
            int mid = (lo + hi) >>> 1;
            if (truth.timeUs(mid) <= cut) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * How long after it was made update k reaches node {@code observer} by gossip; Long.MAX_VALUE if never. A
     * channel's close reaches its endpoints at once and every other node with the block that holds it
     * ({@link PolicyChurn}).
     */
    public long lagUs(int k, int observer) {
        int h = hopsFrom(observer)[graph.source(truth.direction(k))] & 0xFF;
        return lag(k, observer, h);
    }

    /** {@link SplittableRandom}'s seed increment (the golden ratio's odd 64-bit fraction). */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /**
     * The double {@code new SplittableRandom(s).nextDouble()} gives for the seed s that was advanced to
     * {@code state} (s + GOLDEN_GAMMA for the first draw, + 2 × GOLDEN_GAMMA for the second, …): SplittableRandom's
     * mix (Stafford's variant 13) and 53-bit scaling, without allocating one generator per draw on the search's hot
     * path. Checked equal to SplittableRandom by a test.
     */
    static double unit(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    private long lag(int k, int observer, int h) {
        if (truth.isOpening(k) && isEndpoint(k, observer)) {
            return 0;
        }
        if (truth.isClose(k)) {
            int e = truth.direction(k);
            if (observer == graph.source(e) || observer == graph.target(e)) {
                return 0;
            }
            // the block: one draw per channel close, the same for every node (and for both directions)
            long close = NamedStreams.mix64(seed ^ NamedStreams.mix64(~(long) ChannelGraph.channelOf(e)));
            return (long) (unit(close + GOLDEN_GAMMA) * PolicyChurn.BLOCK_INTERVAL_US);
        }
        if (h == UNREACHABLE) {
            return Long.MAX_VALUE;
        }
        if (h == 0) {
            return 0;
        }
        PolicyChurn c = truth.churn();
        long state = NamedStreams.mix64(seed ^ NamedStreams.mix64((long) k << 32 | observer));
        double waits = 0;
        for (int i = 0; i < h; i++) {
            state += GOLDEN_GAMMA;
            waits += unit(state);
        }
        return h * c.perHopDelayUs() + (long) (waits * c.broadcastIntervalUs());
    }

    private boolean isEndpoint(int k, int observer) {
        int e = truth.direction(k);
        return observer == graph.source(e) || observer == graph.target(e);
    }

    /** Records that {@code observer} received direction e's channel_update k in a failure. */
    public void learn(int observer, int e, int k) {
        if (k < 0) {
            return;
        }
        learnt.merge((long) observer << 32 | e, k, Math::max);
    }

    /** The pending updates a node believes: for each direction, the newest one it knows. */
    public static final class Overlay {
        private int[] directions = new int[16];
        private int[] updates = new int[16];
        private int size;

        public int size() {
            return size;
        }

        public int direction(int i) {
            return directions[i];
        }

        /** The update whose policy the node believes for {@link #direction}(i). */
        public int update(int i) {
            return updates[i];
        }

        void add(int e, int k) {
            if (size == directions.length) {
                directions = Arrays.copyOf(directions, size * 2);
                updates = Arrays.copyOf(updates, size * 2);
            }
            directions[size] = e;
            updates[size++] = k;
        }
    }

    /**
     * What {@code observer} believes at {@code nowUs} beyond the folded updates: for each direction with a pending
     * update it knows (by gossip or from a failure), the newest such update; directions absent from the overlay have
     * their folded policy (the newest folded update, or the announced one). Each direction once, in the order of its
     * oldest pending update.
     */
    public Overlay believed(int observer, long nowUs) {
        return overlay(new int[] {observer}, nowUs, false, true);
    }

    /**
     * What a sender believes that also holds what other nodes told it with the payment: each pending update any of
     * {@code observers} knows (e.g. beacon routing, whose sender routes over its own table and the receiver's).
     */
    public Overlay believedByAny(int[] observers, long nowUs) {
        if (observers.length == 0) {
            throw new IllegalArgumentException("no observer");
        }
        return overlay(observers.clone(), nowUs, false, true);
    }

    /**
     * What {@code observer} knows by gossip alone at {@code nowUs}: {@link #believed} without the updates it learnt
     * from failures — for an implementation that does not apply a failure's channel_update to its graph (LDK since
     * v0.1: {@code onion_utils.rs} turns it into a non-permanent {@code ChannelFailure}, which {@code
     * NetworkGraph::handle_network_update} ignores).
     */
    public Overlay believedByGossip(int observer, long nowUs) {
        return overlay(new int[] {observer}, nowUs, false, false);
    }

    /** The true policies beyond the folded updates: every pending update, as if every node heard it at once. */
    public Overlay truthBeyondFolded(long nowUs) {
        return overlay(new int[0], nowUs, true, true);
    }

    private Overlay overlay(int[] observers, long nowUs, boolean all, boolean failures) {
        Overlay out = new Overlay();
        int from = foldedCount(nowUs);
        int to = truth.count();
        if (from == to) {
            return out;
        }
        if (stamp == null) {
            stamp = new int[2 * graph.channelCount()];
            belief = new int[2 * graph.channelCount()];
        }
        generation++;
        byte[][] h = new byte[observers.length][];
        for (int i = 0; i < observers.length; i++) {
            h[i] = hopsFrom(observers[i]);
        }
        int[] touched = new int[Math.min(to - from, 1024)];
        int n = 0;
        for (int k = from; k < to; k++) {
            int e = truth.direction(k);
            boolean knows = all;
            for (int i = 0; i < observers.length && !knows; i++) {
                knows = known(k, e, observers[i], nowUs, h[i][graph.source(e)] & 0xFF, failures);
            }
            if (!knows) {
                continue;
            }
            if (stamp[e] != generation) {
                stamp[e] = generation;
                if (n == touched.length) {
                    touched = Arrays.copyOf(touched, n * 2);
                }
                touched[n++] = e;
            }
            belief[e] = k;
        }
        for (int i = 0; i < n; i++) { // in the order first met: each direction once
            out.add(touched[i], belief[touched[i]]);
        }
        return out;
    }

    /**
     * Whether {@code observer}, h hops from update k's origin, knows it at {@code nowUs}: by gossip, or from a failure.
     * The cheap bounds come first — a gossip lag lies in [h · perHop, h · (perHop + broadcast)), so an update that old
     * is known and one younger than the floor is not, without drawing the waits — then the exact lag, then what the
     * observer learnt; the answer is the same in any order.
     */
    private boolean known(int k, int e, int observer, long nowUs, int h, boolean failures) {
        long age = nowUs - truth.timeUs(k);
        if (truth.isOpening(k) && isEndpoint(k, observer)) {
            return age >= 0;
        }
        if (h != UNREACHABLE && !truth.isClose(k)) {
            PolicyChurn c = truth.churn();
            if (age >= h * (c.perHopDelayUs() + c.broadcastIntervalUs())) {
                return true;
            }
            if (age >= h * c.perHopDelayUs() && lag(k, observer, h) <= age) {
                return true;
            }
        } else if (lag(k, observer, h) <= age) {
            return true;
        }
        if (!failures || learnt.isEmpty()) {
            return false;
        }
        Integer l = learnt.get((long) observer << 32 | e);
        return l != null && l >= k;
    }

    /** Hop distances from {@code observer} to every node over all channels (255: unreachable), cached. */
    private byte[] hopsFrom(int observer) {
        byte[] d = hops.get(observer);
        if (d == null) {
            d = bfs(graph, observer, truth.firstDormant());
            hops.put(observer, d);
        }
        return d;
    }

    /** Hop distances from {@code from} over the channels below {@code firstDormant}. */
    private static byte[] bfs(ChannelGraph g, int from, int firstDormant) {
        byte[] d = new byte[g.nodeCount()];
        Arrays.fill(d, (byte) UNREACHABLE);
        int[] queue = new int[g.nodeCount()];
        int head = 0;
        int tail = 0;
        queue[tail++] = from;
        d[from] = 0;
        while (head < tail) {
            int u = queue[head++];
            int du = d[u] & 0xFF;
            if (du + 1 >= UNREACHABLE) {
                continue;
            }
            for (int s = g.outStart(u), end = g.outEnd(u); s < end; s++) {
                if (ChannelGraph.channelOf(g.outDirection(s)) >= firstDormant) {
                    continue;
                }
                int v = g.outPeer(s);
                if ((d[v] & 0xFF) == UNREACHABLE) {
                    d[v] = (byte) (du + 1);
                    queue[tail++] = v;
                }
            }
        }
        return d;
    }

    /** Hop eccentricity of the node with the most channels below {@code firstDormant} (0 for an empty graph). */
    private static int eccentricityOfHub(ChannelGraph g, int firstDormant) {
        int hub = -1;
        int best = -1;
        for (int v = 0; v < g.nodeCount(); v++) {
            int degree = g.degree(v);
            if (firstDormant < g.channelCount()) { // the degree over the channels open at the start
                degree = 0;
                for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                    degree += ChannelGraph.channelOf(g.outDirection(slot)) < firstDormant ? 1 : 0;
                }
            }
            if (degree > best) {
                hub = v;
                best = degree;
            }
        }
        if (hub < 0) {
            return 0;
        }
        int ecc = 0;
        for (byte b : bfs(g, hub, firstDormant)) {
            int x = b & 0xFF;
            if (x != UNREACHABLE) {
                ecc = Math.max(ecc, x);
            }
        }
        return Math.max(1, ecc);
    }
}
