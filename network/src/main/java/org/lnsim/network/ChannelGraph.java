package org.lnsim.network;

import java.util.List;

/**
 * The immutable public channel graph: nodes, channels and both directions' policies, stored in flat primitive
 * arrays so that the Million Channels Project scale (~1M channels, ~94K nodes) takes well under 300 MB of heap and
 * route searches touch only contiguous memory.
 *
 * <h2>Indexing</h2>
 * <ul>
 *   <li>Nodes are numbered {@code 0 .. nodeCount()-1} in ascending order of their 33-byte node id, so a node id is
 *       found by binary search and every load of the same network numbers it the same way.</li>
 *   <li>Channels are numbered {@code 0 .. channelCount()-1} in ascending short channel id order; scids are unique.
 *       Parallel channels between the same two nodes are distinct channels.</li>
 *   <li>A <em>direction</em> (half-channel) has index {@code e = 2·channel + d}. As in BOLT 7, {@code d = 0} is the
 *       direction from {@code node_1} (the lesser node id) to {@code node_2}, whose policy {@code node_1} announces;
 *       {@code e ^ 1} is the opposite direction of the same channel.</li>
 *   <li>Adjacency is CSR: the directions leaving node {@code n} are {@link #outDirection(int)} for slots
 *       {@code outStart(n) <= i < outEnd(n)}, with the node at the other end in {@link #outPeer(int)}. Directions
 *       <em>into</em> {@code n} are the same slots' {@code e ^ 1}.</li>
 * </ul>
 * Balances are not part of the model: they belong to a simulation run. A file that states initial balances (CLoTH's
 * CSV) gives them beside the graph ({@code org.lnsim.network.io.FileBalances}).
 *
 * <p>Instances are created by {@link ChannelGraphBuilder}, the native loader or {@link #withChannels} (a new graph
 * with channels appended, every index kept) and never change; all accessors are
 * safe for concurrent use.
 */
public final class ChannelGraph {
    /**
     * Largest capacity a channel can have: Bitcoin's 21M BTC supply, in sat (2.1 × 10^15). Every importer refuses
     * more, naming the record (a capacity above it is impossible, and in msat it would not fit a {@code long}:
     * 2.1 × 10^18 msat does, 2^63 ≈ 9.2 × 10^18 is the limit).
     */
    public static final long MAX_CAPACITY_SAT = 21_000_000L * 100_000_000L;

    static final byte DIR_KNOWN = 1;
    static final byte DIR_DISABLED = 2;

    private final byte[] nodeIds;
    private final String[] aliases;
    private final NodeAddress[][] addresses;

    private final long[] scids;
    private final int[] node1;
    private final int[] node2;
    private final long[] capacitySat;

    private final byte[] dirFlags;
    private final int[] feeBase;
    private final int[] feePpm;
    private final char[] cltvDelta;
    private final long[] htlcMin;
    private final long[] htlcMax;

    private final int[] outOffsets;
    private final int[] outDirections;
    private final int[] outPeers;

    ChannelGraph(byte[] nodeIds, String[] aliases, NodeAddress[][] addresses, long[] scids, int[] node1, int[] node2,
                 long[] capacitySat, byte[] dirFlags, int[] feeBase, int[] feePpm, char[] cltvDelta, long[] htlcMin,
                 long[] htlcMax) {
        this.nodeIds = nodeIds;
        this.aliases = aliases;
        this.addresses = addresses;
        this.scids = scids;
        this.node1 = node1;
        this.node2 = node2;
        this.capacitySat = capacitySat;
        this.dirFlags = dirFlags;
        this.feeBase = feeBase;
        this.feePpm = feePpm;
        this.cltvDelta = cltvDelta;
        this.htlcMin = htlcMin;
        this.htlcMax = htlcMax;
        int n = aliases.length;
        int m = scids.length;
        this.outOffsets = new int[n + 1];
        for (int c = 0; c < m; c++) {
            outOffsets[node1[c] + 1]++;
            outOffsets[node2[c] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            outOffsets[i + 1] += outOffsets[i];
        }
        this.outDirections = new int[2 * m];
        this.outPeers = new int[2 * m];
        int[] fill = java.util.Arrays.copyOf(outOffsets, n);
        for (int c = 0; c < m; c++) {
            int a = node1[c];
            int b = node2[c];
            int ia = fill[a]++;
            outDirections[ia] = 2 * c;
            outPeers[ia] = b;
            int ib = fill[b]++;
            outDirections[ib] = 2 * c + 1;
            outPeers[ib] = a;
        }
    }

    // ---- nodes ----

    public int nodeCount() {
        return aliases.length;
    }

    /** A copy of node {@code n}'s 33-byte id. */
    public byte[] nodeId(int n) {
        return java.util.Arrays.copyOfRange(nodeIds, n * NodeIds.LENGTH, (n + 1) * NodeIds.LENGTH);
    }

    public String nodeIdHex(int n) {
        return NodeIds.hex(nodeIds, n * NodeIds.LENGTH);
    }

    /** Compares the ids of nodes {@code a} and {@code b} (same order as their indices). */
    int compareNodeIds(int a, int b) {
        return NodeIds.compare(nodeIds, a * NodeIds.LENGTH, nodeIds, b * NodeIds.LENGTH);
    }

    /** Byte {@code i} of node {@code n}'s id, for XOR-distance computations without copying. */
    public int nodeIdByte(int n, int i) {
        return nodeIds[n * NodeIds.LENGTH + i] & 0xFF;
    }

    /** Index of the node with this id, or -1. */
    public int indexOfNode(byte[] id) {
        if (id.length != NodeIds.LENGTH) {
            return -1;
        }
        int lo = 0;
        int hi = nodeCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = NodeIds.compare(nodeIds, mid * NodeIds.LENGTH, id, 0);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Index of the node with this hex id, or -1 (also for text that is not a node id). */
    public int indexOfNode(String hex) {
        try {
            return indexOfNode(NodeIds.parse(hex));
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Alias from the node's announcement, or {@code null}. */
    public String alias(int n) {
        return aliases[n];
    }

    /**
     * Whether a {@code node_announcement} is known for the node (only announced nodes count towards gossip size).
     */
    public boolean isAnnounced(int n) {
        return addresses[n] != null;
    }

    /** The announced addresses (possibly empty), or an empty list when the node has no announcement. */
    public List<NodeAddress> addresses(int n) {
        NodeAddress[] a = addresses[n];
        return a == null ? List.of() : List.of(a);
    }

    /** Number of channels at node {@code n} (parallel channels counted separately). */
    public int degree(int n) {
        return outOffsets[n + 1] - outOffsets[n];
    }

    public int outStart(int n) {
        return outOffsets[n];
    }

    public int outEnd(int n) {
        return outOffsets[n + 1];
    }

    /** The direction index ({@code 2·channel + d}) at adjacency slot {@code slot}; it leaves the slot's node. */
    public int outDirection(int slot) {
        return outDirections[slot];
    }

    /** The node at the far end of adjacency slot {@code slot}. */
    public int outPeer(int slot) {
        return outPeers[slot];
    }

    // ---- channels ----

    public int channelCount() {
        return scids.length;
    }

    public long scid(int c) {
        return scids[c];
    }

    /** Index of the channel with this short channel id, or -1. */
    public int indexOfChannel(long scid) {
        int i = java.util.Arrays.binarySearch(scids, scid);
        return i >= 0 ? i : -1;
    }

    /** {@code node_1}: the endpoint with the lesser node id. */
    public int node1(int c) {
        return node1[c];
    }

    /** {@code node_2}: the endpoint with the greater node id. */
    public int node2(int c) {
        return node2[c];
    }

    public long capacitySat(int c) {
        return capacitySat[c];
    }

    public long capacityMsat(int c) {
        return capacitySat[c] * 1000L;
    }

    /** Each node's total channel capacity in sat (parallel channels counted), as a fresh array indexed by node. */
    public long[] nodeCapacitiesSat() {
        long[] total = new long[nodeCount()];
        for (int c = 0; c < scids.length; c++) {
            total[node1[c]] += capacitySat[c];
            total[node2[c]] += capacitySat[c];
        }
        return total;
    }

    // ---- directions ----

    public static int direction(int channel, int d) {
        return 2 * channel + d;
    }

    public static int channelOf(int direction) {
        return direction >>> 1;
    }

    /** The node that announces this direction's policy and sends along it. */
    public int source(int e) {
        return (e & 1) == 0 ? node1[e >>> 1] : node2[e >>> 1];
    }

    /** The node this direction leads to. */
    public int target(int e) {
        return (e & 1) == 0 ? node2[e >>> 1] : node1[e >>> 1];
    }

    /** Whether a {@code channel_update} is known for this direction. */
    public boolean hasPolicy(int e) {
        return (dirFlags[e] & DIR_KNOWN) != 0;
    }

    /** Known and marked disabled. */
    public boolean isDisabled(int e) {
        return (dirFlags[e] & DIR_DISABLED) != 0;
    }

    /** Known and not disabled: may carry payments. */
    public boolean isUsable(int e) {
        return dirFlags[e] == DIR_KNOWN;
    }

    public long feeBaseMsat(int e) {
        return Integer.toUnsignedLong(feeBase[e]);
    }

    public long feeProportionalMillionths(int e) {
        return Integer.toUnsignedLong(feePpm[e]);
    }

    public int cltvExpiryDelta(int e) {
        return cltvDelta[e];
    }

    public long htlcMinimumMsat(int e) {
        return htlcMin[e];
    }

    /** {@code htlc_maximum_msat}, or {@link ChannelPolicy#NO_HTLC_MAXIMUM} when the update carries none. */
    public long htlcMaximumMsat(int e) {
        return htlcMax[e];
    }

    public boolean hasHtlcMaximum(int e) {
        return htlcMax[e] != ChannelPolicy.NO_HTLC_MAXIMUM;
    }

    /** BOLT 7 fee this direction charges to forward {@code amountMsat}. */
    public long feeMsat(int e, long amountMsat) {
        return Fees.feeMsat(Integer.toUnsignedLong(feeBase[e]), Integer.toUnsignedLong(feePpm[e]), amountMsat);
    }

    /** This direction's policy as a value, or {@code null} when none is known. */
    public ChannelPolicy policy(int e) {
        if (!hasPolicy(e)) {
            return null;
        }
        return new ChannelPolicy(feeBaseMsat(e), feeProportionalMillionths(e), cltvDelta[e], htlcMin[e], htlcMax[e],
                isDisabled(e));
    }

    // ---- consistency ----

    /** Largest amount in msat: the 21M BTC supply ({@link #MAX_CAPACITY_SAT} × 1,000 = 2.1 × 10^18, fits a long). */
    public static final long MAX_MSAT = MAX_CAPACITY_SAT * 1000L;

    /**
     * Verifies the invariants the rest of lnsim relies on and names the first one broken: node ids strictly ascending;
     * short channel ids strictly ascending; endpoints in range with {@code node1 < node2}; capacities within
     * {@code 0..}{@link #MAX_CAPACITY_SAT}; direction flags one of unknown, known, known-and-disabled; a direction
     * without a policy carries none (zero fees, cltv and minimum, no maximum); HTLC minimum and maximum within
     * {@code 0..}{@link #MAX_MSAT} (or no maximum); the adjacency lists every direction once, at its source. Fees and
     * cltv deltas are u32 and u16 by their storage. One pass over each array, no allocation: the native reader runs it
     * on every load, and the readers' fuzz tests on every graph they accept.
     *
     * @throws IllegalStateException naming the node, channel or direction and what is wrong
     */
    public void check() {
        int n = nodeCount();
        int m = channelCount();
        if (nodeIds.length != n * NodeIds.LENGTH || addresses.length != n) {
            throw new IllegalStateException("node arrays disagree on the node count " + n);
        }
        for (int i = 1; i < n; i++) {
            if (compareNodeIds(i - 1, i) >= 0) {
                throw new IllegalStateException("node " + i + ": node ids not strictly ascending");
            }
        }
        if (node1.length != m || node2.length != m || capacitySat.length != m || dirFlags.length != 2 * m
                || feeBase.length != 2 * m || feePpm.length != 2 * m || cltvDelta.length != 2 * m
                || htlcMin.length != 2 * m || htlcMax.length != 2 * m) {
            throw new IllegalStateException("channel arrays disagree on the channel count " + m);
        }
        for (int c = 0; c < m; c++) {
            if (c > 0 && scids[c - 1] >= scids[c]) {
                throw new IllegalStateException("channel " + c + ": short channel ids not strictly ascending");
            }
            if (node1[c] < 0 || node2[c] >= n || node1[c] >= node2[c]) {
                throw new IllegalStateException("channel " + c + ": bad endpoints " + node1[c] + ", " + node2[c]);
            }
            if (capacitySat[c] < 0 || capacitySat[c] > MAX_CAPACITY_SAT) {
                throw new IllegalStateException("channel " + c + ": capacity " + capacitySat[c]
                        + " sat is negative or above the 21M BTC supply");
            }
        }
        for (int e = 0; e < 2 * m; e++) {
            byte f = dirFlags[e];
            if (f != 0 && f != DIR_KNOWN && f != (DIR_KNOWN | DIR_DISABLED)) {
                throw new IllegalStateException("direction " + e + ": invalid flags " + f);
            }
            if (f == 0 && (feeBase[e] != 0 || feePpm[e] != 0 || cltvDelta[e] != 0 || htlcMin[e] != 0
                    || htlcMax[e] != ChannelPolicy.NO_HTLC_MAXIMUM)) {
                throw new IllegalStateException("direction " + e + ": policy values without a known policy");
            }
            if (htlcMin[e] < 0 || htlcMin[e] > MAX_MSAT) {
                throw new IllegalStateException("direction " + e + ": htlc minimum " + htlcMin[e]
                        + " msat is negative or above the 21M BTC supply");
            }
            if (htlcMax[e] != ChannelPolicy.NO_HTLC_MAXIMUM && (htlcMax[e] < 0 || htlcMax[e] > MAX_MSAT)) {
                throw new IllegalStateException("direction " + e + ": htlc maximum " + htlcMax[e]
                        + " msat is negative or above the 21M BTC supply");
            }
        }
        if (outOffsets[n] != 2 * m) {
            throw new IllegalStateException("adjacency holds " + outOffsets[n] + " slots for " + m + " channels");
        }
        for (int v = 0; v < n; v++) {
            for (int slot = outOffsets[v]; slot < outOffsets[v + 1]; slot++) {
                int e = outDirections[slot];
                if (e < 0 || e >= 2 * m || source(e) != v || target(e) != outPeers[slot]) {
                    throw new IllegalStateException("node " + v + ": adjacency slot " + slot
                            + " does not hold a direction leaving it");
                }
            }
        }
    }

    // ---- package access for serialisers that write the arrays as they are ----

    byte[] rawNodeIds() {
        return nodeIds;
    }

    String[] rawAliases() {
        return aliases;
    }

    NodeAddress[][] rawAddresses() {
        return addresses;
    }

    long[] rawScids() {
        return scids;
    }

    int[] rawNode1() {
        return node1;
    }

    int[] rawNode2() {
        return node2;
    }

    long[] rawCapacitySat() {
        return capacitySat;
    }

    byte[] rawDirFlags() {
        return dirFlags;
    }

    int[] rawFeeBase() {
        return feeBase;
    }

    int[] rawFeePpm() {
        return feePpm;
    }

    char[] rawCltvDelta() {
        return cltvDelta;
    }

    long[] rawHtlcMin() {
        return htlcMin;
    }

    long[] rawHtlcMax() {
        return htlcMax;
    }

    // ---- growth ----

    /**
     * This graph with {@code k} channels appended after its own (issue 22, channels that open during a run): the
     * existing nodes, channels and directions keep their indexes, so everything indexed by this graph reads the
     * same in the result; the new channels are {@code channelCount() .. channelCount() + k - 1}. Their short
     * channel ids must be strictly ascending and above this graph's last one (they were funded later), which keeps
     * the channel order by scid.
     *
     * @param scids    the new channels' short channel ids
     * @param node1    their node_1 (the lesser node index), each below its node_2
     * @param node2    their node_2
     * @param capSat   their capacities, sat, in {@code 0..}{@link #MAX_CAPACITY_SAT}
     * @param policies two per new channel: index 2i is node_1's direction's, 2i + 1 node_2's (null: unknown)
     * @throws IllegalArgumentException naming the new channel and what is wrong
     */
    public ChannelGraph withChannels(long[] scids, int[] node1, int[] node2, long[] capSat, ChannelPolicy[] policies) {
        int k = scids.length;
        if (node1.length != k || node2.length != k || capSat.length != k || policies.length != 2 * k) {
            throw new IllegalArgumentException("new channel arrays disagree on the count " + k);
        }
        int m = channelCount();
        int n = nodeCount();
        long last = m == 0 ? Long.MIN_VALUE : this.scids[m - 1];
        for (int i = 0; i < k; i++) {
            if (scids[i] <= last) {
                throw new IllegalArgumentException("new channel " + i + ": short channel id "
                        + ShortChannelId.format(scids[i]) + " is not above " + ShortChannelId.format(last));
            }
            last = scids[i];
            if (node1[i] < 0 || node2[i] >= n || node1[i] >= node2[i]) {
                throw new IllegalArgumentException("new channel " + i + ": bad endpoints " + node1[i] + ", "
                        + node2[i]);
            }
            if (capSat[i] < 0 || capSat[i] > MAX_CAPACITY_SAT) {
                throw new IllegalArgumentException("new channel " + i + ": capacity " + capSat[i] + " sat");
            }
        }
        long[] s = java.util.Arrays.copyOf(this.scids, m + k);
        int[] a = java.util.Arrays.copyOf(this.node1, m + k);
        int[] b = java.util.Arrays.copyOf(this.node2, m + k);
        long[] cap = java.util.Arrays.copyOf(capacitySat, m + k);
        byte[] flags = java.util.Arrays.copyOf(dirFlags, 2 * (m + k));
        int[] base = java.util.Arrays.copyOf(feeBase, 2 * (m + k));
        int[] ppm = java.util.Arrays.copyOf(feePpm, 2 * (m + k));
        char[] cltv = java.util.Arrays.copyOf(cltvDelta, 2 * (m + k));
        long[] hmin = java.util.Arrays.copyOf(htlcMin, 2 * (m + k));
        long[] hmax = java.util.Arrays.copyOf(htlcMax, 2 * (m + k));
        for (int i = 0; i < k; i++) {
            int c = m + i;
            s[c] = scids[i];
            a[c] = node1[i];
            b[c] = node2[i];
            cap[c] = capSat[i];
            for (int d = 0; d < 2; d++) {
                int e = 2 * c + d;
                ChannelPolicy p = policies[2 * i + d];
                hmax[e] = ChannelPolicy.NO_HTLC_MAXIMUM;
                if (p != null) {
                    flags[e] = (byte) (DIR_KNOWN | (p.disabled() ? DIR_DISABLED : 0));
                    base[e] = (int) p.feeBaseMsat();
                    ppm[e] = (int) p.feeProportionalMillionths();
                    cltv[e] = (char) p.cltvExpiryDelta();
                    hmin[e] = p.htlcMinimumMsat();
                    hmax[e] = p.htlcMaximumMsat();
                }
            }
        }
        return new ChannelGraph(nodeIds, aliases, addresses, s, a, b, cap, flags, base, ppm, cltv, hmin, hmax);
    }
}
