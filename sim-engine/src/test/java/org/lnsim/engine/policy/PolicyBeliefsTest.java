package org.lnsim.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;

class PolicyBeliefsTest {
    private static final long B = PolicyChurn.BROADCAST_INTERVAL_US;
    private static final long L = PolicyChurn.PER_HOP_DELAY_US;

    /** 100,000 updates per direction per day (about 70 a minute on the line's 4 directions): many on their way. */
    private static PolicyBeliefs busy(ChannelGraph g, long updatesSeed, long gossipSeed) {
        return PolicyBeliefs.create(g, PolicyChurn.NONE.withRate(100_000), new SplittableRandom(updatesSeed),
                gossipSeed);
    }

    /** Whether the overlay lists direction e with update k. */
    private static boolean lists(PolicyBeliefs.Overlay o, int e, int k) {
        for (int i = 0; i < o.size(); i++) {
            if (o.direction(i) == e) {
                return o.update(i) == k;
            }
        }
        return false;
    }

    /**
     * On the line A(0)–B(1)–C(2) the hub is B (two channels) with hop eccentricity 1, so every update is known to
     * all after 2 × 1 × (60 s + 100 ms) = 120.2 s: the fold lag. Updates start that long before time 0.
     */
    @Test
    void foldLagIsTwiceTheHubsEccentricityInBroadcastsAndHops() {
        ChannelGraph g = PolicyUpdatesTest.line();
        PolicyBeliefs b = busy(g, 1, 7);
        assertEquals(2 * (B + L), b.foldLagUs());
        b.foldedCount(0);
        assertTrue(b.truth().timeUs(0) >= -b.foldLagUs() && b.truth().timeUs(0) < 0);
    }

    /**
     * Update k of B→C (direction 2, origin B): B knows it at once (0 hops); A and C are 1 hop away, so they hear of
     * it 100 ms + U · 60 s later, U in [0, 1); an update of A→B reaches C after two such hops. At any time, an update is in a node's overlay exactly when its time
     * plus that lag has passed (or it is folded, then in nobody's overlay), and the true overlay lists every pending
     * update.
     */
    @Test
    void aNodeBelievesAnUpdateOnceGossipHasHadTimeToBringIt() {
        ChannelGraph g = PolicyUpdatesTest.line();
        PolicyBeliefs b = busy(g, 1, 7);
        long now = 30_000_000;
        int folded = b.foldedCount(now);
        int count = b.truth().count();
        assertTrue(count - folded > 20, "pending updates: " + (count - folded));
        int seen = 0;
        for (int k = folded; k < count; k++) {
            int e = b.truth().direction(k);
            int origin = g.source(e);
            for (int v = 0; v < 3; v++) { // nodes 0, 1, 2 in a line: |origin - v| hops apart
                long lag = b.lagUs(k, v);
                int h = Math.abs(origin - v);
                assertTrue(lag >= h * L && lag < h * (L + B) || h == 0 && lag == 0, h + " hops: " + lag);
            }
        }
        for (int v = 0; v < 3; v++) {
            PolicyBeliefs.Overlay o = b.believed(v, now);
            for (int i = 0; i < o.size(); i++) {
                int k = o.update(i);
                assertTrue(k >= folded && b.truth().timeUs(k) + b.lagUs(k, v) <= now, "believed only once heard");
                // and it is the newest heard update of its direction
                for (int k2 = k + 1; k2 < count; k2++) {
                    if (b.truth().direction(k2) == o.direction(i)) {
                        assertTrue(b.truth().timeUs(k2) + b.lagUs(k2, v) > now);
                    }
                }
                seen++;
            }
        }
        assertTrue(seen > 0);
        PolicyBeliefs.Overlay truth = b.truthBeyondFolded(now);
        for (int i = 0; i < truth.size(); i++) {
            assertEquals(b.truth().latest(truth.direction(i)), truth.update(i));
        }
    }

    /** A channel_update learnt from a failure is believed at once, with every older one of its direction. */
    @Test
    void anUpdateLearntFromAFailureIsBelievedAtOnce() {
        ChannelGraph g = PolicyUpdatesTest.line();
        PolicyBeliefs b = busy(g, 1, 7);
        long now = 30_000_000;
        int folded = b.foldedCount(now);
        int newest = -1;
        for (int k = b.truth().count() - 1; k >= folded; k--) { // the newest update of B→C that A has not heard
            if (b.truth().direction(k) == 2 && b.truth().timeUs(k) + b.lagUs(k, 0) > now) {
                newest = k;
                break;
            }
        }
        assertTrue(newest >= 0, "some update of B→C still on its way to A");
        assertTrue(!lists(b.believed(0, now), 2, newest));
        b.learn(0, 2, newest);
        assertTrue(lists(b.believed(0, now), 2, newest));
        assertTrue(!lists(b.believed(2, now), 2, newest) || b.truth().timeUs(newest) + b.lagUs(newest, 2) <= now,
                "only the node that learnt it");
    }

    /** Pooled knowledge (beacon's sender with its receiver's table): per direction the newer of the two nodes' beliefs. */
    @Test
    void pooledBeliefsAreTheNewestEitherNodeKnows() {
        ChannelGraph g = PolicyUpdatesTest.line();
        PolicyBeliefs b = busy(g, 3, 9);
        long now = 40_000_000;
        java.util.Map<Integer, Integer> want = new java.util.HashMap<>();
        for (int v : new int[] {0, 2}) {
            PolicyBeliefs.Overlay o = b.believed(v, now);
            for (int i = 0; i < o.size(); i++) {
                want.merge(o.direction(i), o.update(i), Math::max);
            }
        }
        PolicyBeliefs.Overlay pooled = b.believedByAny(new int[] {0, 2}, now);
        java.util.Map<Integer, Integer> got = new java.util.HashMap<>();
        for (int i = 0; i < pooled.size(); i++) {
            got.put(pooled.direction(i), pooled.update(i));
        }
        assertEquals(want, got);
        assertTrue(!got.isEmpty());
    }

    /** The lag's draws are SplittableRandom's, computed without one: the same doubles for any seed and draw. */
    @Test
    void lagDrawsAreSplittableRandomsDoubles() {
        SplittableRandom seeds = new SplittableRandom(99);
        for (int t = 0; t < 1_000; t++) {
            long s = seeds.nextLong();
            SplittableRandom r = new SplittableRandom(s);
            long state = s;
            for (int i = 0; i < 12; i++) {
                state += PolicyBeliefs.GOLDEN_GAMMA;
                assertEquals(r.nextDouble(), PolicyBeliefs.unit(state));
            }
        }
    }

    /**
     * The line A(0)–B(1)–C(2) with a dormant channel A–C appended (channel 2, both directions usable). At 200 opens
     * per open channel per day (two open channels: a mean gap of 86,400 s / 400 = 216 s from the start of the updates,
     * one fold lag, 120.2 s, before time 0) the pool's one channel opens, with stream seed 1, at 60.4 s. Its endpoints A and C know of it at once, in both directions; B, one
     * hop from either over the channels open at the start (not the dormant one), only after 100 ms + U · 60 s, so
     * not at the open and surely after 60.1 s. Until then B believes the channel closed: its close at
     * DORMANT_SINCE_US is folded and B's overlay lists nothing newer.
     */
    @Test
    void anOpenedChannelIsKnownToItsEndsAtOnceAndToOthersByGossip() {
        ChannelGraph line = PolicyUpdatesTest.line();
        org.lnsim.network.ChannelPolicy p = line.policy(0);
        ChannelGraph g = line.withChannels(new long[] {org.lnsim.network.ShortChannelId.of(9, 0, 0)},
                new int[] {0}, new int[] {2}, new long[] {50_000}, new org.lnsim.network.ChannelPolicy[] {p, p});
        PolicyChurn churn = PolicyChurn.NONE.withOpens(200);
        PolicyBeliefs probe = PolicyBeliefs.create(g, churn, new SplittableRandom(1), 7, 2);
        assertEquals(2 * (B + L), probe.foldLagUs(), "the fold over the channels open at the start: hub B, 1 hop");
        probe.truth().advanceTo(3_600_000_000L);
        assertEquals(1, probe.truth().opens());
        int k = probe.truth().count() - 2; // the opening's two updates, A→C (direction 4) then C→A (5)
        assertTrue(probe.truth().isOpening(k) && probe.truth().isOpening(k + 1));
        long t0 = probe.truth().timeUs(k);
        assertTrue(t0 > 0 && t0 < 300_000_000L, "opened at " + t0);

        PolicyBeliefs b = PolicyBeliefs.create(g, churn, new SplittableRandom(1), 7, 2);
        assertTrue(b.truth().isClosed(4) && b.truth().isClosed(5), "dormant at the start");
        assertEquals(0, b.believed(1, t0 - 1).size(), "before the open nobody believes anything pending");
        for (int end : new int[] {0, 2}) {
            PolicyBeliefs.Overlay o = b.believed(end, t0);
            assertTrue(lists(o, 4, k) && lists(o, 5, k + 1), "endpoint " + end + " knows at once");
        }
        assertEquals(0, b.believed(1, t0).size(), "B hears of it by gossip only");
        assertTrue(b.lagUs(k, 1) >= L && b.lagUs(k, 1) < B + L, "one hop: " + b.lagUs(k, 1));
        PolicyBeliefs.Overlay later = b.believed(1, t0 + B + L);
        assertTrue(lists(later, 4, k) && lists(later, 5, k + 1), "B knows within one broadcast and hop");
        assertTrue(!b.truth().isClosed(4) && !b.truth().isClosed(5));
    }
}
