package org.lnsim.network.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lnsim.network.ChannelGraph;

/**
 * The per-node policy model of a snapshot (issue 22 item 2), the part of an {@link McpFit} that
 * {@link McpGenerator.PolicyMode#NODE} generates from. Real operators set one policy for most of their channels and
 * a node that is offline has every channel disabled; an independent draw per direction ({@link
 * McpGenerator.PolicyMode#DIRECTION}) has neither, so c-lightning's router finds long chains of cheap, low-CLTV
 * directions that no real node offers together, and every direction is usable where the 2019-05-14 snapshot has 21%
 * of its channels disabled both ways. Measured on 2019-05-14 ({@code lnsim fit}): a node's directions carry its most
 * common (base, ppm, cltv) in 84% of directions of nodes with ≥ 2 usable ones (93% node-averaged), against 40% for
 * the independent draw; offline shares are 70% of degree-1 nodes and 1% of nodes with ≥ 100 channels.
 *
 * <p>Definitions, per node v with at least one channel, grouped by {@link #DEGREE_CLASS_MIN} class of its degree
 * (all channels, usable or not):
 * <ul>
 *   <li>v is <b>offline</b> when none of its directions is usable (known and enabled);</li>
 *   <li>otherwise its <b>home</b> policy is its most frequent usable (base, ppm, cltv, htlc_min), ties to the
 *       smallest in that field order; the htlc_max code is not part of it (rows carry "none"), because from 2021 on
 *       it follows each channel's capacity (e.g. 99% of it) and would count most directions as deviating (68–75% of
 *       hub directions on 2021-04-16 with it, against 24% for the 2019 hubs without htlc_max);</li>
 *   <li>{@code liveDirections}: directions out of live nodes towards live peers; {@code unusableDirections}: those
 *       that are not usable (a disabled or unknown direction between two live nodes);</li>
 *   <li>{@code multiDirections}: usable directions of nodes with ≥ 2 usable directions; {@code
 *       deviatingDirections}: those whose policy is not the node's home.</li>
 * </ul>
 * The generator draws, per node of class k: offline with probability {@code offlineNodes / nodes}; a home from every
 * class's {@code homes} pooled (node-weighted); per direction of a node with ≥ 2 channels, with probability {@code
 * deviatingDirections / multiDirections} a policy from the {@code deviations} table instead; per direction an
 * htlc_max code from {@code htlcMax} (independently, as the per-direction draw); each direction between live nodes
 * is disabled with probability {@code unusableDirections / liveDirections}, every direction of a channel with an
 * offline end is disabled (its policy still drawn: known but disabled, as the snapshot's).
 *
 * <p>Why homes are pooled rather than drawn from the node's own class (the fit keeps them by class, so the choice
 * can be revisited): with class homes, generated hubs take the snapshot's hub homes, whose cheap, low-CLTV minority
 * (base 0, 1 ppm, cltv 4–30) the router then finds on every seed, fee medians 3–8 ppm on four of five seeds at
 * 2019-05-14's size against the snapshot's 124; pooled, 101 ppm on all five. The few largest generated hubs carry
 * most routes, so what matters is the policy a hub is likely to have; the snapshot's hubs are too few (95 with
 * ≥ 100 channels) for their table to be sampled without such swings. Tried and not kept (issue 22 notes): a
 * per-node "second" policy for the deviating directions (routes 0.3–0.6 hops too long) and hub homes matched to
 * the snapshot's hubs by degree rank (fee medians 3–7 ppm). Those trials ran on MCP's topology, where one hub
 * reaches nearly every node; with the fitted topology ({@link McpGenerator.TopologyMode#FITTED}) the pinned hubs
 * draw their homes from the snapshot's hubs' ({@link McpFit#topHomes()}) and deviations are placed by peer ({@link
 * Siblings}); matched by rank there, 2019's routes came out 3.8–4.4 hops against the snapshot's 3.50.
 *
 * <p>Under the fitted topology the pooled draw is no longer used (issue 22, the fee medians): the pinned hubs take
 * the snapshot's hubs' outward homes in degree order ({@link McpFit#topRankHomes()}), every other node draws its
 * home from its own degree class's {@code homes}, and a deviating other direction draws from its home's table for
 * its kind of peer ({@link Siblings#otherByHome()}, {@link Siblings#otherToTopByPair()}). Measured on 2021-04-16,
 * whose generated routes had a fee median 31–58% below the snapshot's: pooled homes put a fee of at most 10 msat on
 * 10,000 sat (base 0, ppm ≤ 1) on 21% of the generated 20–99-channel nodes against 4% of the snapshot's, and
 * routes crossed them (41–76% of those nodes' forwarding hops at ≤ 10 msat, the snapshot's 27%); and the pooled
 * deviation table gave a node of any home the deviations of all homes, where the snapshot's deviate near their
 * home (directions out of nodes whose home charges more than 1,100 msat deviate to more than 1,100 msat in 81% of
 * cases, to 200 msat or less in 4%; pooled: 54% and 11%). With the three, the 2021 fee medians are 105–125 ppm
 * against the snapshot's 161 (68–102 before) and the 2019 routes 3.33–3.62 hops against 3.50 (3.37–4.09).
 *
 * @param classes    one entry per degree class, in {@link #DEGREE_CLASS_MIN} order
 * @param deviations the policies of deviating directions with counts, most frequent first (may be empty)
 * @param htlcMax    the {@code htlc_maximum_msat} codes of usable directions with counts (as {@link
 *                   McpFit.PolicyEntry#htlcMaxMsat()}), most frequent first
 */
public record NodePolicies(List<DegreeClass> classes, List<McpFit.PolicyEntry> deviations,
                           List<HtlcMaxEntry> htlcMax) {
    /** One {@code htlc_maximum_msat} code ({@link McpFit.PolicyEntry#htlcMaxMsat()}) and its usable directions. */
    public record HtlcMaxEntry(long code, long count) {
        public HtlcMaxEntry {
            if (code < McpFit.HTLC_MAX_CAPACITY || count <= 0) {
                throw new IllegalArgumentException("bad htlc_max entry: code " + code + ", count " + count);
            }
        }
    }

    /**
     * Smallest degree of each class: 1, 2–4, 5–19, 20–99, ≥ 100. The classes separate what the 2019-05-14 snapshot
     * shows to differ with degree: the offline share (0.70, 0.46, 0.20, 0.06, 0.01) and the deviating share (0, 0.03,
     * 0.07, 0.11, 0.24); the bounds are round numbers, not fitted.
     */
    public static final List<Integer> DEGREE_CLASS_MIN = List.of(1, 2, 5, 20, 100);

    /**
     * One degree class.
     *
     * @param minDegree           smallest degree of the class (the next class's minimum − 1 is its largest)
     * @param nodes               nodes of the class
     * @param offlineNodes        of those, nodes without a usable direction
     * @param liveDirections      directions out of the class's live nodes to live peers
     * @param unusableDirections  of those, directions not usable
     * @param multiDirections     usable directions of the class's nodes with ≥ 2 usable directions
     * @param deviatingDirections of those, directions whose policy is not the node's home
     * @param homes               home policies of the class's live nodes, counted in nodes, most frequent first
     */
    public record DegreeClass(int minDegree, long nodes, long offlineNodes, long liveDirections,
                              long unusableDirections, long multiDirections, long deviatingDirections,
                              List<McpFit.PolicyEntry> homes) {
        public DegreeClass {
            if (minDegree < 1 || nodes < 0 || offlineNodes < 0 || offlineNodes > nodes || liveDirections < 0
                    || unusableDirections < 0 || unusableDirections > liveDirections || multiDirections < 0
                    || deviatingDirections < 0 || deviatingDirections > multiDirections) {
                throw new IllegalArgumentException("inconsistent degree class from " + minDegree + ": nodes " + nodes
                        + ", offline " + offlineNodes + ", live directions " + liveDirections + ", unusable "
                        + unusableDirections + ", multi " + multiDirections + ", deviating " + deviatingDirections);
            }
            long homeNodes = homes.stream().mapToLong(McpFit.PolicyEntry::count).sum();
            if (homeNodes != nodes - offlineNodes) {
                throw new IllegalArgumentException("degree class from " + minDegree + ": homes count " + homeNodes
                        + " nodes, but " + (nodes - offlineNodes) + " are live");
            }
            homes = List.copyOf(homes);
        }

        /** Probability that a node of the class is offline; 0 for an empty class. */
        public double offlineShare() {
            return nodes == 0 ? 0 : (double) offlineNodes / nodes;
        }

        /** Probability that a direction between live nodes is not usable. */
        public double unusableShare() {
            return liveDirections == 0 ? 0 : (double) unusableDirections / liveDirections;
        }

        /** Probability that a direction of a node with ≥ 2 channels leaves the node's home policy. */
        public double deviatingShare() {
            return multiDirections == 0 ? 0 : (double) deviatingDirections / multiDirections;
        }
    }

    public NodePolicies {
        if (classes.size() != DEGREE_CLASS_MIN.size()) {
            throw new IllegalArgumentException("node policies need " + DEGREE_CLASS_MIN.size() + " degree classes, got "
                    + classes.size());
        }
        for (int k = 0; k < classes.size(); k++) {
            if (classes.get(k).minDegree() != DEGREE_CLASS_MIN.get(k)) {
                throw new IllegalArgumentException("degree class " + k + " must start at " + DEGREE_CLASS_MIN.get(k)
                        + ", got " + classes.get(k).minDegree());
            }
        }
        classes = List.copyOf(classes);
        deviations = List.copyOf(deviations);
        htlcMax = List.copyOf(htlcMax);
        if (htlcMax.isEmpty()) {
            throw new IllegalArgumentException("node policies without htlc_max codes");
        }
        if (classes.stream().allMatch(c -> c.homes().isEmpty())) {
            throw new IllegalArgumentException("node policies without any live node");
        }
        if (deviations.isEmpty() && classes.stream().anyMatch(c -> c.deviatingDirections() > 0)) {
            throw new IllegalArgumentException("deviating directions counted but the deviation table is empty");
        }
    }

    /** Index of the degree class of a node with {@code degree} ≥ 1 channels. */
    public static int classOf(int degree) {
        int k = 0;
        while (k + 1 < DEGREE_CLASS_MIN.size() && degree >= DEGREE_CLASS_MIN.get(k + 1)) {
            k++;
        }
        return k;
    }

    /** Policy-table key of a usable direction (the {@link McpFit.PolicyEntry} fields without the count). */
    record Key(long base, long ppm, int cltv, long hmin, long hmax) {
        static final Comparator<Key> ORDER = Comparator.comparingLong(Key::base).thenComparingLong(Key::ppm)
                .thenComparingInt(Key::cltv).thenComparingLong(Key::hmin).thenComparingLong(Key::hmax);

        /** The key of the node model: the htlc_max code is left out ({@link McpFit#HTLC_MAX_NONE}). */
        static Key of(ChannelGraph g, int e) {
            return new Key(g.feeBaseMsat(e), g.feeProportionalMillionths(e), g.cltvExpiryDelta(e),
                    g.htlcMinimumMsat(e), McpFit.HTLC_MAX_NONE);
        }

        /** The htlc_max code of a direction ({@link McpFit.PolicyEntry#htlcMaxMsat()}). */
        static long htlcMaxCode(ChannelGraph g, int e) {
            if (!g.hasHtlcMaximum(e)) {
                return McpFit.HTLC_MAX_NONE;
            }
            return g.htlcMaximumMsat(e) == g.capacityMsat(ChannelGraph.channelOf(e)) ? McpFit.HTLC_MAX_CAPACITY
                    : g.htlcMaximumMsat(e);
        }
    }

    /**
     * Where deviating policies sit (issue 22, part of the fitted topology): a <b>sibling</b> direction goes from a
     * node with ≥ 2 usable directions to a live peer with the same home policy; the others are <b>other</b>
     * directions. Sibling deviations are kept per home, because they are one operator's: on 2019-05-14 all 1,690
     * sibling directions of home (0, 250 ppm, CLTV 30) carry (base 0, 1 ppm, CLTV 4) (one operator's hubs of 400–550
     * channels, 25 of the 43 largest nodes, and their channels among themselves), against 79 of the 6,679 deviating
     * other directions at CLTV 4. Drawn from one pooled table, as {@link McpGenerator.PolicyMode#NODE} does under
     * {@link McpGenerator.TopologyMode#MCP}, those CLTV-4 policies land on random hub channels, and c-lightning's
     * router, whose risk term favours low CLTV, follows chains of them once the hubs no longer reach every node:
     * routes 1.0–1.3 hops longer than the snapshot's, 82% of forwarding hops at CLTV 4 (the snapshot: 13%). Pooled
     * over all homes (sibling directions of the common default homes included) they spread over 505 nodes instead
     * of 50 and routes grow to 5.1–5.3 hops; kept per home, 2019's routes are 3.4–4.1 hops (the snapshot: 3.50).
     *
     * @param byHome          per home with at least one deviating sibling direction: the home (its count = the
     *                        home's usable sibling directions) and the deviating policies (counted in directions),
     *                        most sibling directions first
     * @param otherDeviations the policies of deviating other directions, counted in directions, most frequent first
     * @param otherByHome     the same other deviations split by the source node's home, for the other directions
     *                        towards peers outside the top 1% of degrees ({@link McpFitter#topNodes}) or offline
     *                        ones: per home with
     *                        at least one such deviation, the home (its count = the home's usable other directions
     *                        to such peers) and its deviating policies, most directions first. A deviation depends on
     *                        the home it leaves: on 2021-04-16, out of nodes whose home charges more than 1,100 msat
     *                        on 10,000 sat, 81% of deviations also charge more than 1,100 msat and 4% charge 200 msat
     *                        or less; the pooled table has 54% and 11%. JSON {@code siblings.other_by_home}; null
     *                        in a fit written before it (then the pooled table is drawn, as before)
     * @param otherToTopByPair the other directions towards live top peers, per (home, peer's home) pair with at
     *                        least one deviation ({@link PairDeviations}). Kept apart because towards hubs a
     *                        deviation depends on who the hub is: on 2021-04-16, 28% of the hubs' directions to
     *                        hubs carry a fee ≤ 200 msat with CLTV ≤ 18 against 0.3% of their directions to other
     *                        nodes, and the directions of home (1, 75, 144) to hubs carry (1, 1, 18) on all 121
     *                        towards hubs of home (1, 1, 18) and all 48 towards hubs of home (1, 300, 144) (one
     *                        operator's nodes, whose homes differ, so they are not siblings) and on none of the 151
     *                        towards hubs of home (1000, 1, 40). Per home only, those cheap, low-CLTV policies went to any hub and routes
     *                        crossed the hub core on them: 3.97–4.27 hops and fee medians 104–147 ppm against
     *                        3.71–3.83 and 105–125 per pair (the snapshot: 3.84, 161). A pair not listed (it never
     *                        deviates in the snapshot, or does not occur there) draws as a direction to a non-top
     *                        peer. JSON {@code siblings.other_to_top_by_pair}; null exactly when {@code
     *                        otherByHome} is; {@code otherByHome} and this together count exactly the directions
     *                        of {@code otherDeviations}
     */
    public record Siblings(List<HomeSiblings> byHome, List<McpFit.PolicyEntry> otherDeviations,
                           List<HomeSiblings> otherByHome, List<PairDeviations> otherToTopByPair) {
        public Siblings {
            byHome = List.copyOf(byHome);
            otherDeviations = List.copyOf(otherDeviations);
            if ((otherByHome == null) != (otherToTopByPair == null)) {
                throw new IllegalArgumentException("other_by_home and other_to_top_by_pair come together");
            }
            otherByHome = otherByHome == null ? null : List.copyOf(otherByHome);
            otherToTopByPair = otherToTopByPair == null ? null : List.copyOf(otherToTopByPair);
            if (otherByHome != null) {
                long listed = java.util.stream.Stream.concat(otherByHome.stream().map(HomeSiblings::deviations),
                                otherToTopByPair.stream().map(PairDeviations::deviations))
                        .mapToLong(d -> d.stream().mapToLong(McpFit.PolicyEntry::count).sum()).sum();
                long pooled = otherDeviations.stream().mapToLong(McpFit.PolicyEntry::count).sum();
                if (listed != pooled) {
                    throw new IllegalArgumentException("other deviations by home count " + listed
                            + " directions, the pooled table " + pooled + ": they must be the same directions");
                }
            }
        }

        /** Without the per-home other deviations (a fit written before them): the pooled table is drawn. */
        public Siblings(List<HomeSiblings> byHome, List<McpFit.PolicyEntry> otherDeviations) {
            this(byHome, otherDeviations, null, null);
        }

        /**
         * Fits it (definitions above). Example (the unit test's): a triangle a, b, c whose directions all carry P
         * except a→b, which carries Q, plus a leaf d on c with R both ways. Homes: a has P and Q once each, the
         * smaller in field order; b has P; c has P (twice) and R once, so P; d has R (one usable direction, so it
         * is skipped as a source). With P &lt; Q: siblings among a, b, c: all six triangle directions; deviating:
         * a→b (Q); c→d is an other direction (d's home is R) and deviates (R ≠ P). Four nodes make one top node
         * (ceil(4 / 100)), c (3 channels): c→d goes to a non-top peer, so other_by_home has home P with 1 direction
         * and [R × 1], other_to_top_by_pair is empty.
         */
        public static Siblings fit(ChannelGraph g) {
            int n = g.nodeCount();
            Key[] home = new Key[n];
            int[] usable = new int[n];
            for (int v = 0; v < n; v++) {
                home[v] = homeOf(g, v);
                for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                    if (g.isUsable(g.outDirection(s))) {
                        usable[v]++;
                    }
                }
            }
            Map<Key, long[]> siblingDirections = new HashMap<>();
            Map<Key, Map<Key, long[]>> sibling = new HashMap<>();
            Map<Key, long[]> other = new HashMap<>();
            Map<Key, long[]> otherDirections = new HashMap<>();
            Map<Key, Map<Key, long[]>> otherOfHome = new HashMap<>();
            Map<List<Key>, long[]> toTopDirections = new HashMap<>();
            Map<List<Key>, Map<Key, long[]>> toTopOfPair = new HashMap<>();
            boolean[] top = McpFitter.marks(g, McpFitter.topNodes(g));
            for (int v = 0; v < n; v++) {
                if (usable[v] < 2) {
                    continue;
                }
                for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                    int e = g.outDirection(s);
                    if (!g.isUsable(e)) {
                        continue;
                    }
                    Key k = Key.of(g, e);
                    boolean same = home[v].equals(home[g.outPeer(s)]);
                    if (!same && top[v] && !top[g.outPeer(s)]) {
                        continue; // a top node's other directions to the rest: McpFit#topRankPolicies, per rank
                    }
                    if (same) {
                        siblingDirections.computeIfAbsent(home[v], x -> new long[1])[0]++;
                    } else {
                        if (top[g.outPeer(s)] && home[g.outPeer(s)] != null) {
                            toTopDirections.computeIfAbsent(List.of(home[v], home[g.outPeer(s)]),
                                    x -> new long[1])[0]++;
                        } else {
                            otherDirections.computeIfAbsent(home[v], x -> new long[1])[0]++;
                        }
                    }
                    if (!k.equals(home[v])) {
                        (same ? sibling.computeIfAbsent(home[v], x -> new HashMap<>()) : other)
                                .computeIfAbsent(k, x -> new long[1])[0]++;
                        if (!same) {
                            (top[g.outPeer(s)] && home[g.outPeer(s)] != null ? toTopOfPair.computeIfAbsent(List.of(home[v],
                                    home[g.outPeer(s)]), x -> new HashMap<>())
                                    : otherOfHome.computeIfAbsent(home[v], x -> new HashMap<>()))
                                    .computeIfAbsent(k, x -> new long[1])[0]++;
                        }
                    }
                }
            }
            Map<Key, long[]> homesWithDeviations = new HashMap<>();
            for (Key h : sibling.keySet()) {
                homesWithDeviations.put(h, siblingDirections.get(h));
            }
            List<HomeSiblings> byHome = new ArrayList<>();
            for (McpFit.PolicyEntry h : table(homesWithDeviations)) {
                Key key = new Key(h.feeBaseMsat(), h.feePpm(), h.cltvDelta(), h.htlcMinMsat(), h.htlcMaxMsat());
                byHome.add(new HomeSiblings(h, table(sibling.get(key))));
            }
            return new Siblings(byHome, table(other), byHome(otherDirections, otherOfHome),
                    byPair(toTopDirections, toTopOfPair));
        }

        /**
         * Per (home, peer home) pair with deviations: both rows counted in the pair's directions, its deviations;
         * most directions first, ties in the two homes' field order.
         */
        private static List<PairDeviations> byPair(Map<List<Key>, long[]> directions,
                                                   Map<List<Key>, Map<Key, long[]>> deviations) {
            List<PairDeviations> out = new ArrayList<>();
            for (Map.Entry<List<Key>, Map<Key, long[]>> en : deviations.entrySet()) {
                long n = directions.get(en.getKey())[0];
                out.add(new PairDeviations(entry(en.getKey().get(0), n), entry(en.getKey().get(1), n),
                        table(en.getValue())));
            }
            out.sort(Comparator.<PairDeviations>comparingLong(p -> -p.home().count())
                    .thenComparing(p -> key(p.home()), Key.ORDER).thenComparing(p -> key(p.peerHome()), Key.ORDER));
            return out;
        }

        private static McpFit.PolicyEntry entry(Key k, long count) {
            return new McpFit.PolicyEntry(k.base(), k.ppm(), k.cltv(), k.hmin(), k.hmax(), count);
        }

        private static Key key(McpFit.PolicyEntry p) {
            return new Key(p.feeBaseMsat(), p.feePpm(), p.cltvDelta(), p.htlcMinMsat(), p.htlcMaxMsat());
        }

        /** Per home with deviations: the home counted in its directions, its deviations; most directions first. */
        private static List<HomeSiblings> byHome(Map<Key, long[]> directions, Map<Key, Map<Key, long[]>> deviations) {
            Map<Key, long[]> homes = new HashMap<>();
            for (Key h : deviations.keySet()) {
                homes.put(h, directions.get(h));
            }
            List<HomeSiblings> out = new ArrayList<>();
            for (McpFit.PolicyEntry h : table(homes)) {
                Key key = new Key(h.feeBaseMsat(), h.feePpm(), h.cltvDelta(), h.htlcMinMsat(), h.htlcMaxMsat());
                out.add(new HomeSiblings(h, table(deviations.get(key))));
            }
            return out;
        }
    }

    /**
     * The other directions from nodes of one home to top nodes of another ({@link Siblings#otherToTopByPair()}):
     * {@code home.count()} = {@code peerHome.count()} of them, of which the {@code deviations} (counted in
     * directions) leave the home.
     */
    public record PairDeviations(McpFit.PolicyEntry home, McpFit.PolicyEntry peerHome,
                                 List<McpFit.PolicyEntry> deviations) {
        public PairDeviations {
            deviations = List.copyOf(deviations);
            long listed = deviations.stream().mapToLong(McpFit.PolicyEntry::count).sum();
            if (home.count() != peerHome.count()) {
                throw new IllegalArgumentException("pair " + home + " to " + peerHome + ": both rows count the "
                        + "pair's directions, got " + home.count() + " and " + peerHome.count());
            }
            if (deviations.isEmpty() || listed > home.count()) {
                throw new IllegalArgumentException("pair deviations of home " + home + " to " + peerHome + " count "
                        + listed + " directions: need 1 to " + home.count());
            }
        }

        /** Probability that a direction of the pair leaves the home. */
        public double deviatingShare() {
            return (double) deviations.stream().mapToLong(McpFit.PolicyEntry::count).sum() / home.count();
        }
    }

    /**
     * The sibling directions of one home: {@code home.count()} of them, of which the {@code deviations} (counted in
     * directions) leave the home.
     */
    public record HomeSiblings(McpFit.PolicyEntry home, List<McpFit.PolicyEntry> deviations) {
        public HomeSiblings {
            deviations = List.copyOf(deviations);
            long listed = deviations.stream().mapToLong(McpFit.PolicyEntry::count).sum();
            if (deviations.isEmpty() || listed > home.count()) {
                throw new IllegalArgumentException("sibling deviations of home " + home + " count " + listed
                        + " directions: need 1 to " + home.count());
            }
        }

        /** Probability that a sibling direction of this home leaves it. */
        public double deviatingShare() {
            return (double) deviations.stream().mapToLong(McpFit.PolicyEntry::count).sum() / home.count();
        }
    }

    /** The home policy of node {@code v} (class comment), or null when it has no usable direction (offline). */
    static Key homeOf(ChannelGraph g, int v) {
        Map<Key, int[]> counts = new HashMap<>();
        for (int s = g.outStart(v); s < g.outEnd(v); s++) {
            int e = g.outDirection(s);
            if (g.isUsable(e)) {
                counts.computeIfAbsent(Key.of(g, e), k -> new int[1])[0]++;
            }
        }
        return mostCommon(counts);
    }

    /**
     * The outward home of node {@code v}: its most frequent usable (base, ppm, cltv, htlc_min) over its directions to
     * peers not marked in {@code top}, ties as {@link #homeOf}; its {@link #homeOf} when it has no such usable
     * direction (all its usable channels go to top nodes); null when it has no usable direction at all.
     */
    static Key outwardHomeOf(ChannelGraph g, int v, boolean[] top) {
        Map<Key, int[]> counts = new HashMap<>();
        for (int s = g.outStart(v); s < g.outEnd(v); s++) {
            int e = g.outDirection(s);
            if (g.isUsable(e) && !top[g.outPeer(s)]) {
                counts.computeIfAbsent(Key.of(g, e), k -> new int[1])[0]++;
            }
        }
        Key k = mostCommon(counts);
        return k == null ? homeOf(g, v) : k;
    }

    /** The key with the highest count, ties to the least in {@link Key#ORDER}; null for no key. */
    private static Key mostCommon(Map<Key, int[]> counts) {
        Key best = null;
        int bestCount = 0;
        for (Map.Entry<Key, int[]> en : counts.entrySet()) {
            int c = en.getValue()[0];
            if (c > bestCount || (c == bestCount && Key.ORDER.compare(en.getKey(), best) < 0)) {
                best = en.getKey();
                bestCount = c;
            }
        }
        return best;
    }

    /** Fits the model to a graph (definitions in the class comment). */
    public static NodePolicies fit(ChannelGraph g) {
        int n = g.nodeCount();
        int classes = DEGREE_CLASS_MIN.size();
        boolean[] live = new boolean[n];
        Key[] home = new Key[n];
        int[] usable = new int[n];
        Map<Long, long[]> hmaxCounts = new HashMap<>();
        for (int v = 0; v < n; v++) {
            Map<Key, int[]> counts = new HashMap<>();
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int e = g.outDirection(s);
                if (g.isUsable(e)) {
                    counts.computeIfAbsent(Key.of(g, e), k -> new int[1])[0]++;
                    hmaxCounts.computeIfAbsent(Key.htlcMaxCode(g, e), k -> new long[1])[0]++;
                    usable[v]++;
                }
            }
            live[v] = usable[v] > 0;
            home[v] = mostCommon(counts);
        }
        long[] nodes = new long[classes];
        long[] offline = new long[classes];
        long[] liveDirs = new long[classes];
        long[] unusable = new long[classes];
        long[] multi = new long[classes];
        long[] deviating = new long[classes];
        List<Map<Key, long[]>> homes = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            homes.add(new HashMap<>());
        }
        Map<Key, long[]> dev = new HashMap<>();
        for (int v = 0; v < n; v++) {
            if (g.degree(v) == 0) {
                continue;
            }
            int k = classOf(g.degree(v));
            nodes[k]++;
            if (!live[v]) {
                offline[k]++;
                continue;
            }
            homes.get(k).computeIfAbsent(home[v], x -> new long[1])[0]++;
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int e = g.outDirection(s);
                boolean ok = g.isUsable(e);
                if (live[g.outPeer(s)]) {
                    liveDirs[k]++;
                    if (!ok) {
                        unusable[k]++;
                    }
                }
                if (ok && usable[v] >= 2) {
                    multi[k]++;
                    Key key = Key.of(g, e);
                    if (!key.equals(home[v])) {
                        deviating[k]++;
                        dev.computeIfAbsent(key, x -> new long[1])[0]++;
                    }
                }
            }
        }
        List<DegreeClass> out = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            out.add(new DegreeClass(DEGREE_CLASS_MIN.get(k), nodes[k], offline[k], liveDirs[k], unusable[k], multi[k],
                    deviating[k], table(homes.get(k))));
        }
        if (out.stream().allMatch(c -> c.homes().isEmpty())) {
            throw new IllegalArgumentException("cannot fit node policies: no node has a known, enabled policy");
        }
        List<HtlcMaxEntry> hmax = hmaxCounts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Long, long[]>>comparingLong(en -> -en.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .map(en -> new HtlcMaxEntry(en.getKey(), en.getValue()[0])).collect(Collectors.toList());
        return new NodePolicies(out, table(dev), hmax);
    }

    /**
     * The per-node correlation statistic (issue 22): over nodes with ≥ 2 usable directions, the share of their usable
     * directions that carry the node's most common value of a field, direction-weighted (Σ modal count / Σ usable
     * directions) and node-averaged (mean over nodes of modal count / usable directions).
     *
     * @param cltvDirections    direction-weighted share for the CLTV delta
     * @param baseDirections    the same for the base fee
     * @param ppmDirections     the same for the proportional fee
     * @param policyDirections  the same for the whole (base, ppm, cltv) triple
     * @param cltvNodes         node-averaged share for the CLTV delta
     * @param policyNodes       node-averaged share for the triple
     * @param nodes             nodes counted (≥ 2 usable directions)
     */
    public record ModalShares(double cltvDirections, double baseDirections, double ppmDirections,
                              double policyDirections, double cltvNodes, double policyNodes, int nodes) {
    }

    /** Computes {@link ModalShares} of a graph; all shares are NaN when no node has 2 usable directions. */
    public static ModalShares modalShares(ChannelGraph g) {
        long directions = 0;
        long[] modal = new long[4];
        double cltvNodes = 0;
        double policyNodes = 0;
        int nodes = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            List<Map<List<Long>, int[]>> counts = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(),
                    new HashMap<>());
            int usable = 0;
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int e = g.outDirection(s);
                if (!g.isUsable(e)) {
                    continue;
                }
                usable++;
                long cltv = g.cltvExpiryDelta(e);
                long base = g.feeBaseMsat(e);
                long ppm = g.feeProportionalMillionths(e);
                counts.get(0).computeIfAbsent(List.of(cltv), k -> new int[1])[0]++;
                counts.get(1).computeIfAbsent(List.of(base), k -> new int[1])[0]++;
                counts.get(2).computeIfAbsent(List.of(ppm), k -> new int[1])[0]++;
                counts.get(3).computeIfAbsent(List.of(base, ppm, cltv), k -> new int[1])[0]++;
            }
            if (usable < 2) {
                continue;
            }
            nodes++;
            directions += usable;
            int[] best = new int[4];
            for (int f = 0; f < 4; f++) {
                best[f] = counts.get(f).values().stream().mapToInt(c -> c[0]).max().orElseThrow();
                modal[f] += best[f];
            }
            cltvNodes += (double) best[0] / usable;
            policyNodes += (double) best[3] / usable;
        }
        double d = directions;
        return new ModalShares(modal[0] / d, modal[1] / d, modal[2] / d, modal[3] / d, cltvNodes / nodes,
                policyNodes / nodes, nodes);
    }

    /** Counts as a policy table: most frequent first, ties in ascending field order. */
    static List<McpFit.PolicyEntry> table(Map<Key, long[]> counts) {
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Key, long[]>>comparingLong(en -> -en.getValue()[0])
                        .thenComparing(Map.Entry::getKey, Key.ORDER))
                .map(en -> new McpFit.PolicyEntry(en.getKey().base(), en.getKey().ppm(), en.getKey().cltv(),
                        en.getKey().hmin(), en.getKey().hmax(), en.getValue()[0]))
                .collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return "NodePolicies" + classes.stream().map(c -> c.minDegree() + ":" + c.nodes() + "/" + c.offlineNodes())
                .collect(Collectors.joining(", ", "[", "]")) + " deviations " + deviations.size();
    }
}
