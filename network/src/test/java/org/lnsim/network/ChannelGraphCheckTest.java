package org.lnsim.network;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link ChannelGraph#check()}: built graphs pass, and each invariant broken in a copy of a valid graph's arrays is
 * named (node, channel or direction and what is wrong).
 */
class ChannelGraphCheckTest {
    /** The arrays of a valid graph, copied so that one can be broken. */
    private static final class Parts {
        byte[] ids;
        String[] aliases;
        NodeAddress[][] addrs;
        long[] scids;
        int[] n1;
        int[] n2;
        long[] cap;
        byte[] flags;
        int[] base;
        int[] ppm;
        char[] cltv;
        long[] hmin;
        long[] hmax;

        Parts(ChannelGraph g) {
            ids = g.rawNodeIds().clone();
            aliases = g.rawAliases().clone();
            addrs = g.rawAddresses().clone();
            scids = g.rawScids().clone();
            n1 = g.rawNode1().clone();
            n2 = g.rawNode2().clone();
            cap = g.rawCapacitySat().clone();
            flags = g.rawDirFlags().clone();
            base = g.rawFeeBase().clone();
            ppm = g.rawFeePpm().clone();
            cltv = g.rawCltvDelta().clone();
            hmin = g.rawHtlcMin().clone();
            hmax = g.rawHtlcMax().clone();
        }

        ChannelGraph graph() {
            return new ChannelGraph(ids, aliases, addrs, scids, n1, n2, cap, flags, base, ppm, cltv, hmin, hmax);
        }
    }

    @Test
    void builtGraphsPass() {
        assertDoesNotThrow(() -> TestGraphs.fourNodes().check());
        assertDoesNotThrow(() -> TestGraphs.star().check());
        assertDoesNotThrow(() -> new ChannelGraphBuilder().build().check());
    }

    @Test
    void eachBrokenInvariantIsNamed() {
        broken("node 1: node ids not strictly ascending", p -> System.arraycopy(p.ids, 0, p.ids, NodeIds.LENGTH,
                NodeIds.LENGTH));
        broken("short channel ids not strictly ascending", p -> p.scids[1] = p.scids[0]);
        broken("channel 0: capacity -1 sat", p -> p.cap[0] = -1);
        broken("channel 0: capacity " + (ChannelGraph.MAX_CAPACITY_SAT + 1),
                p -> p.cap[0] = ChannelGraph.MAX_CAPACITY_SAT + 1);
        broken("direction 0: invalid flags 2", p -> p.flags[0] = 2);
        broken("direction 0: htlc maximum -2 msat", p -> p.hmax[0] = -2);
        broken("direction 0: htlc maximum " + (ChannelGraph.MAX_MSAT + 1),
                p -> p.hmax[0] = ChannelGraph.MAX_MSAT + 1);
        broken("direction 0: htlc minimum -1 msat", p -> p.hmin[0] = -1);
        broken("policy values without a known policy", p -> {
            p.flags[0] = 0;
            p.base[0] = 7;
        });
    }

    /** The four-node graph with one change must fail {@code check()} with {@code expected} in the message. */
    private static void broken(String expected, Consumer<Parts> change) {
        Parts p = new Parts(TestGraphs.fourNodes());
        change.accept(p);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.graph().check(), expected);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
