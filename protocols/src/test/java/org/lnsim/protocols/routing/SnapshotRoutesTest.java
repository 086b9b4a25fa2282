package org.lnsim.protocols.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.network.testing.TestData;

/**
 * Real data: routes between seeded random pairs on the shipped snapshots are valid — they join up from sender to
 * receiver, use only known enabled directions, carry amounts within each direction's HTLC bounds and capacity, and
 * every hop's amount and CLTV recomputed from the announced policy (BOLT 7 fee, cltv_expiry_delta) equals the
 * router's — for a 10,000-sat and a 1,000,000-sat payment, with c-lightning's defaults (fuzz on).
 */
class SnapshotRoutesTest {
    private static Path snapshots() {
        return TestData.snapshots();
    }

    @ParameterizedTest
    @ValueSource(strings = {"clightning-listchannels-2019-05-14.json.gz", "lnd-describegraph-2019-03-09.json.gz",
            "clightning-listchannels-2021-04-16.json.gz", "cloth-snapshot-2020", "cln-gossmap-2026-02-03"})
    void routesOnRealSnapshotsAreValid(String snapshot) throws IOException {
        ChannelGraph g = NetworkFormats.load(snapshots().resolve(snapshot)).graph();
        HybridRouter router = new HybridRouter(g);
        // senders with a usable channel out, receivers with one in (snapshots hold many disabled channels)
        int[] senders = IntStream.range(0, g.nodeCount()).filter(v -> usable(g, v, 0)).toArray();
        int[] receivers = IntStream.range(0, g.nodeCount()).filter(v -> usable(g, v, 1)).toArray();
        SplittableRandom rnd = new SplittableRandom(snapshot.hashCode());
        int found = 0;
        for (long amount : List.of(10_000_000L, 1_000_000_000L)) {
            for (int i = 0; i < 100; i++) {
                int s = senders[rnd.nextInt(senders.length)];
                int t = receivers[rnd.nextInt(receivers.length)];
                if (s == t) {
                    continue;
                }
                Route r = router.find(RouteRequest.of(s, t, amount).withFuzz(CostModel.DEFAULT_FUZZ, rnd.nextLong()));
                if (!r.found()) {
                    continue;
                }
                found++;
                check(g, r, s, t, amount);
            }
        }
        // a floor so that the checks above cannot pass vacuously (1M-sat payments often have no route)
        assertTrue(found >= 50, snapshot + ": only " + found + " of 200 routes found");
    }

    /** Whether v has a usable direction leaving it (side 0) or entering it (side 1). */
    static boolean usable(ChannelGraph g, int v, int side) {
        for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
            if (g.isUsable(g.outDirection(slot) ^ side)) {
                return true;
            }
        }
        return false;
    }

    private static void check(ChannelGraph g, Route r, int s, int t, long amount) {
        List<RouteHop> hops = r.hops();
        assertTrue(hops.size() <= CostModel.DEFAULT_MAX_HOPS);
        int at = s;
        for (int i = 0; i < hops.size(); i++) {
            RouteHop h = hops.get(i);
            int e = h.directionIndex();
            assertEquals(at, g.source(e), "hop " + i + " starts where the previous ended");
            assertTrue(g.isUsable(e), "hop " + i + " uses a known, enabled direction");
            assertTrue(h.amountMsat() >= g.htlcMinimumMsat(e), "hop " + i + " above htlc_minimum_msat");
            assertTrue(!g.hasHtlcMaximum(e) || h.amountMsat() <= g.htlcMaximumMsat(e), "hop " + i + " within max");
            assertTrue(h.amountMsat() <= g.capacityMsat(h.channel()), "hop " + i + " within capacity");
            if (i > 0) {
                RouteHop prev = hops.get(i - 1);
                assertEquals(g.feeMsat(e, h.amountMsat()), prev.amountMsat() - h.amountMsat(), "fee of hop " + i);
                assertEquals(g.cltvExpiryDelta(e), prev.cltv() - h.cltv(), "CLTV delta of hop " + i);
            }
            at = g.target(e);
        }
        assertEquals(t, at, "the route ends at the receiver");
        assertEquals(amount, hops.get(hops.size() - 1).amountMsat());
        assertEquals(CostModel.DEFAULT_FINAL_CLTV, hops.get(hops.size() - 1).cltv());
        assertEquals(hops.get(0).amountMsat() - amount, r.feeMsat());
    }
}
