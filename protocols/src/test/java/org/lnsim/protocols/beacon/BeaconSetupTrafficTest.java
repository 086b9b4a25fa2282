package org.lnsim.protocols.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
     * adjacency is in channel order, so each node's first peer (who sends it its neighbourhood) is
     * 0:3, 1:3, 2:1, 3:0, 4:3, 5:4, 6:5.
     *
     * <p>Radius-1 neighbourhoods are a node's own channels: 0 {c0} 692; 1 {c2, c4}, 2 {c4, c6}, 4 {c1, c3},
     * 5 {c3, c5}, 6 {c5, c6} 1,384 each; 3 {c0, c1, c2} 2,076. Beacon (XOR-closest id; id bytes 00 01 03 10 40 41
     * 80) and its path: 0→1 over 0-3-1 (adds c2), 1→0 over 1-3-0 (adds c0), 2→1 over 2-1, 3→0 over 3-0, 4→5 over
     * 4-5, 5→4 over 5-4, 6→0 over 6-5-4-3-0 (adds c3, c1, c0; cheaper than 6-2-1-3-0 because of 2→1's 5,000 msat).
     * Path bytes beyond the neighbourhood, sent to the node by its path's first hop with no message of their own:
     * 3→0 692, 3→1 692, 5→6 3 × 692 = 2,076.
     *
     * <p>Charges (sender→receiver): neighbourhoods 3→0, 3→1, 1→2, 0→3, 3→4, 4→5, 5→6; each beacon path's req out
     * and ack back one O per hop: node 0's 0→3, 3→1 / 1→3, 3→0; node 1's 1→3, 3→0 / 0→3, 3→1; 2→1 / 1→2;
     * 3→0 / 0→3; 4→5 / 5→4; 5→4 / 4→5; node 6's 6→5, 5→4, 4→3, 3→0 / 0→3, 3→4, 4→5, 5→6. Per node:
     * <pre>
     * node  sent msgs          sent bytes                          received bytes
     *  0    1 + 4 O = 5        2,076 + 4 × 1,368 =  7,548          692 + 692 + 4 × 1,368 =  6,856
     *  1    1 + 3 O = 4        1,384 + 3 × 1,368 =  5,488          1,384 + 692 + 3 × 1,368 = 6,180
     *  2    1 O     = 1        1,368                               1,384 + 1,368 =          2,752
     *  3    3 + 7 O = 10       692 + 1,384 + 1,384 + 7 × 1,368     2,076 + 7 × 1,368 =     11,652
     *                          + 692 + 692 = 14,420
     *  4    1 + 4 O = 5        1,384 + 4 × 1,368 =  6,856          1,384 + 4 × 1,368 =      6,856
     *  5    1 + 4 O = 5        1,384 + 4 × 1,368 + 2,076 = 8,932   1,384 + 4 × 1,368 =      6,856
     *  6    1 O     = 1        1,368                               1,384 + 1,368 + 2,076 =  4,828
     * </pre>
     * Totals: 31 messages (7 neighbourhoods + 24 onion hops), 45,980 bytes both sent and received (9,688 of
     * neighbourhoods + 24 × 1,368 + 3,460 of paths). Set-up time: slowest beacon round trip (2 × hops × 50 ms) or the
     * neighbourhood's 50 ms: 0 and 1 200 ms, 2–5 100 ms, 6 400 ms.
     */
    @Test
    void setupTrafficPerNodeAsWorkedByHand() {
        ChannelGraph g = BeaconTablesTest.sevenNodes();
        assertEquals(1_368, BeaconMessages.ONION_REQUEST);
        BeaconRouting protocol = new BeaconRouting(new HybridRouter(g), PayPolicy.C_LIGHTNING,
                new BeaconRouting.Options(1, 1, 100, 3, BeaconRouting.Ranking.COST, 0), 1);
        // no payments: set-up, then finish (no churn: charges nothing more)
        PaymentEngine engine = EngineRun.of(g, protocol).checks(EngineRun.Checks.NONE).prepare(1).run().engine();

        long[] sentMessages = {5, 4, 1, 10, 5, 5, 1};
        long[] sentBytes = {7_548, 5_488, 1_368, 14_420, 6_856, 8_932, 1_368};
        long[] receivedBytes = {6_856, 6_180, 2_752, 11_652, 6_856, 6_856, 4_828};
        long[] tableChannels = {2, 3, 2, 3, 2, 2, 5};
        long[] setupUs = {200_000, 200_000, 100_000, 100_000, 100_000, 100_000, 400_000};
        long[] gotMessages = new long[7];
        long[] gotSent = new long[7];
        long[] gotReceived = new long[7];
        long[] gotTables = new long[7];
        long[] gotSetupUs = new long[7];
        long[] values = new long[3];
        assertEquals(List.of("table_channels", "beacons", "setup_us"), protocol.stateColumns());
        for (int v = 0; v < 7; v++) {
            gotMessages[v] = engine.nodeSetupMessagesSent(v);
            gotSent[v] = engine.nodeSetupBytesSent(v);
            gotReceived[v] = engine.nodeSetupBytesReceived(v);
            protocol.stateValues(v, values);
            gotTables[v] = values[0];
            assertEquals(1, values[1], "beacons of node " + v);
            gotSetupUs[v] = values[2];
            // state: the table's records plus the beacon's 33-byte id
            assertEquals(692 * tableChannels[v] + 33, protocol.stateBytes(v), "state bytes of node " + v);
        }
        assertArrayEquals(sentMessages, gotMessages, "setup_messages_sent");
        assertArrayEquals(sentBytes, gotSent, "setup_bytes_sent");
        assertArrayEquals(receivedBytes, gotReceived, "setup_bytes_received");
        assertArrayEquals(tableChannels, gotTables, "table_channels");
        assertArrayEquals(setupUs, gotSetupUs, "setup_us");
        assertEquals(31, engine.setupMessages());
        assertEquals(45_980, engine.setupBytes());

        // by type: 7 neighbourhoods (9,688 bytes); 12 req hops; 12 ack hops plus the 3 path-record charges
        Map<String, long[]> byType = engine.controlByType();
        assertEquals(3, byType.size(), byType.keySet().toString());
        assertArrayEquals(new long[] {7, 9_688}, byType.get(BeaconMessages.NEIGHBOUR_TABLE));
        assertArrayEquals(new long[] {12, 12 * 1_368}, byType.get(BeaconMessages.BEACON_REQUEST));
        assertArrayEquals(new long[] {12, 12 * 1_368 + 3_460}, byType.get(BeaconMessages.BEACON_ACK));
    }
}
