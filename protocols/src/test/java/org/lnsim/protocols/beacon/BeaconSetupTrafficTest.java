package org.lnsim.protocols.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.source.PayPolicy;

/** {@code beacon}'s set-up traffic ({@link BeaconRouting#setup}) per node, checked against hand-computed figures. */
class BeaconSetupTrafficTest {
    /**
     * The seven-node graph of {@link BeaconTablesTest#sevenNodes} at radius 1, one beacon per node, control messages
     * 50 ms a hop. Sizes: every channel 692 bytes (channel_announcement 432 + 2 × channel_update 130; no node is
     * announced, so no node_announcement bytes); an onion-wrapped beacon_req / beacon_ack O = 2 + 1,366 = 1,368
     * bytes per hop (BeaconMessages). Channels: c0 0–3, c1 3–4, c2 3–1, c3 4–5, c4 1–2, c5 5–6, c6 2–6;
     * adjacency is in channel order: 0:{3}, 1:{3, 2}, 2:{1, 6}, 3:{0, 4, 1}, 4:{3, 5}, 5:{4, 6}, 6:{5, 2}; each
     * node's first peer sends it its neighbourhood. Ids (first byte; the rest equal): 00 01 03 10 40 41 80.
     *
     * <p><b>Neighbourhoods and beacon paths</b> (as before): radius-1 neighbourhoods are a node's own channels: 0
     * {c0} 692; 1, 2, 4, 5, 6 two channels 1,384; 3 three 2,076. Beacons 0→1 (0-3-1), 1→0, 2→1, 3→0, 4→5, 5→4,
     * 6→0 (6-5-4-3-0); path bytes beyond the neighbourhood, sent by the path's first hop: 3→0 692, 3→1 692, 5→6
     * 2,076.
     *
     * <p><b>Replayed acquisition.</b> A node asks each peer (its radius-1 table); a candidate c answers with the node
     * XOR-closest to the requester among c and its peers (the requester excluded): c itself accepts, another node
     * is suggested and asked next, over the route so far plus one hop unless it is the requester's peer. Requests
     * as requester→destination:hops, → marking a suggestion:
     * <pre>
     * 0: 3:1 → 1:2 (1 is 01 from 0; 3's peers 0, 4, 1)                     requests 2, hops 3
     * 1: 3:1 → 0:2; 2:1 (2 accepts: 03^01 = 02 beats 6's 81)               requests 3, hops 4
     * 2: 1:1; 6:1 → 5:2 (41^03 = 42 beats 6's 83; 5 beats 4 (43), 6)      requests 3, hops 4
     * 3: 0:1; 4:1; 1:1 (each accepts)                                      requests 3, hops 3
     * 4: 3:1 → 0:2; 5:1                                                    requests 3, hops 4
     * 5: 4:1; 6:1 → 2:2 → 1:3 (from 5: 2 is 42, 1 is 40)                  requests 4, hops 7
     * 6: 5:1 → 4:2 → 3:3 → 0:4; 2:1 → 1:2                                 requests 6, hops 13
     * </pre>
     * 24 requests, 38 request hops and 38 answer hops. Requests each node received (and answered): 0: from 1, 4, 3,
     * 6 = 4; 1: from 0, 2, 3, 5, 6 = 5; 2: 3; 3: 4; 4: 3; 5: 3; 6: 2. Every node's beacon answered it (beacons_found
     * 1). Routes of more than one hop and the nodes relaying them (each relay forwards the request and its answer):
     * 0→3→1 (3), 1→3→0 (3), 2→6→5 (6), 4→3→0 (3), 5→6→2 (6), 5→6→2→1 (6, 2), 6→5→4 (5), 6→5→4→3 (5, 4),
     * 6→5→4→3→0 (5, 4, 3), 6→2→1 (2): relayed 2: 2, 3: 4, 4: 2, 5: 3, 6: 3 — 14 = 38 hops − 24 requests.
     *
     * <p><b>Per node</b>, each hop charged to the node that sends it, with own = its requests, got = requests to it,
     * rel = requests it relayed: onion messages sent = own (first hops) + got (answers' first hops) + 2 rel, and as
     * many received; messages sent = table messages + onions; bytes sent = tables sent + onions × O + path bytes
     * sent; received = its table + onions × O + path bytes received.
     * <pre>
     * node own got rel onions  sent msgs   sent bytes                          received bytes
     *  0    2   4   0    6     1+6  =  7   2,076 + 6 O =          10,284       692 + 6 O + 692 =     9,592
     *  1    3   5   0    8     1+8  =  9   1,384 + 8 O =          12,328       1,384 + 8 O + 692 =   13,020
     *  2    3   3   2   10     0+10 = 10   10 O =                 13,680       1,384 + 10 O =        15,064
     *  3    3   4   4   15     3+15 = 18   3,460 + 15 O + 1,384 = 25,364       2,076 + 15 O =        22,596
     *  4    3   3   2   10     1+10 = 11   1,384 + 10 O =         15,064       1,384 + 10 O =        15,064
     *  5    4   3   3   13     1+13 = 14   1,384 + 13 O + 2,076 = 21,244       1,384 + 13 O =        19,168
     *  6    6   2   3   14     0+14 = 14   14 O =                 19,152       1,384 + 14 O + 2,076 = 22,612
     * </pre>
     * (Before issue 18 the requester was charged all its requests' hops and the destination all the answers', and
     * the relays nothing: node 3, which relays four requests, was charged 12 messages instead of 18.)
     * Totals: 83 messages (7 tables + 76 onion hops), 117,116 bytes sent and received (9,688 of tables + 76 × 1,368
     * + 3,460 of paths). Set-up time: the table arrives after 50 ms, requests leave then, each round trip is 2 × hops
     * × 50 ms and a suggestion is asked when its answer arrives; the last answer: 0 at 50 + 100 + 200 = 350 ms, 1
     * 350, 2 350, 3 150, 4 350, 5 50 + 100 + 200 + 300 = 650, 6 50 + 100 + 200 + 300 + 400 = 1,050 ms.
     */
    @Test
    void setupTrafficPerNodeAsWorkedByHand() {
        ChannelGraph g = BeaconTablesTest.sevenNodes();
        assertEquals(1_368, BeaconMessages.ONION_REQUEST);
        BeaconRouting protocol = new BeaconRouting(new HybridRouter(g), PayPolicy.C_LIGHTNING,
                new BeaconRouting.Options(1, 1, 100, 3, BeaconRouting.Ranking.COST, 0));
        // no payments: set-up, then finish (no churn: charges nothing more)
        PaymentEngine engine = EngineRun.of(g, protocol).checks(EngineRun.Checks.NONE).prepare(1).run().engine();

        long[] sentMessages = {7, 9, 10, 18, 11, 14, 14};
        long[] sentBytes = {10_284, 12_328, 13_680, 25_364, 15_064, 21_244, 19_152};
        long[] receivedBytes = {9_592, 13_020, 15_064, 22_596, 15_064, 19_168, 22_612};
        long[] tableChannels = {2, 3, 2, 3, 2, 2, 5};
        long[] setupUs = {350_000, 350_000, 350_000, 150_000, 350_000, 650_000, 1_050_000};
        long[] requests = {2, 3, 3, 3, 3, 4, 6};
        long[] gotMessages = new long[7];
        long[] gotSent = new long[7];
        long[] gotReceived = new long[7];
        long[] gotTables = new long[7];
        long[] gotSetupUs = new long[7];
        long[] gotRequests = new long[7];
        long[] values = new long[5];
        assertEquals(List.of("table_channels", "beacons", "setup_us", "setup_requests", "beacons_found"),
                ColumnDoc.names(protocol.report().stateColumns()));
        for (int v = 0; v < 7; v++) {
            gotMessages[v] = engine.nodeSetupMessagesSent(v);
            gotSent[v] = engine.nodeSetupBytesSent(v);
            gotReceived[v] = engine.nodeSetupBytesReceived(v);
            protocol.report().stateValues(v, values);
            gotTables[v] = values[0];
            assertEquals(1, values[1], "beacons of node " + v);
            gotSetupUs[v] = values[2];
            gotRequests[v] = values[3];
            assertEquals(1, values[4], "beacons found by node " + v);
            // state: the table's records plus the beacon's 33-byte id
            assertEquals(692 * tableChannels[v] + 33, protocol.report().stateBytes(v), "state bytes of node " + v);
        }
        assertArrayEquals(sentMessages, gotMessages, "setup_messages_sent");
        assertArrayEquals(sentBytes, gotSent, "setup_bytes_sent");
        assertArrayEquals(receivedBytes, gotReceived, "setup_bytes_received");
        assertArrayEquals(tableChannels, gotTables, "table_channels");
        assertArrayEquals(setupUs, gotSetupUs, "setup_us");
        assertArrayEquals(requests, gotRequests, "setup_requests");
        assertEquals(83, engine.setupMessages());
        assertEquals(117_116, engine.setupBytes());

        // by type: 7 neighbourhoods (9,688 bytes); 38 req hops; 38 answer hops plus the 3 path-record charges
        Map<String, long[]> byType = engine.controlByType();
        assertEquals(3, byType.size(), byType.keySet().toString());
        assertArrayEquals(new long[] {7, 9_688}, byType.get(BeaconMessages.NEIGHBOUR_TABLE));
        assertArrayEquals(new long[] {38, 38 * 1_368}, byType.get(BeaconMessages.BEACON_REQUEST));
        assertArrayEquals(new long[] {38, 38 * 1_368 + 3_460}, byType.get(BeaconMessages.BEACON_ACK));
    }

    /**
     * A hub relaying k requests is charged k forwards each way. A star at radius 1: hub H (id first byte 80) and
     * k = 3 leaves L0, L1, L2 (00, 01, 02), indices 0–2 for the leaves and 3 for H (node-id order). A leaf's table is
     * H alone: it asks H, and H suggests the leaf XOR-closest to it (L0: L1 at 01; L1: L0 at 01; L2: L0 at 02, all far
     * closer than H at 8x), asked over L→H→leaf, where that leaf accepts (its only peer, H, is farther): per leaf 2
     * requests, 3 hops, one relayed by H — 3 relays in all. H asks each leaf (1 hop; each accepts, H excluded).
     * Requests to each node: H 3, L0 3 (from H, L1, L2), L1 2, L2 1. H's onion messages: own 3 + answers 3 + 2 × 3
     * relayed = 12 (6 before issue 18, when relays were free); with the three leaves' neighbourhood tables it sends
     * (each leaf's first peer), 15 set-up messages. Path records are charged without messages.
     */
    @Test
    void aHubRelayingKRequestsIsChargedK() {
        org.lnsim.network.ChannelGraphBuilder b = new org.lnsim.network.ChannelGraphBuilder();
        int h = b.addNode(BeaconTablesTest.id(0x80));
        for (int i = 0; i < 3; i++) {
            int leaf = b.addNode(BeaconTablesTest.id(i));
            int c = b.addChannel(org.lnsim.network.ShortChannelId.of(100 + i, 0, 0), h, leaf, 1_000_000);
            b.setPolicy(c, h, BeaconTablesTest.DEFAULT);
            b.setPolicy(c, leaf, BeaconTablesTest.DEFAULT);
        }
        ChannelGraph g = b.build();
        int hub = g.indexOfNode(BeaconTablesTest.id(0x80));
        assertEquals(3, hub);
        long[] delay = new long[2 * g.channelCount()];
        java.util.Arrays.fill(delay, 50_000);
        BeaconDiscovery replay = new BeaconDiscovery(g, 1, 100, delay);
        BeaconPaths paths = new BeaconPaths(g, 1, 100);
        replay.run(1, paths::of);
        assertEquals(3, replay.relayed(hub));
        assertArrayEquals(new long[] {0, 0, 0, 3}, new long[] {replay.relayed(0), replay.relayed(1),
                replay.relayed(2), replay.relayed(3)});
        assertArrayEquals(new long[] {3, 2, 1, 3}, new long[] {replay.addressed(0), replay.addressed(1),
                replay.addressed(2), replay.addressed(3)});
        assertArrayEquals(new long[] {2, 2, 2, 3}, new long[] {replay.requests(0), replay.requests(1),
                replay.requests(2), replay.requests(3)});

        BeaconRouting protocol = new BeaconRouting(new HybridRouter(g), PayPolicy.C_LIGHTNING,
                new BeaconRouting.Options(1, 1, 100, 3, BeaconRouting.Ranking.COST, 0));
        PaymentEngine engine = EngineRun.of(g, protocol).checks(EngineRun.Checks.NONE).prepare(1).run().engine();
        assertEquals(15, engine.nodeSetupMessagesSent(hub));
        Map<String, long[]> byType = engine.controlByType();
        // 12 request hops and 12 answer hops in all (leaves 3 × 3, hub 3), as before: only who is charged changed
        assertEquals(12, byType.get(BeaconMessages.BEACON_REQUEST)[0]);
        assertEquals(12, byType.get(BeaconMessages.BEACON_ACK)[0]);
    }
}
