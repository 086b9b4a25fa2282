package org.lnsim.network;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects nodes, channels and policies in growable primitive arrays and produces an immutable {@link ChannelGraph}.
 * Importers and the generator both use it. Not thread-safe.
 *
 * <p>Node indices returned here are builder-local; {@link #build()} renumbers nodes by node id and channels by short
 * channel id, and orients each channel so that direction 0 leaves the lesser node id (BOLT 7).
 *
 * <p>Validation that needs the source's location (duplicate scids with conflicting data, unknown nodes) is the
 * importer's job; this class rejects what is impossible in any source (self-loops, negative capacity, a duplicate
 * scid reaching {@code build()}) with {@link IllegalArgumentException}.
 */
public final class ChannelGraphBuilder {
    private final Map<ByteBuffer, Integer> nodeIndex = new HashMap<>();
    private byte[] nodeIds = new byte[NodeIds.LENGTH * 64];
    private String[] aliases = new String[64];
    private NodeAddress[][] addresses = new NodeAddress[64][];
    private int nodeCount;

    private long[] scids = new long[64];
    private int[] nodeA = new int[64];
    private int[] nodeB = new int[64];
    private long[] capacitySat = new long[64];
    private int channelCount;

    // per builder-direction 2*c + s, where s = 0 means "leaving nodeA"
    private byte[] dirFlags = new byte[128];
    private int[] feeBase = new int[128];
    private int[] feePpm = new int[128];
    private char[] cltv = new char[128];
    private long[] htlcMin = new long[128];
    private long[] htlcMax = new long[128];

    /** Returns the node's builder index, adding it if new. The array is copied. */
    public int addNode(byte[] id) {
        if (id.length != NodeIds.LENGTH) {
            throw new IllegalArgumentException("node id must be " + NodeIds.LENGTH + " bytes, got " + id.length);
        }
        ByteBuffer key = ByteBuffer.wrap(id.clone());
        Integer existing = nodeIndex.get(key);
        if (existing != null) {
            return existing;
        }
        if (nodeCount == aliases.length) {
            int cap = aliases.length * 2;
            nodeIds = Arrays.copyOf(nodeIds, cap * NodeIds.LENGTH);
            aliases = Arrays.copyOf(aliases, cap);
            addresses = Arrays.copyOf(addresses, cap);
        }
        System.arraycopy(id, 0, nodeIds, nodeCount * NodeIds.LENGTH, NodeIds.LENGTH);
        nodeIndex.put(key, nodeCount);
        return nodeCount++;
    }

    /** Builder index of the node with this id, or -1. */
    public int nodeIndex(byte[] id) {
        Integer i = nodeIndex.get(ByteBuffer.wrap(id));
        return i == null ? -1 : i;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int channelCount() {
        return channelCount;
    }

    /**
     * Records the node's announcement: alias (may be null) and addresses ({@code null} means no announcement is
     * known; an empty list is an announcement without addresses).
     */
    public void setNodeAnnouncement(int node, String alias, List<NodeAddress> nodeAddresses) {
        checkNode(node);
        aliases[node] = alias;
        addresses[node] = nodeAddresses == null ? null : nodeAddresses.toArray(new NodeAddress[0]);
    }

    /** Adds a channel with both directions' policies unknown; returns its builder index. */
    public int addChannel(long scid, int a, int b, long capSat) {
        checkNode(a);
        checkNode(b);
        if (a == b) {
            throw new IllegalArgumentException("channel " + ShortChannelId.format(scid) + " is a self-loop");
        }
        if (capSat < 0) {
            throw new IllegalArgumentException("channel " + ShortChannelId.format(scid) + " has negative capacity "
                    + capSat + " sat");
        }
        if (capSat > ChannelGraph.MAX_CAPACITY_SAT) {
            throw new IllegalArgumentException("channel " + ShortChannelId.format(scid) + " has capacity " + capSat
                    + " sat, more than the 21M BTC supply (" + ChannelGraph.MAX_CAPACITY_SAT + " sat)");
        }
        if (channelCount == scids.length) {
            int cap = scids.length * 2;
            scids = Arrays.copyOf(scids, cap);
            nodeA = Arrays.copyOf(nodeA, cap);
            nodeB = Arrays.copyOf(nodeB, cap);
            capacitySat = Arrays.copyOf(capacitySat, cap);
            dirFlags = Arrays.copyOf(dirFlags, 2 * cap);
            feeBase = Arrays.copyOf(feeBase, 2 * cap);
            feePpm = Arrays.copyOf(feePpm, 2 * cap);
            cltv = Arrays.copyOf(cltv, 2 * cap);
            htlcMin = Arrays.copyOf(htlcMin, 2 * cap);
            htlcMax = Arrays.copyOf(htlcMax, 2 * cap);
        }
        int c = channelCount++;
        scids[c] = scid;
        nodeA[c] = a;
        nodeB[c] = b;
        capacitySat[c] = capSat;
        htlcMax[2 * c] = ChannelPolicy.NO_HTLC_MAXIMUM;
        htlcMax[2 * c + 1] = ChannelPolicy.NO_HTLC_MAXIMUM;
        return c;
    }

    /** Sets the policy of the direction of {@code channel} that leaves {@code fromNode}. */
    public void setPolicy(int channel, int fromNode, ChannelPolicy p) {
        setPolicy(channel, fromNode, p.feeBaseMsat(), p.feeProportionalMillionths(), p.cltvExpiryDelta(),
                p.htlcMinimumMsat(), p.htlcMaximumMsat(), p.disabled());
    }

    /** Allocation-free variant of {@link #setPolicy(int, int, ChannelPolicy)}; same range rules. */
    public void setPolicy(int channel, int fromNode, long base, long ppm, int cltvDelta, long hmin, long hmax,
                          boolean disabled) {
        if (channel < 0 || channel >= channelCount) {
            throw new IllegalArgumentException("no channel " + channel);
        }
        int s;
        if (fromNode == nodeA[channel]) {
            s = 0;
        } else if (fromNode == nodeB[channel]) {
            s = 1;
        } else {
            throw new IllegalArgumentException("node " + fromNode + " is not an endpoint of channel "
                    + ShortChannelId.format(scids[channel]));
        }
        ChannelPolicy.check(base, ppm, cltvDelta, hmin, hmax);
        int e = 2 * channel + s;
        dirFlags[e] = (byte) (ChannelGraph.DIR_KNOWN | (disabled ? ChannelGraph.DIR_DISABLED : 0));
        feeBase[e] = (int) base;
        feePpm[e] = (int) ppm;
        cltv[e] = (char) cltvDelta;
        htlcMin[e] = hmin;
        htlcMax[e] = hmax;
    }

    /** Whether the direction of {@code channel} leaving {@code fromNode} already has a policy. */
    public boolean hasPolicy(int channel, int fromNode) {
        int s = fromNode == nodeA[channel] ? 0 : 1;
        return (dirFlags[2 * channel + s] & ChannelGraph.DIR_KNOWN) != 0;
    }

    public long scid(int channel) {
        return scids[channel];
    }

    public long capacitySat(int channel) {
        return capacitySat[channel];
    }

    /** Builder index of one endpoint ({@code side} 0 or 1, in the order given to {@link #addChannel}). */
    public int endpoint(int channel, int side) {
        return side == 0 ? nodeA[channel] : nodeB[channel];
    }

    private void checkNode(int node) {
        if (node < 0 || node >= nodeCount) {
            throw new IllegalArgumentException("no node " + node);
        }
    }

    /**
     * Produces the immutable graph.
     *
     * @throws IllegalArgumentException if two channels share a short channel id
     */
    public ChannelGraph build() {
        int n = nodeCount;
        int m = channelCount;
        // nodes by id
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final byte[] ids = nodeIds;
        Arrays.sort(order, (x, y) -> NodeIds.compare(ids, x * NodeIds.LENGTH, ids, y * NodeIds.LENGTH));
        int[] newIndex = new int[n];
        byte[] outIds = new byte[n * NodeIds.LENGTH];
        String[] outAliases = new String[n];
        NodeAddress[][] outAddresses = new NodeAddress[n][];
        for (int k = 0; k < n; k++) {
            int old = order[k];
            newIndex[old] = k;
            System.arraycopy(ids, old * NodeIds.LENGTH, outIds, k * NodeIds.LENGTH, NodeIds.LENGTH);
            outAliases[k] = aliases[old];
            outAddresses[k] = addresses[old];
        }
        // channels by scid
        int[] chanOrder = sortedChannelOrder(m);
        long[] outScids = new long[m];
        int[] outN1 = new int[m];
        int[] outN2 = new int[m];
        long[] outCap = new long[m];
        byte[] outFlags = new byte[2 * m];
        int[] outBase = new int[2 * m];
        int[] outPpm = new int[2 * m];
        char[] outCltv = new char[2 * m];
        long[] outHmin = new long[2 * m];
        long[] outHmax = new long[2 * m];
        for (int k = 0; k < m; k++) {
            int c = chanOrder[k];
            if (k > 0 && outScids[k - 1] == scids[c]) {
                throw new IllegalArgumentException("duplicate short channel id " + ShortChannelId.format(scids[c]));
            }
            outScids[k] = scids[c];
            int a = newIndex[nodeA[c]];
            int b = newIndex[nodeB[c]];
            boolean swap = a > b;
            outN1[k] = swap ? b : a;
            outN2[k] = swap ? a : b;
            outCap[k] = capacitySat[c];
            for (int d = 0; d < 2; d++) {
                int from = 2 * c + (swap ? 1 - d : d);
                int to = 2 * k + d;
                outFlags[to] = dirFlags[from];
                outBase[to] = feeBase[from];
                outPpm[to] = feePpm[from];
                outCltv[to] = cltv[from];
                outHmin[to] = htlcMin[from];
                outHmax[to] = htlcMax[from];
            }
        }
        return new ChannelGraph(outIds, outAliases, outAddresses, outScids, outN1, outN2, outCap, outFlags, outBase,
                outPpm, outCltv, outHmin, outHmax);
    }

    private int[] sortedChannelOrder(int m) {
        boolean sorted = true;
        for (int c = 1; c < m && sorted; c++) {
            sorted = scids[c - 1] <= scids[c];
        }
        int[] result = new int[m];
        if (sorted) {
            for (int c = 0; c < m; c++) {
                result[c] = c;
            }
            return result;
        }
        Integer[] order = new Integer[m];
        for (int c = 0; c < m; c++) {
            order[c] = c;
        }
        final long[] keys = scids;
        Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
        for (int c = 0; c < m; c++) {
            result[c] = order[c];
        }
        return result;
    }
}
