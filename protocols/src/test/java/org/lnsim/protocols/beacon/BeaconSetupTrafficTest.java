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
     * 24 requests, 38 request hops and 38 answer hops. Hops of the requests each node received (and answered):
     * 0: 2+1+2+4 = 9, 1: 2+1+1+3+2 = 9, 2: 1+2+1 = 4, 3: 1+1+1+3 = 6, 4: 1+1+2 = 4, 5: 2+1+1 = 4, 6: 1+1 = 2.
     * Every node's beacon answered it (beacons_found 1).
     *
     * <p><b>Per node</b>, with own = its request hops, got = hops of the requests to it: messages sent = table
     * messages + own + got; bytes sent = tables sent + (own + got) × O + path bytes sent; received = its table + (own
     * + got) × O + path bytes received.
     * <pre>
     * node  own got  sent msgs   sent bytes                          received bytes
     *  0     3   9   1+12 = 13   2,076 + 12 O =         18,492       692 + 12 O + 692 =    17,800
     *  1     4   9   1+13 = 14   1,384 + 13 O =         19,168       1,384 + 13 O + 692 =  19,860
     *  2     4   4   0+8  =  8   8 O =                  10,944       1,384 + 8 O =         12,328
     *  3     3   6   3+9  = 12   3,460 + 9 O + 1,384 =  17,156       2,076 + 9 O =         14,388
     *  4     4   4   1+8  =  9   1,384 + 8 O =          12,328       1,384 + 8 O =         12,328
     *  5     7   4   1+11 = 12   1,384 + 11 O + 2,076 = 18,508       1,384 + 11 O =        16,432
     *  6    13   2   0+15 = 15   15 O =                 20,520       1,384 + 15 O + 2,076 = 23,980
     * </pre>
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

        long[] sentMessages = {13, 14, 8, 12, 9, 12, 15};
        long[] sentBytes = {18_492, 19_168, 10_944, 17_156, 12_328, 18_508, 20_520};
        long[] receivedBytes = {17_800, 19_860, 12_328, 14_388, 12_328, 16_432, 23_980};
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
}
