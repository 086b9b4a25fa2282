package org.lnsim.protocols.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.Fees;

/**
 * The full-gossip baseline's route finder: c-lightning's cost model (lightning-facts §2.2–2.4) with Dijkstra first
 * and, only when Dijkstra's cheapest route is longer than the hop limit, a fallback that honours it — Bellman-Ford-
 * Gibson (§2.3, the exact cheapest route for every hop count) or v0.7.1's per-hop-bias binary search (§2.4). Plain
 * Dijkstra and plain BFG are available too, for comparison. A route longer than {@code maxHops} is never returned.
 *
 * <h2>Search</h2>
 * Backwards from the destination, as c-lightning does, because a hop's fee depends on the amount downstream. Each
 * reached node holds the real amount it must receive ({@code amount}, BOLT 7 unfuzzed fees), the selection total
 * ({@code total}, fuzzed fees), and {@code risk}; the key is {@code total + risk}. Relaxing direction e (u → v):
 * <ol>
 *   <li>e must be known (among the request's known channels, when given), enabled, not excluded, and u not an
 *       excluded node;</li>
 *   <li>the HTLC on e carries {@code amount(v)}: it must lie in [htlc_minimum, htlc_maximum] and not exceed the
 *       channel capacity; on the sender's own channels it must not exceed the given local balance, and on every
 *       channel the given liquidity (an oracle's true balances), when one is given;</li>
 *   <li>if u is the sender, no fee is added to the totals but the (fuzzed) fee is added to risk (c-lightning
 *       {@code ab31f40}); otherwise {@code total(u) = total(v) + ⌊fee_e(total(v)) × scale_e⌋} and
 *       {@code amount(u) = amount(v) + fee_e(amount(v))};</li>
 *   <li>{@code risk(u) = risk(v) + bias + ⌊total(u) × cltv_delta_e × riskfactor / 5,259,600⌋}, bias 1.</li>
 * </ol>
 * Departure from c-lightning 2019, on purpose: the HTLC bounds are checked against the amount the HTLC really carries
 * ({@code amount(v)}), which is what the forwarding node enforces, where c-lightning checked the fuzzed total
 * including the hop's own fee; lnsim's routes therefore never fail a policy check the router could have known.
 *
 * <h2>Cost and memory</h2>
 * Dijkstra: O(E + V log C) with a {@link RadixHeap} (C the key range), over a router-private compact copy of the
 * graph ({@link InEdges}: usable in-directions only, slot-indexed primitive arrays, hubs first, dead-end peers last;
 * ≈ 44 bytes per direction, built once in the constructor). It stops as soon as the sender's label is final: when the
 * sender comes out of the queue, when every node the sender has a usable channel to is settled (the label changes
 * only while one of them is scanned), or when the smallest key plus the per-hop bias reaches the sender's key. A
 * candidate that cannot beat the neighbour's label or the sender's is discarded after a cheap integer lower bound,
 * before its fee fuzz and risk are computed. None of this changes a result: equal keys still come out in graph
 * node order, so the routes are those of a textbook Dijkstra with a binary heap. Measured with
 * {@code lnsim bench route}, never in unit tests.
 *
 * <p>BFG: a layered dynamic programme, O(maxHops × E) relaxations over the nodes reached at each layer, with
 * maxHops + 1 (amount, total, risk, prev) entries per node (≈ 29 bytes × 21 per node). An {@link ExclusionSearch}
 * (the pay loop's prune) keeps a second per-thread set of Dijkstra labels (≈ 40 bytes per node) and, on a shared
 * router, builds a slot index of 4 bytes per direction on first use. Per-thread scratch arrays are
 * allocated once per thread and reused; no allocation happens per edge relaxation. Instances are immutable and
 * thread-safe, except a {@link #privateCopy} (policies that change during a run: one simulation thread).
 */
public final class HybridRouter {
    private static final long INF = Long.MAX_VALUE / 4;
    /** Per-hop bias that turns Dijkstra into a minimum-hop search (any cost difference is far smaller). */
    private static final long HOP_COUNTING_BIAS = 1L << 42;

    private final ChannelGraph graph;
    private final InEdges in;
    private final ThreadLocal<Scratch> scratch;
    /** The labels of the thread's open {@link ExclusionSearch}, apart from {@link #scratch}, which find uses. */
    private final ThreadLocal<Scratch> exclusionScratch;
    /** The policies a {@link #privateCopy} searches on; null in a shared router (the graph's announced ones). */
    private final BelievedPolicies believed;

    public HybridRouter(ChannelGraph graph) {
        this.graph = graph;
        this.in = new InEdges(graph);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(graph.nodeCount(), in.toGraph));
        this.exclusionScratch = ThreadLocal.withInitial(() -> new Scratch(graph.nodeCount(), in.toGraph));
        this.believed = null;
    }

    private HybridRouter(HybridRouter shared) {
        this.graph = shared.graph;
        this.in = new InEdges(shared.in, 2 * graph.channelCount());
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(graph.nodeCount(), in.toGraph));
        this.exclusionScratch = ThreadLocal.withInitial(() -> new Scratch(graph.nodeCount(), in.toGraph));
        this.believed = new BelievedPolicies(graph, in);
    }

    /**
     * A router of one run's own whose policies can be set to what a node believes ({@link #believe}): for a network
     * whose policies change (issue 22). It shares this router's immutable topology and copies its policy words
     * (≈ 32 bytes per usable direction, ≈ 20 bytes per direction more for the beliefs' bookkeeping). Unlike this
     * router it is <em>not</em> thread-safe: one simulation thread only.
     *
     * @throws IllegalStateException on a private copy (copy the shared router)
     */
    public HybridRouter privateCopy() {
        if (believed != null) {
            throw new IllegalStateException("a private copy is made from the shared router");
        }
        return new HybridRouter(this);
    }

    /**
     * Makes this private router search on every pending update any of {@code observers} knows at {@code nowUs}
     * (none: the true policies), until the next call.
     *
     * @throws IllegalStateException on a shared router
     */
    public void believe(org.lnsim.engine.policy.PolicyBeliefs beliefs, int[] observers, long nowUs) {
        if (believed == null) {
            throw new IllegalStateException("a shared router searches on the announced policies; use privateCopy()");
        }
        believed.believe(beliefs, observers, nowUs);
    }

    private long feeBase(int e) {
        return believed == null ? graph.feeBaseMsat(e) : believed.feeBaseMsat(e);
    }

    private long feePpm(int e) {
        return believed == null ? graph.feeProportionalMillionths(e) : believed.feeProportionalMillionths(e);
    }

    private int cltvDelta(int e) {
        return believed == null ? graph.cltvExpiryDelta(e) : believed.cltvExpiryDelta(e);
    }

    public ChannelGraph graph() {
        return graph;
    }

    /** Finds a route; never null, {@link Route#found()} false with a reason when there is none. */
    public Route find(RouteRequest r) {
        int n = graph.nodeCount();
        if (r.source() < 0 || r.source() >= n || r.target() < 0 || r.target() >= n) {
            throw new IllegalArgumentException("no such node: " + r.source() + " or " + r.target());
        }
        if (r.source() == r.target()) {
            return Route.none(r.amountMsat(), r.algorithm(), "source and destination are the same node");
        }
        Scratch s = scratch.get();
        Search q = new Search(r);
        switch (r.algorithm()) {
            case BFG -> {
                return bfg(s, q, Algorithm.BFG);
            }
            case DIJKSTRA -> {
                int hops = dijkstra(s, q, CostModel.RISK_BIAS);
                if (hops < 0) {
                    return Route.none(r.amountMsat(), Algorithm.DIJKSTRA, noRouteReason(r));
                }
                if (hops > r.maxHops()) {
                    return Route.none(r.amountMsat(), Algorithm.DIJKSTRA, "cheapest route has " + hops
                            + " hops, more than the limit of " + r.maxHops());
                }
                return extract(s, q, Algorithm.DIJKSTRA);
            }
            default -> {
                int hops = dijkstra(s, q, CostModel.RISK_BIAS);
                if (hops < 0) {
                    return Route.none(r.amountMsat(), Algorithm.DIJKSTRA, noRouteReason(r));
                }
                if (hops <= r.maxHops()) {
                    return extract(s, q, Algorithm.DIJKSTRA);
                }
                return r.fallback() == Fallback.BFG ? bfg(s, q, Algorithm.FALLBACK_BFG) : bias(s, q, hops);
            }
        }
    }

    private static String noRouteReason(RouteRequest r) {
        return "no route to the destination can carry " + r.amountMsat() + " msat";
    }

    /** Per-query constants, computed once. */
    private static final class Search {
        final RouteRequest r;
        final double rfBlk;

        Search(RouteRequest r) {
            this.r = r;
            this.rfBlk = CostModel.perBlockFactor(r.riskfactor());
        }
    }

    // ------------------------------------------------------------------ relaxation

    /**
     * Relaxes direction e (u → v) from v's state, reading the graph (BFG and {@link #costOf}; Dijkstra reads its
     * compact copy, with the same rules). Returns false if e cannot be used; otherwise leaves the candidate state of
     * u in {@code s.cAmount, s.cTotal, s.cRisk}.
     */
    private boolean relax(Scratch s, Search q, int e, int u, long amountV, long totalV, long riskV, long bias) {
        ChannelGraph g = graph;
        RouteRequest r = q.r;
        if (!g.isUsable(e) || believed != null && believed.closed(e)) {
            return false;
        }
        boolean senderHop = u == r.source();
        long carried = r.flatCosts() ? r.amountMsat() : amountV;
        if (carried < g.htlcMinimumMsat(e) || (g.hasHtlcMaximum(e) && carried > g.htlcMaximumMsat(e))
                || carried > g.capacityMsat(ChannelGraph.channelOf(e))) {
            return false;
        }
        if (!requestAllows(r, null, e, senderHop, carried, amountV) || excludedVia(r, u, senderHop)) {
            return false;
        }
        long feeBasis = r.flatCosts() ? r.amountMsat() : totalV;
        long base = feeBase(e);
        long ppm = feePpm(e);
        long fee = Fees.feeMsat(base, ppm, feeBasis);
        long fuzzed = fuzzedFee(fee, r.fuzz(), r.seed(), CostModel.channelFuzzKey(g.scid(ChannelGraph.channelOf(e))));
        s.cTotal = candidateTotal(senderHop, totalV, fuzzed);
        s.cRisk = candidateRisk(senderHop, r.flatCosts(), riskV, s.cTotal, feeBasis, fuzzed, cltvDelta(e),
                bias, q.rfBlk);
        s.cAmount = candidateAmount(senderHop, amountV, feeBasis, fee, base, ppm);
        return true;
    }

    // The rules of a relaxation (class javadoc, steps 1-4), shared by relax and dijkstra so that they are written
    // once; each is small enough for the JIT to inline into dijkstra's inner loop.

    /**
     * Step 1 and 2's part that is the request's, not the channel's: e (graph numbering) not excluded, its channel
     * known, the oracle's liquidity enough for the carried amount, and on the sender's own hop its local balance
     * enough for {@code amountV}.
     *
     * @param excludedBits the request's excluded directions, one bit each ({@link Scratch#excludedDirections}), or
     *                     null to search the request's sorted list
     */
    private static boolean requestAllows(RouteRequest r, long[] excludedBits, int e, boolean senderHop, long carried,
                                         long amountV) {
        return (excludedBits == null ? !r.isExcludedDirection(e) : (excludedBits[e >>> 6] & (1L << e)) == 0)
                && (r.liquidity() == null || r.liquidity().spendableMsat(e) >= carried)
                && (r.knownChannels() == null || r.knownChannels().knows(ChannelGraph.channelOf(e)))
                && (!senderHop || r.localBalances() == null || r.localBalances().spendableMsat(e) >= amountV);
    }

    /** Step 1: the hop's first node u (graph numbering) is excluded; the sender never is. */
    private static boolean excludedVia(RouteRequest r, int u, boolean senderHop) {
        return !senderHop && r.isExcludedNode(u);
    }

    /** The fee used for selection: {@code fee} fuzzed by the channel's scale (§2.2), or as it is without fuzz. */
    private static long fuzzedFee(long fee, double fuzz, long seed, long channelFuzzKey) {
        return fuzz == 0 ? fee : CostModel.fuzzedFee(fee, CostModel.fuzzScaleOfKey(seed, channelFuzzKey, fuzz));
    }

    /** Step 3: {@code total(u)}; the sender's own hop adds no fee to the totals (c-lightning {@code ab31f40}). */
    private static long candidateTotal(boolean senderHop, long totalV, long fuzzedFee) {
        return senderHop ? totalV : totalV + fuzzedFee;
    }

    /**
     * Steps 3 and 4: {@code risk(u)}, with the sender's own hop's fuzzed fee added to risk instead of the totals;
     * the risk fee is on {@code total(u)}, or with flat costs on the flat basis plus the fuzzed fee.
     */
    private static long candidateRisk(boolean senderHop, boolean flat, long riskV, long totalU, long feeBasis,
                                      long fuzzedFee, int delay, long bias, double rfBlk) {
        long risk = riskV + bias + CostModel.riskFeeMsat(flat ? feeBasis + fuzzedFee : totalU, delay, rfBlk);
        return senderHop ? risk + fuzzedFee : risk;
    }

    /**
     * Step 3: {@code amount(u)}, the real amount (BOLT 7 fee on the unfuzzed amount; none on the sender's own hop),
     * reusing {@code feeAtBasis} (the fee on {@code feeBasis}) when the basis is the amount itself.
     */
    private static long candidateAmount(boolean senderHop, long amountV, long feeBasis, long feeAtBasis, long base,
                                        long ppm) {
        if (senderHop) {
            return amountV;
        }
        return amountV + (feeBasis == amountV ? feeAtBasis : Fees.feeMsat(base, ppm, amountV));
    }

    // ------------------------------------------------------------------ Dijkstra

    /**
     * Runs Dijkstra with the given per-hop bias; returns the sender's hop count, or -1 if unreachable. The result is
     * read with {@link Scratch#cost}, {@link Scratch#hopsOf} and {@link #extract}.
     *
     * <p>The relaxation of {@link #relax}, over the router's compact in-edge copy ({@link InEdges}) instead of the
     * graph: the same rules through the same static helpers ({@link #requestAllows}, {@link #candidateTotal},
     * {@link #candidateRisk}, {@link #candidateAmount}, which the JIT inlines), but the channel's own data read from
     * slot-indexed arrays sequentially, on the copy's internal node numbering (hubs first), with a lower bound first.
     * It does not call {@link #relax} itself because relax reads the graph's per-direction arrays (scattered, several
     * cache lines per edge) and computes the full candidate before it can be compared; that is what the copy and the
     * bound exist to avoid. Seen and done sets are bitsets cleared per query (n/64 words each), so checking whether a neighbour is
     * settled stays in L1; labels are valid only where the seen bit is set, so nothing else is cleared. The checks
     * are ordered cheapest first: settled, then the lower bound against the labels (hot word only), then HTLC range,
     * exclusions and the exact cost (cold record). The real amount (BOLT 7 fee on the unfuzzed amount) is computed
     * only for a kept candidate. Queue ties are broken by graph node index, as before the renumbering.
     */
    private int dijkstra(Scratch s, Search q, long bias) {
        return begin(s, q, bias, false) ? settle(s, q, bias, false, false) : -1;
    }

    /** {@link #settle}'s answer when a resumed search finds a settled label it would change (see there). */
    private static final int REOPENS = -2;

    /**
     * Starts a Dijkstra run: clears the state, seeds the destination and, unless {@code exact}, the sender-side
     * bounds; returns false when the sender has no usable channel (no route).
     *
     * @param exact a textbook run for {@link ExclusionSearch}: no sender bound and no early stop, so that every
     *              tentative label is the best over the settled nodes and the state can be resumed
     */
    private boolean begin(Scratch s, Search q, long bias, boolean exact) {
        InEdges x = in;
        RouteRequest r = q.r;
        final long amountMsat = r.amountMsat();
        // the excluded directions as one bit each: a pay loop's prune and retries exclude hundreds, and a binary
        // search per edge was a third of source's path finding on CLoTH's snapshot (JFR)
        s.excludedDirections(2 * graph.channelCount(), r.excludedDirections());
        final long fuzzCeil20 = fuzzCeil20(r.fuzz());
        final long fuzzSlack = fuzzSlack(r.fuzz());
        Arrays.fill(s.seenBits, 0);
        Arrays.fill(s.doneBits, 0);
        s.heap.clear(amountMsat);
        final int dst = x.toInternal[r.target()];
        final int src = x.toInternal[r.source()];
        s.lastSource = src;
        s.seenBits[dst >>> 6] |= 1L << dst;
        s.key[dst] = amountMsat;
        s.total[dst] = amountMsat;
        s.amount[dst] = amountMsat;
        s.hops[dst] = 0;
        s.prev[dst] = -1;
        s.heap.push(dst, amountMsat);
        // The sender's label changes only while one of its out-neighbours is being scanned: once every node it has a
        // usable channel to is settled, the label is final and the search can stop (long before the sender itself
        // would come out of the queue when those neighbours are hubs, as they usually are).
        final long[] nbBits = s.nbBits;
        Arrays.fill(nbBits, 0);
        int openNeighbours = 0;
        // The least the sender's own hop can add to a neighbour's key: bias + fuzzed fee + risk, with the fuzzed fee
        // at least ⌊base · (1 − fuzz)⌋ − 1 (see fuzzCeil20) and the risk at least that of the bare amount (the
        // amount through the hop is never smaller, and the risk fee does not decrease with it).
        long senderHopMin = Long.MAX_VALUE;
        final int srcGraph = r.source();
        for (int slot = graph.outStart(srcGraph), e = graph.outEnd(srcGraph); slot < e; slot++) {
            final int dirOut = graph.outDirection(slot);
            if (graph.isUsable(dirOut) && (believed == null || !believed.closed(dirOut))) {
                final long base = feeBase(dirOut);
                final long feeLow = Math.max(0, base - ((base * fuzzCeil20) >>> 20) - fuzzSlack);
                senderHopMin = Math.min(senderHopMin,
                        feeLow + CostModel.riskFeeMsat(amountMsat, cltvDelta(dirOut), q.rfBlk));
                final int w = x.toInternal[graph.outPeer(slot)];
                if (x.deadEndPeer[w] == src && w != dst) {
                    continue; // its only peer is the sender, so it is never settled and never relaxes the sender
                }
                if ((nbBits[w >>> 6] & (1L << w)) == 0) {
                    nbBits[w >>> 6] |= 1L << w;
                    openNeighbours++;
                }
            }
        }
        // Once the sender is seen with key K, a label costing >= K - reach can never be part of the answer: the rest
        // of its way to the sender adds at least `bias` per hop and the sender's own hop at least senderHopMin more,
        // and only strictly cheaper labels replace.
        s.reach = bias + senderHopMin;
        s.bound = Long.MAX_VALUE;
        s.openNeighbours = openNeighbours;
        return openNeighbours > 0;
    }

    /**
     * Runs Dijkstra from the state {@link #begin} (or an {@link ExclusionSearch}) left until the sender's label is
     * final; returns the sender's hop count, -1 if it is unreachable, or {@link #REOPENS}.
     *
     * <p>Exact runs ({@code exact}) keep no sender bound, stop only when the sender comes out of the queue, and
     * break a tie between equal candidates as a run from scratch would: for the node that comes out of the queue
     * first ({@link #popsBefore}). A resumed run ({@code resume}) also checks the candidates for settled nodes whose
     * key is above the scanned one's (settled before the exclusion, when the queue order was another): if one would
     * change such a label, the run stops with {@link #REOPENS} and the caller searches from scratch.
     */
    private int settle(Scratch s, Search q, long bias, boolean exact, boolean resume) {
        InEdges x = in;
        RouteRequest r = q.r;
        final int[] inStart = x.start;
        final int[] liveEnd = x.liveEnd;
        final long[] hot = x.hot;
        final long[] cold = x.cold;
        final int[] dir = x.dir;
        final long[] htlcMin = x.htlcMinMsat;
        final int[] toGraph = x.toGraph;
        final boolean flat = r.flatCosts();
        final double fuzz = r.fuzz();
        final long fuzzSeed = r.seed();
        final double rfBlk = q.rfBlk;
        final boolean excludesNodes = r.excludedNodes().length > 0;
        final long[] excludedBits = s.excludedBits;
        // whether the request limits any hop beyond the channel's policy (requestAllows)
        final boolean filtered = s.excludedCount > 0 || excludesNodes || r.localBalances() != null
                || r.liquidity() != null || r.knownChannels() != null;
        final long amountMsat = r.amountMsat();
        final long fuzzCeil20 = fuzzCeil20(fuzz);
        final long fuzzSlack = fuzzSlack(fuzz);
        final long[] seenBits = s.seenBits;
        final long[] doneBits = s.doneBits;
        final long[] key = s.key;
        final long[] total = s.total;
        final long[] amount = s.amount;
        final int[] hops = s.hops;
        final int[] prev = s.prev;
        final RadixHeap heap = s.heap;
        final int src = s.lastSource;
        final int srcPeer = x.deadEndPeer[src];
        final long[] nbBits = s.nbBits;
        final long reach = s.reach;
        long bound = s.bound;
        int openNeighbours = s.openNeighbours;
        while (!heap.isEmpty()) {
            final int v = heap.pop();
            if ((doneBits[v >>> 6] & (1L << v)) != 0) {
                continue; // a stale entry: the node came out earlier with a lower key
            }
            if (resume && (doneBits[src >>> 6] & (1L << src)) != 0 && popsBefore(key, src, v)) {
                // the exclusion did not touch the sender's label, and every label that comes out before it is
                // settled: the sender would come out now; v stays queued, unscanned
                heap.push(v, key[v]);
                return hops[src];
            }
            doneBits[v >>> 6] |= 1L << v;
            final long keyV = key[v];
            if (v == src || keyV + reach >= bound) {
                // the sender's label is final: every neighbour still open has a key >= keyV, and its candidate for
                // the sender would cost at least that + reach
                return hops[src];
            }
            final long totalV = total[v];
            final long riskV = keyV - totalV;
            final long amountV = amount[v];
            final int hopsU = hops[v] + 1;
            final long carried = flat ? amountMsat : amountV;
            final long feeBasis = flat ? amountMsat : totalV;
            final int end = v == srcPeer ? inStart[v + 1] : liveEnd[v];
            for (int slot = inStart[v]; slot < end; slot++) {
                final long w = hot[slot];
                final int u = (int) (w >>> 32);
                final boolean doneU = (doneBits[u >>> 6] & (1L << u)) != 0;
                if (doneU && (!resume || key[u] <= keyV)) {
                    continue;
                }
                final long seenWord = seenBits[u >>> 6];
                final long bit = 1L << u;
                final boolean seenU = (seenWord & bit) != 0;
                // the candidate must cost less than both u's label and the sender's
                final long cut = u == src ? bound : bound - reach;
                final long limit = seenU ? Math.min(cut, key[u]) : cut;
                final long base = w & 0xFFFF_FFFFL;
                // cost >= keyV + bias + fuzzed fee >= keyV + bias + ⌊base · (1 − fuzz)⌋ − 1: when even that cannot
                // win, skip the rest (integer bound, see fuzzCeil20); an exact run lets an equal cost through, for
                // the tie rule
                if (keyV + bias + base - ((base * fuzzCeil20) >>> 20) - fuzzSlack >= (exact && seenU ? limit + 1
                        : limit)) {
                    continue;
                }
                final int o = InEdges.COLD * slot;
                final long c0 = cold[o];
                final int minCode = (int) c0 & 0xFFFF;
                if (carried < (minCode == InEdges.MIN_ESCAPE ? htlcMin[slot] : minCode) || carried > cold[o + 1]) {
                    continue;
                }
                final boolean senderHop = u == src;
                if (filtered && (!requestAllows(r, excludedBits, dir[slot], senderHop, carried, amountV)
                        || excludesNodes && excludedVia(r, toGraph[u], senderHop))) {
                    continue;
                }
                final long ppm = c0 >>> 32;
                final long fee = Fees.feeMsat(base, ppm, feeBasis);
                final long fuzzedFee = fuzzedFee(fee, fuzz, fuzzSeed, cold[o + 2]);
                final long cTotal = candidateTotal(senderHop, totalV, fuzzedFee);
                final long cRisk = candidateRisk(senderHop, flat, riskV, cTotal, feeBasis, fuzzedFee,
                        (int) (c0 >>> 16) & 0xFFFF, bias, rfBlk);
                final long cost = cTotal + cRisk;
                if (cost < limit || exact && seenU && cost == limit && popsBefore(key, v, popper(prev[u]))) {
                    if (doneU) {
                        return REOPENS;
                    }
                    if (senderHop && !exact) {
                        bound = cost;
                    }
                    seenBits[u >>> 6] = seenWord | bit;
                    key[u] = cost;
                    total[u] = cTotal;
                    amount[u] = candidateAmount(senderHop, amountV, feeBasis, fee, base, ppm);
                    hops[u] = hopsU;
                    prev[u] = dir[slot];
                    heap.push(u, cost);
                }
            }
            if (!exact && (nbBits[v >>> 6] & (1L << v)) != 0 && --openNeighbours == 0) {
                return (seenBits[src >>> 6] & (1L << src)) != 0 ? hops[src] : -1;
            }
        }
        // a resumed run whose exclusion did not touch the sender's label may run out of labels first
        return (doneBits[src >>> 6] & (1L << src)) != 0 ? hops[src] : -1;
    }

    /**
     * ⌈fuzz · 2^20⌉, so that (base · fuzzCeil20) &gt;&gt;&gt; 20 &gt; base · fuzz − 1 for every u32 base; with
     * {@link #fuzzSlack} 3 the bound base − that − 3 stays below base · (1 − fuzz) − 2, under any fuzzed fee of a
     * hop with this base. 0 without fuzz.
     */
    private static long fuzzCeil20(double fuzz) {
        return fuzz != 0 ? (long) Math.ceil(fuzz * (1 << 20)) : 0;
    }

    /** See {@link #fuzzCeil20}: 3 with fuzz, 0 without. */
    private static long fuzzSlack(double fuzz) {
        return fuzz != 0 ? 3 : 0;
    }

    /** The node (internal index) whose scan set a label with predecessor direction {@code prevDir} (u → it). */
    private int popper(int prevDir) {
        return in.toInternal[graph.target(prevDir)];
    }

    /**
     * Whether settled node a came out of the queue before settled node b: by key, then by graph index (the heap's
     * tie rule).
     */
    private boolean popsBefore(long[] key, int a, int b) {
        return key[a] < key[b] || key[a] == key[b] && in.toGraph[a] < in.toGraph[b];
    }

    /** The route found by the last {@link #dijkstra} run, read from the prev pointers. */
    private Route extract(Scratch s, Search q, Algorithm algorithm) {
        int src = s.lastSource;
        int count = s.hopsOf(src);
        int[] dirs = new int[count];
        int u = src;
        for (int i = 0; i < count; i++) {
            int e = s.prev[u];
            dirs[i] = e;
            u = in.toInternal[graph.target(e)];
        }
        return build(q, dirs, s.cost(src), algorithm);
    }

    /** Builds the hop list backwards from the final amount and CLTV (unfuzzed fees, §2.4 last bullet). */
    private Route build(Search q, int[] dirs, long cost, Algorithm algorithm) {
        RouteHop[] hops = new RouteHop[dirs.length];
        long amount = q.r.amountMsat();
        int cltv = q.r.finalCltv();
        for (int i = dirs.length - 1; i >= 0; i--) {
            int e = dirs[i];
            int c = ChannelGraph.channelOf(e);
            hops[i] = new RouteHop(c, graph.scid(c), e & 1, amount, cltv);
            amount += Fees.feeMsat(feeBase(e), feePpm(e), amount);
            cltv += cltvDelta(e);
        }
        return new Route(List.of(hops), q.r.amountMsat(), cost, algorithm, null);
    }

    // ------------------------------------------------------------------ a pay loop's searches at one instant

    /**
     * Opens a search for {@code r} whose excluded directions then grow one at a time ({@link ExclusionSearch}). The
     * search is valid until the next call on the same thread (it keeps its labels in a second per-thread scratch).
     */
    public ExclusionSearch exclusionSearch(RouteRequest r) {
        return new ExclusionSearch(r);
    }

    /** Slot in {@link #in} of every graph direction (-1: not usable), built on first use. */
    private volatile int[] slotByDirection;

    private int[] slotByDirection() {
        int[] a = in.slotOf != null ? in.slotOf : slotByDirection;
        if (a == null) {
            a = new int[2 * graph.channelCount()];
            Arrays.fill(a, -1);
            for (int k = 0; k < in.dir.length; k++) {
                a[in.dir[k]] = k;
            }
            slotByDirection = a;
        }
        return a;
    }

    /**
     * The searches of c-lightning's pay loop while it prunes (lightning-facts §2.5): one request, searched again
     * after each route over the fee budget or delay limit with one more excluded direction, all at one instant. A
     * search from scratch each time costs a whole Dijkstra; on a network whose hubs charge more than the budget
     * (the fitted 1M-channel network: a sender whose peer is a hub asking 1%, with 10,000 channels) the loop
     * excludes that hub's directions one by one, and thousands of searches from scratch took minutes per payment.
     *
     * <p>This search answers the same routes, byte for byte, by keeping its Dijkstra labels (an exact run: no sender
     * bound, so every tentative label is the best over the settled nodes) and repairing them after each exclusion,
     * as in Ramalingam and Reps' decremental shortest paths (1996): the labels whose predecessor chain uses the
     * excluded direction are reset, each takes its best candidate from its settled, unaffected peers under the
     * queue's tie rule, and Dijkstra resumes from every tentative label until the sender comes out again. The cost
     * model is not monotone (a label with a larger key but a smaller total can offer its peers cheaper candidates),
     * so the resumed run checks the labels settled before the exclusion whose key is above the scanned one's; if a
     * candidate would change one, the search starts again from scratch ({@link #reopened}). Routes longer than the
     * hop limit, and BFG requests, are answered by {@link #find} itself. Results equal {@link #find}'s on the same
     * request with the same exclusions: differential test {@code ExclusionSearchTest}.
     *
     * <p>Cost of a repair: the in-degrees of the reset labels' nodes (to find them), their out-degrees (to relabel
     * them), the tentative labels (queued again: the radix heap cannot take keys below its last), and the run's
     * resumption to the sender; a restart costs a Dijkstra without the sender bound. Measured: on the fitted 1M
     * network a loop of ~6,900 exclusions went from ~35 ms per search to well under 1 ms (README, Performance).
     *
     * <p>Not thread-safe; valid until the next {@link #exclusionSearch} on the same thread.
     */
    public final class ExclusionSearch {
        private final RouteRequest request;
        private final Search q;
        private final Scratch s;
        private int[] added = new int[8];
        private int addedCount;
        /** Whether the labels must be computed from scratch before the next answer. */
        private boolean fresh = true;
        /** Whether labels were reset since the last answer. */
        private boolean changed;
        private int lastHops;
        private int reopened;
        private int repaired;

        private ExclusionSearch(RouteRequest r) {
            this.request = r;
            this.q = new Search(r);
            this.s = exclusionScratch.get();
            s.owner = this;
        }

        /** The route for the request with every direction excluded so far: {@link #find}'s answer. */
        public Route route() {
            check();
            RouteRequest r = request;
            if (r.algorithm() == Algorithm.BFG || r.source() == r.target()) {
                return find(current());
            }
            int hops;
            if (fresh) {
                hops = fromScratch();
            } else if (changed) {
                hops = resume();
                if (hops == REOPENS) {
                    reopened++;
                    hops = fromScratch();
                } else {
                    repaired++;
                }
            } else {
                hops = lastHops;
            }
            lastHops = hops;
            changed = false;
            if (hops < 0) {
                fresh = true; // nothing to repair from: an unreachable sender's labels are not settled to it
                return Route.none(r.amountMsat(), Algorithm.DIJKSTRA, noRouteReason(r));
            }
            if (hops > r.maxHops()) {
                return find(current()); // the fallback (or DIJKSTRA's refusal), from scratch, as find does it
            }
            return extract(s, q, Algorithm.DIJKSTRA);
        }

        /** Excludes direction {@code e} (graph numbering) from the next {@link #route}. */
        public void exclude(int e) {
            check();
            if (addedCount == added.length) {
                added = Arrays.copyOf(added, 2 * addedCount);
            }
            added[addedCount++] = e;
            if (fresh) {
                return;
            }
            s.excludeMore(e);
            if (e < 0 || e >= 2 * graph.channelCount()) {
                return;
            }
            int u = in.toInternal[graph.source(e)];
            if ((s.seenBits[u >>> 6] & (1L << u)) == 0 || s.prev[u] != e) {
                return; // no label goes through e
            }
            int count = affectedBy(u);
            int[] aff = s.affected;
            for (int i = 0; i < count; i++) {
                int a = aff[i];
                s.seenBits[a >>> 6] &= ~(1L << a);
                s.doneBits[a >>> 6] &= ~(1L << a);
            }
            for (int i = 0; i < count; i++) {
                relabel(aff[i]);
            }
            changed = true;
        }

        /** Searches that repaired their labels, and searches that had to start again from scratch (tests). */
        int repaired() {
            return repaired;
        }

        int reopened() {
            return reopened;
        }

        private void check() {
            if (s.owner != this) {
                throw new IllegalStateException("another exclusion search was opened on this thread since");
            }
        }

        /** The request with every exclusion so far (for {@link #find}). */
        private RouteRequest current() {
            if (addedCount == 0) {
                return request;
            }
            int[] base = request.excludedDirections();
            int[] all = Arrays.copyOf(base, base.length + addedCount);
            System.arraycopy(added, 0, all, base.length, addedCount);
            return request.withExcludedDirections(all);
        }

        private int fromScratch() {
            fresh = false;
            if (!begin(s, q, CostModel.RISK_BIAS, true)) {
                return -1;
            }
            for (int i = 0; i < addedCount; i++) {
                s.excludeMore(added[i]);
            }
            return settle(s, q, CostModel.RISK_BIAS, true, false);
        }

        /**
         * Collects in {@code s.affected} every labelled node whose predecessor chain passes through {@code u}, u
         * included; returns how many. A breadth-first walk down the tree of labels: the children of y are the nodes
         * of y's in-slots whose label came through that slot, so the walk costs the in-degrees of the nodes it finds.
         */
        private int affectedBy(int u) {
            if (s.affected == null) {
                s.affected = new int[s.nodes];
            }
            final int[] aff = s.affected;
            final long[] seen = s.seenBits;
            int count = 0;
            aff[count++] = u;
            for (int i = 0; i < count; i++) {
                final int y = aff[i];
                for (int slot = in.start[y], end = in.start[y + 1]; slot < end; slot++) {
                    final int x = (int) (in.hot[slot] >>> 32);
                    if ((seen[x >>> 6] & (1L << x)) != 0 && s.prev[x] == in.dir[slot]) {
                        aff[count++] = x;
                    }
                }
            }
            return count;
        }

        /**
         * Gives reset node a its best candidate from its settled peers (none: a stays unlabelled), breaking ties as
         * the queue would have: the peer that came out first, then the first slot of its scan.
         */
        private void relabel(int a) {
            final int[] slots = slotByDirection();
            final int src = s.lastSource;
            final int srcPeer = in.deadEndPeer[src];
            final int ag = in.toGraph[a];
            int bestB = -1;
            int bestSlot = -1;
            int bestDir = -1;
            long bestCost = 0;
            long bestTotal = 0;
            long bestAmount = 0;
            for (int gs = graph.outStart(ag), ge = graph.outEnd(ag); gs < ge; gs++) {
                final int d = graph.outDirection(gs); // a -> b: in b's in-list at slot k
                final int k = slots[d];
                if (k < 0 || s.excludes(d)) {
                    continue;
                }
                final int b = in.toInternal[graph.outPeer(gs)];
                if ((s.doneBits[b >>> 6] & (1L << b)) == 0 || b == src || k >= in.liveEnd[b] && b != srcPeer) {
                    continue; // only settled nodes have scanned, and a scan covers its live slots (all at srcPeer)
                }
                if (bestB >= 0 && s.key[b] + CostModel.RISK_BIAS > bestCost) {
                    continue; // a candidate costs at least its peer's key plus the bias: it cannot win or tie
                }
                final long totalB = s.total[b];
                if (!relax(s, q, d, ag, s.amount[b], totalB, s.key[b] - totalB, CostModel.RISK_BIAS)) {
                    continue;
                }
                final long cost = s.cTotal + s.cRisk;
                if (bestB < 0 || cost < bestCost || cost == bestCost
                        && (popsBefore(s.key, b, bestB) || b == bestB && k < bestSlot)) {
                    bestB = b;
                    bestSlot = k;
                    bestDir = d;
                    bestCost = cost;
                    bestTotal = s.cTotal;
                    bestAmount = s.cAmount;
                }
            }
            if (bestB >= 0) {
                s.seenBits[a >>> 6] |= 1L << a;
                s.key[a] = bestCost;
                s.total[a] = bestTotal;
                s.amount[a] = bestAmount;
                s.hops[a] = s.hops[bestB] + 1;
                s.prev[a] = bestDir;
            }
        }

        /**
         * Queues every tentative label and resumes the exact run. The queue starts at the request's amount, the least
         * key any label has (the destination's), so the repaired labels below the last key popped fit; with nothing
         * queued, settle answers from the sender's label as it stands.
         */
        private int resume() {
            s.heap.clear(request.amountMsat());
            final long[] seen = s.seenBits;
            final long[] done = s.doneBits;
            for (int wi = 0; wi < seen.length; wi++) {
                for (long word = seen[wi] & ~done[wi]; word != 0; word &= word - 1) {
                    int x = (wi << 6) + Long.numberOfTrailingZeros(word);
                    s.heap.push(x, s.key[x]);
                }
            }
            return settle(s, q, CostModel.RISK_BIAS, true, true);
        }
    }

    // ------------------------------------------------------------------ Bellman-Ford-Gibson

    /**
     * Layered BFG: layer h holds, for each node, the cheapest way to reach the destination in exactly h hops; the
     * answer is the cheapest sender entry over h = 1..maxHops.
     */
    private Route bfg(Scratch s, Search q, Algorithm label) {
        ChannelGraph g = graph;
        RouteRequest r = q.r;
        int maxHops = r.maxHops();
        s.ensureLayers(maxHops + 1);
        int epoch = s.nextEpoch();
        int src = r.source();
        int dst = r.target();
        int[] frontier = s.frontier;
        int[] next = s.nextFrontier;
        int frontierSize = 1;
        frontier[0] = dst;
        s.lSeen[0][dst] = epoch;
        s.lAmount[0][dst] = r.amountMsat();
        s.lTotal[0][dst] = r.amountMsat();
        s.lRisk[0][dst] = 0;
        long bestCost = INF;
        int bestHops = -1;
        for (int h = 0; h < maxHops && frontierSize > 0; h++) {
            int[] seenH = s.lSeen[h];
            long[] amountH = s.lAmount[h];
            long[] totalH = s.lTotal[h];
            long[] riskH = s.lRisk[h];
            int[] seenN = s.lSeen[h + 1];
            long[] amountN = s.lAmount[h + 1];
            long[] totalN = s.lTotal[h + 1];
            long[] riskN = s.lRisk[h + 1];
            int[] prevN = s.lPrev[h + 1];
            int nextSize = 0;
            for (int i = 0; i < frontierSize; i++) {
                int v = frontier[i];
                if (v == src || seenH[v] != epoch) {
                    continue; // a route does not pass through its own sender
                }
                long amountV = amountH[v];
                long totalV = totalH[v];
                long riskV = riskH[v];
                for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                    int u = g.outPeer(slot);
                    if (u == dst) {
                        continue;
                    }
                    int e = g.outDirection(slot) ^ 1;
                    if (!relax(s, q, e, u, amountV, totalV, riskV, CostModel.RISK_BIAS)) {
                        continue;
                    }
                    long cost = s.cTotal + s.cRisk;
                    if (seenN[u] != epoch) {
                        seenN[u] = epoch;
                        next[nextSize++] = u;
                    } else if (cost >= totalN[u] + riskN[u]) {
                        continue;
                    }
                    amountN[u] = s.cAmount;
                    totalN[u] = s.cTotal;
                    riskN[u] = s.cRisk;
                    prevN[u] = e;
                }
            }
            if (seenN[src] == epoch && totalN[src] + riskN[src] < bestCost) {
                bestCost = totalN[src] + riskN[src];
                bestHops = h + 1;
            }
            int[] t = frontier;
            frontier = next;
            next = t;
            frontierSize = nextSize;
        }
        s.frontier = frontier;
        s.nextFrontier = next;
        if (bestHops < 0) {
            return Route.none(r.amountMsat(), label, "no route of at most " + maxHops + " hops can carry "
                    + r.amountMsat() + " msat");
        }
        int[] dirs = new int[bestHops];
        int u = src;
        for (int i = 0; i < bestHops; i++) {
            int e = s.lPrev[bestHops - i][u];
            dirs[i] = e;
            u = g.target(e);
        }
        return build(q, dirs, bestCost, label);
    }

    // ------------------------------------------------------------------ per-hop bias fallback

    /**
     * c-lightning v0.7.1 {@code find_shorter_route} (§2.4): find the minimum-hop route; if it fits, binary-search the
     * smallest integer per-hop bias in [1, shortCost − longCost] whose Dijkstra route fits the limit. The result fits
     * the limit but need not be the cheapest route that does (BFG's is).
     */
    private Route bias(Scratch s, Search q, int longHops) {
        RouteRequest r = q.r;
        long longCost = s.cost(s.lastSource);
        int shortHops = dijkstra(s, q, HOP_COUNTING_BIAS);
        if (shortHops < 0 || shortHops > r.maxHops()) {
            return Route.none(r.amountMsat(), Algorithm.FALLBACK_BIAS, "minimal possible route has " + shortHops
                    + " hops, more than the limit of " + r.maxHops());
        }
        Route shortest = extract(s, q, Algorithm.FALLBACK_BIAS);
        long shortCost = costOf(shortest, r);
        long lo = CostModel.RISK_BIAS; // known too long (the first Dijkstra, longHops > limit)
        long hi = Math.max(lo + 1, shortCost - longCost);
        Route best = null;
        if (dijkstra(s, q, hi) >= 0 && s.hopsOf(s.lastSource) <= r.maxHops()) {
            best = extract(s, q, Algorithm.FALLBACK_BIAS);
            while (hi - lo > 1) {
                long mid = lo + (hi - lo) / 2;
                int h = dijkstra(s, q, mid);
                if (h >= 0 && h <= r.maxHops()) {
                    hi = mid;
                    best = extract(s, q, Algorithm.FALLBACK_BIAS);
                } else {
                    lo = mid;
                }
            }
        }
        Route chosen = best != null ? best : shortest;
        return new Route(chosen.hops(), chosen.amountMsat(), costOf(chosen, r), Algorithm.FALLBACK_BIAS, null);
    }

    /**
     * The selection cost (total + risk, fuzzed fees, bias 1) of a given route under a request's parameters,
     * evaluated backwards exactly as the searches do. Used to compare routes from different algorithms.
     *
     * @return the cost, or {@code Long.MAX_VALUE} if some hop cannot carry its amount under the request
     */
    public long costOf(Route route, RouteRequest r) {
        Search q = new Search(r);
        Scratch s = scratch.get();
        long amount = r.amountMsat();
        long total = amount;
        long risk = 0;
        List<RouteHop> hops = route.hops();
        for (int i = hops.size() - 1; i >= 0; i--) {
            int e = hops.get(i).directionIndex();
            int u = graph.source(e);
            if (!relax(s, q, e, u, amount, total, risk, CostModel.RISK_BIAS)) {
                return Long.MAX_VALUE;
            }
            amount = s.cAmount;
            total = s.cTotal;
            risk = s.cRisk;
        }
        return total + risk;
    }

    // ------------------------------------------------------------------ scratch

    /** Per-thread reusable search state; arrays are valid only where the stamp or epoch matches. */
    private static final class Scratch {
        /** Dijkstra's seen and done sets over internal node indices, one bit per node (cleared per query). */
        final long[] seenBits;
        final long[] doneBits;
        /** The sender's out-neighbours of the current query, one bit per internal node. */
        final long[] nbBits;
        /** Per internal node, valid where the seen bit is set: key (total + risk), total, real amount, hops, prev. */
        final long[] key;
        final long[] total;
        final long[] amount;
        final int[] hops;
        final int[] prev;
        final RadixHeap heap;
        /** Internal index of the last Dijkstra run's sender. */
        int lastSource;
        final int nodes;
        int epoch;
        /** One bit per graph direction: the current query's excluded directions; allocated on first use. */
        long[] excludedBits;
        /** The directions whose bits are set in {@link #excludedBits}, the first {@link #excludedCount}. */
        private int[] excludedSet = new int[0];
        int excludedCount;
        /** The graph's direction count of the last {@link #excludedDirections}: the bits' valid range. */
        private int directions;
        /** The {@link ExclusionSearch} using this scratch (exclusion scratch only). */
        Object owner;
        /** An exclusion search's nodes to repair; allocated on first use. */
        int[] affected;
        /** A Dijkstra run's sender bound state, kept between {@link #begin} and {@link #settle}. */
        long reach;
        long bound;
        int openNeighbours;
        // candidate of the last relax()
        long cAmount;
        long cTotal;
        long cRisk;
        // BFG layers, allocated on first use
        int[][] lSeen = new int[0][];
        long[][] lAmount;
        long[][] lTotal;
        long[][] lRisk;
        int[][] lPrev;
        int[] frontier;
        int[] nextFrontier;

        /**
         * The bits of {@code excluded} (direction indices) over {@code directions} directions, the previous query's
         * cleared first: O(excluded) per query, where clearing the whole set would be O(directions).
         */
        long[] excludedDirections(int directions, int[] excluded) {
            if (excludedBits == null) {
                excludedBits = new long[(directions + 63) >>> 6];
            }
            this.directions = directions;
            for (int i = 0; i < excludedCount; i++) {
                int e = excludedSet[i];
                if (e >= 0 && e < directions) {
                    excludedBits[e >>> 6] &= ~(1L << e);
                }
            }
            excludedSet = excluded; // never written: excludeMore copies it first
            excludedCount = excluded.length;
            for (int e : excluded) {
                if (e >= 0 && e < directions) { // another graph's direction excludes nothing here, as before
                    excludedBits[e >>> 6] |= 1L << e;
                }
            }
            return excludedBits;
        }

        /** Excludes one direction more, after {@link #excludedDirections} (an {@link ExclusionSearch}). */
        void excludeMore(int e) {
            if (excludedCount == excludedSet.length) {
                excludedSet = Arrays.copyOf(excludedSet, Math.max(8, 2 * excludedCount));
            }
            excludedSet[excludedCount++] = e;
            if (e >= 0 && e < directions) { // the same range as excludedDirections, which clears what it set
                excludedBits[e >>> 6] |= 1L << e;
            }
        }

        boolean excludes(int e) {
            return (excludedBits[e >>> 6] & (1L << e)) != 0;
        }

        Scratch(int n, int[] tieRank) {
            nodes = n;
            seenBits = new long[(n + 63) >>> 6];
            doneBits = new long[(n + 63) >>> 6];
            nbBits = new long[(n + 63) >>> 6];
            key = new long[n];
            total = new long[n];
            amount = new long[n];
            hops = new int[n];
            prev = new int[n];
            heap = new RadixHeap(tieRank);
        }

        long cost(int internal) {
            return key[internal];
        }

        int hopsOf(int internal) {
            return hops[internal];
        }

        int nextEpoch() {
            if (++epoch == Integer.MAX_VALUE) {
                epoch = 1;
                for (int[] l : lSeen) {
                    Arrays.fill(l, 0);
                }
            }
            return epoch;
        }

        void ensureLayers(int layers) {
            if (lSeen.length >= layers) {
                return;
            }
            int n = nodes;
            int old = lSeen.length;
            lSeen = Arrays.copyOf(lSeen, layers);
            lAmount = lAmount == null ? new long[layers][] : Arrays.copyOf(lAmount, layers);
            lTotal = lTotal == null ? new long[layers][] : Arrays.copyOf(lTotal, layers);
            lRisk = lRisk == null ? new long[layers][] : Arrays.copyOf(lRisk, layers);
            lPrev = lPrev == null ? new int[layers][] : Arrays.copyOf(lPrev, layers);
            for (int h = old; h < layers; h++) {
                lSeen[h] = new int[n];
                lAmount[h] = new long[n];
                lTotal[h] = new long[n];
                lRisk[h] = new long[n];
                lPrev[h] = new int[n];
            }
            if (frontier == null) {
                frontier = new int[n];
                nextFrontier = new int[n];
            }
        }
    }

    /** Convenience for tests and tools: the directions of a route. */
    static int[] directions(Route route) {
        List<Integer> l = new ArrayList<>();
        for (RouteHop h : route.hops()) {
            l.add(h.directionIndex());
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
