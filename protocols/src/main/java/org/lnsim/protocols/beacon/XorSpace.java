package org.lnsim.protocols.beacon;

import java.util.function.IntPredicate;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeIds;

/**
 * Flare's address space (lightning-facts §5): a node's address is its 33-byte node id and the distance between two
 * nodes is the XOR of their ids read as an unsigned 264-bit number (Kademlia-style, as ACINQ's 2016 prototype's
 * {@code distance} does). No big integers are built: distances are compared byte by byte.
 *
 * <p>The k closest nodes are found without scanning the network: lnsim numbers nodes in node-id order, so the nodes
 * sharing a longer common prefix with x lie closer to x in index order, and the common prefix length with x never
 * grows walking away from x. XOR distance is ordered first by common prefix length (longer is closer), so the walk
 * can stop on each side once the next node's prefix with x is shorter than that of the k-th closest found so far.
 * Cost: the nodes walked, about 2k for random ids, more when many nearby nodes are not eligible.
 */
final class XorSpace {
    private final ChannelGraph graph;

    XorSpace(ChannelGraph graph) {
        this.graph = graph;
    }

    /** Negative, zero or positive as d(x, a) is less than, equal to or greater than d(x, b). */
    int compareDistance(int x, int a, int b) {
        for (int i = 0; i < NodeIds.LENGTH; i++) {
            int xi = graph.nodeIdByte(x, i);
            int da = xi ^ graph.nodeIdByte(a, i);
            int db = xi ^ graph.nodeIdByte(b, i);
            if (da != db) {
                return Integer.compare(da, db);
            }
        }
        return 0;
    }

    /** Length in bits of the common prefix of the ids of a and b (264 when equal). */
    int commonPrefixBits(int a, int b) {
        for (int i = 0; i < NodeIds.LENGTH; i++) {
            int d = graph.nodeIdByte(a, i) ^ graph.nodeIdByte(b, i);
            if (d != 0) {
                return 8 * i + Integer.numberOfLeadingZeros(d) - 24;
            }
        }
        return 8 * NodeIds.LENGTH;
    }

    /**
     * The up to {@code k} eligible nodes XOR-closest to {@code x} (x itself excluded), closest first, written to
     * {@code out}.
     *
     * @return how many were found (fewer than k only if fewer are eligible)
     */
    int closest(int x, int k, IntPredicate eligible, int[] out) {
        int found = 0;
        int lo = x - 1;
        int hi = x + 1;
        int n = graph.nodeCount();
        while (lo >= 0 || hi < n) {
            // the side whose next node shares the longer prefix with x is nearer in XOR distance
            int cLo = lo >= 0 ? commonPrefixBits(x, lo) : -1;
            int cHi = hi < n ? commonPrefixBits(x, hi) : -1;
            int y;
            int c;
            if (cLo >= cHi) {
                y = lo--;
                c = cLo;
            } else {
                y = hi++;
                c = cHi;
            }
            if (found == k && c < commonPrefixBits(x, out[k - 1])) {
                break; // every node left differs from x at an earlier bit than the k-th closest does
            }
            if (y == x || !eligible.test(y)) {
                continue;
            }
            found = insert(x, y, out, found, k);
        }
        return found;
    }

    /** Inserts y into the sorted top-k list out[0..found). */
    private int insert(int x, int y, int[] out, int found, int k) {
        int pos = found;
        while (pos > 0 && compareDistance(x, y, out[pos - 1]) < 0) {
            pos--;
        }
        if (pos >= k) {
            return found;
        }
        int last = Math.min(found, k - 1);
        System.arraycopy(out, pos, out, pos + 1, last - pos);
        out[pos] = y;
        return Math.min(found + 1, k);
    }
}
