package org.lnsim.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.testing.EngineNets;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class PolicyUpdatesTest {
    static final long DAY_US = 86_400_000_000L;

    /** {@link EngineNets#line()}: A(0)–B(1)–C(2), four usable directions; A↔B delta 14, B↔C delta 40. */
    static ChannelGraph line() {
        return EngineNets.line();
    }

    @Test
    void aStaticNetworkKeepsItsAnnouncedPolicies() {
        ChannelGraph g = line();
        PolicyUpdates none = PolicyUpdates.none(g);
        none.advanceTo(365 * DAY_US);
        assertFalse(none.active());
        assertEquals(0, none.count());
        assertEquals(-1, none.latest(2));
        assertEquals(g.feeMsat(2, 10_000_000), none.feeMsat(2, 10_000_000));
        assertEquals(40, none.cltvExpiryDelta(2));
    }

    /**
     * 4 usable directions at 24 updates per direction per day: 96 a day, so 9,600 expected in 100 days (Poisson,
     * standard deviation √9600 ≈ 98; the check allows 5 of them), each direction about a quarter of the time
     * (binomial s.d. √(n · 3/16)).
     */
    @Test
    void updatesArriveAtTheRateOverTheDirections() {
        ChannelGraph g = line();
        PolicyUpdates u = new PolicyUpdates(g, PolicyChurn.NONE.withRate(24), new SplittableRandom(3), 0);
        u.advanceTo(100 * DAY_US);
        assertTrue(Math.abs(u.count() - 9_600) < 5 * 98, "updates: " + u.count());
        int[] per = new int[4];
        for (int k = 0; k < u.count(); k++) {
            per[u.direction(k)]++;
            assertTrue(u.timeUs(k) > 0 && u.timeUs(k) <= 100 * DAY_US);
            if (k > 0) {
                assertTrue(u.timeUs(k) > u.timeUs(k - 1), "times strictly increase");
            }
        }
        for (int e = 0; e < 4; e++) {
            assertTrue(Math.abs(per[e] - u.count() / 4.0) < 5 * Math.sqrt(u.count() * 3 / 16.0), "direction " + e);
        }
    }

    /**
     * Each update multiplies the direction's previous base and ppm by one factor in [1/2, 2] (rounded), and changes
     * the CLTV delta, if at all, to another usable direction's (14 or 40); with share 1 every update redraws it, so
     * about half keep 40 on direction 2 (2 of 4 usable directions have 40). The current policy is the latest
     * update's.
     */
    @Test
    void eachUpdateScalesTheFeesWithinTheFactorAndRedrawsTheDelta() {
        ChannelGraph g = line();
        PolicyChurn churn = new PolicyChurn(24, PolicyChurn.BROADCAST_INTERVAL_US, 0, 2.0, 1.0);
        PolicyUpdates u = new PolicyUpdates(g, churn, new SplittableRandom(5), 0);
        u.advanceTo(30 * DAY_US);
        long[] base = {5, 5, 1000, 1000};
        long[] ppm = {1, 1, 100, 100};
        int fortyOnTwo = 0;
        int onTwo = 0;
        for (int k = 0; k < u.count(); k++) {
            int e = u.direction(k);
            double f = (double) u.updateFeeBaseMsat(k) / base[e];
            if (base[e] >= 100) { // rounding makes small fees' factors coarse
                assertTrue(f >= 0.5 - 0.01 && f <= 2.0 + 0.01, "factor " + f);
                double fp = (double) u.updateFeeProportionalMillionths(k) / ppm[e];
                if (ppm[e] >= 100) {
                    assertEquals(f, fp, 0.02, "base and ppm scale together");
                }
            }
            int d = u.updateCltvExpiryDelta(k);
            assertTrue(d == 14 || d == 40, "delta " + d);
            if (e == 2) {
                onTwo++;
                fortyOnTwo += d == 40 ? 1 : 0;
            }
            base[e] = u.updateFeeBaseMsat(k);
            ppm[e] = u.updateFeeProportionalMillionths(k);
        }
        assertTrue(Math.abs(fortyOnTwo - onTwo / 2.0) < 5 * Math.sqrt(onTwo / 4.0), fortyOnTwo + " of " + onTwo);
        int last = u.latest(2);
        assertEquals(u.updateFeeBaseMsat(last), u.feeBaseMsat(2));
        assertEquals(u.updateCltvExpiryDelta(last), u.cltvExpiryDelta(2));
        assertEquals(u.updateFeeBaseMsat(last) + 10_000_000 * u.updateFeeProportionalMillionths(last) / 1_000_000,
                u.feeMsat(2, 10_000_000));
    }

    /** The sequence depends only on the stream: advancing in many small steps or one big one gives the same. */
    @Test
    void theSameStreamGivesTheSameUpdatesHoweverTheClockIsAdvanced() {
        ChannelGraph g = line();
        PolicyUpdates once = new PolicyUpdates(g, PolicyChurn.NONE.withRate(10), new SplittableRandom(9), -DAY_US);
        PolicyUpdates steps = new PolicyUpdates(g, PolicyChurn.NONE.withRate(10), new SplittableRandom(9), -DAY_US);
        once.advanceTo(2 * DAY_US);
        for (long t = -DAY_US; t <= 2 * DAY_US; t += 3_600_000_000L) {
            steps.advanceTo(t);
        }
        assertEquals(once.count(), steps.count());
        assertTrue(once.timeUs(0) < 0, "updates begin before time 0");
        for (int k = 0; k < once.count(); k++) {
            assertEquals(once.timeUs(k), steps.timeUs(k));
            assertEquals(once.direction(k), steps.direction(k));
            assertEquals(once.updateFeeBaseMsat(k), steps.updateFeeBaseMsat(k));
            assertEquals(once.updateCltvExpiryDelta(k), steps.updateCltvExpiryDelta(k));
        }
        int since = 0;
        for (int k = 0; k < once.count(); k++) {
            since += once.timeUs(k) >= 0 ? 1 : 0;
        }
        assertEquals(since, once.runChannelUpdates(2 * DAY_US), "the run's own updates, without the warm-up's");
        assertTrue(since < once.count());
        assertThrows(IllegalStateException.class, () -> once.advanceTo(DAY_US));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PolicyChurn.NONE.withRate(-1));
        assertThrows(IllegalArgumentException.class, () -> PolicyChurn.NONE.withRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new PolicyChurn(1, 0, 0, 2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new PolicyChurn(1, 1, 0, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new PolicyChurn(1, 1, 0, 2, 1.5));
    }

    /**
     * Closes on a star of 40 channels (hub 0, leaves 1..40, one usable direction each, hub → leaf): at 0.05 closes per
     * channel per day for 20 days each channel is closed with probability 1 − e^(−1) = 0.632, so about 25.3 of 40
     * (binomial s.d. 3.05; the check allows 5). Leaf → hub directions have no policy and are never updated. A close
     * is one update of the usable direction, marked as such, with
     * the policy it had; nothing updates a closed channel again; the policy updates, at 1 a day, go on meanwhile.
     */
    @Test
    void channelsCloseAtTheirRateAndStayClosed() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i <= 40; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int i = 1; i <= 40; i++) {
            int c = b.addChannel(ShortChannelId.of(i, 0, 0), 0, i, 100_000);
            b.setPolicy(c, 0, new ChannelPolicy(1000, 10, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        }
        ChannelGraph g = b.build();
        PolicyChurn churn = PolicyChurn.NONE.withRate(1).withCloses(0.05);
        PolicyUpdates u = new PolicyUpdates(g, churn, new SplittableRandom(11), 0);
        u.advanceTo(20 * DAY_US);
        assertTrue(Math.abs(u.closes() - 25.3) < 5 * 3.05, "closes: " + u.closes());
        java.util.Set<Integer> closedDirs = new java.util.HashSet<>();
        int closeUpdates = 0;
        for (int k = 0; k < u.count(); k++) {
            int e = u.direction(k);
            assertTrue(!closedDirs.contains(e), "an update after the close of " + e);
            if (u.isClose(k)) {
                closeUpdates++;
                closedDirs.add(e);
            }
        }
        assertEquals(u.closes(), closeUpdates, "one usable direction per channel");
        for (int k = 0; k < u.count(); k++) {
            assertEquals(0, u.direction(k) & 1, "only usable directions (hub → leaf) are updated");
        }
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            assertEquals(closedDirs.contains(e), u.isClosed(e));
        }
        assertTrue(u.count() > closeUpdates + 100, "policy updates go on: " + (u.count() - closeUpdates));
        assertEquals(u.closes(), u.runChannelCloses(20 * DAY_US), "every close after time 0, once per channel");
    }

    /** Without closes the stream is drawn exactly as before closes existed: a zero close rate changes nothing. */
    @Test
    void aZeroCloseRateLeavesTheUpdatesAsTheyWere() {
        ChannelGraph g = line();
        PolicyUpdates a = new PolicyUpdates(g, PolicyChurn.NONE.withRate(50), new SplittableRandom(2), 0);
        PolicyUpdates b = new PolicyUpdates(g, PolicyChurn.NONE.withRate(50).withCloses(0), new SplittableRandom(2), 0);
        a.advanceTo(DAY_US);
        b.advanceTo(DAY_US);
        assertEquals(a.count(), b.count());
        assertEquals(a.timeUs(a.count() - 1), b.timeUs(b.count() - 1));
        assertEquals(0, b.closes());
    }

    /**
     * A star of 40 hub → leaf channels (one usable direction each, as above), the last 20 dormant. At 0.05 opens per
     * open channel per day the open channels grow as a Yule process from 20: after 10 days 20 (e^0.5 − 1) = 12.97
     * opens are expected (negative binomial, variance 20 e^0.5 (e^0.5 − 1) = 21.4, s.d. 4.63; the check allows 4 of
     * them). Before a dormant channel opens it is closed (its close update at DORMANT_SINCE_US, folded before any
     * other) and nothing updates it; channels open in index order, each with one update marked opening that carries
     * its announced policy; policy updates go on meanwhile, and an opened channel gets them too.
     */
    @Test
    void dormantChannelsOpenAtTheirRateInOrder() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i <= 40; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int i = 1; i <= 40; i++) {
            int c = b.addChannel(ShortChannelId.of(i, 0, 0), 0, i, 100_000);
            b.setPolicy(c, 0, new ChannelPolicy(1000 + i, 10, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        }
        ChannelGraph g = b.build();
        PolicyChurn churn = PolicyChurn.NONE.withRate(1).withOpens(0.05);
        PolicyUpdates u = new PolicyUpdates(g, churn, new SplittableRandom(4), 0, 20);
        assertEquals(20, u.count(), "one close per dormant usable direction, made at once");
        for (int k = 0; k < 20; k++) {
            assertTrue(u.isClose(k) && u.timeUs(k) == PolicyUpdates.DORMANT_SINCE_US);
            assertEquals(2 * (20 + k), u.direction(k));
        }
        for (int c = 0; c < 40; c++) {
            assertEquals(c >= 20, u.isClosed(2 * c), "channel " + c);
        }
        u.advanceTo(10 * DAY_US);
        assertTrue(Math.abs(u.opens() - 12.97) < 4 * 4.63, "opens: " + u.opens());
        int opened = 0;
        long[] openedAt = new long[40];
        java.util.Arrays.fill(openedAt, Long.MAX_VALUE);
        int updatesAfterOpen = 0;
        for (int k = 20; k < u.count(); k++) {
            int c = ChannelGraph.channelOf(u.direction(k));
            assertFalse(u.isClose(k), "no closes at a zero close rate");
            if (u.isOpening(k)) {
                assertEquals(20 + opened, c, "in index order");
                opened++;
                openedAt[c] = u.timeUs(k);
                assertEquals(g.feeBaseMsat(2 * c), u.updateFeeBaseMsat(k), "its announced policy");
            } else if (c >= 20) {
                assertTrue(u.timeUs(k) > openedAt[c], "an update of channel " + c + " before it opened");
                updatesAfterOpen++;
            }
        }
        assertEquals(u.opens(), opened);
        assertEquals(u.opens(), u.runChannelOpens(10 * DAY_US), "all opened after time 0");
        assertTrue(updatesAfterOpen > 0, "opened channels are updated too");
        for (int c = 0; c < 40; c++) {
            assertEquals(c >= 20 + opened, u.isClosed(2 * c), "channel " + c);
        }
        // the pool is finite: at 1 open per channel per day all 20 open within 100 days, and no more
        PolicyUpdates fast = new PolicyUpdates(g, churn.withOpens(1), new SplittableRandom(4), 0, 20);
        fast.advanceTo(100 * DAY_US);
        assertEquals(20, fast.opens());
        assertFalse(fast.isClosed(2 * 39));
    }

    /** Without dormant channels a zero open rate draws the stream exactly as before opens existed. */
    @Test
    void aZeroOpenRateLeavesTheUpdatesAsTheyWere() {
        ChannelGraph g = line();
        PolicyUpdates a = new PolicyUpdates(g, PolicyChurn.NONE.withRate(50).withCloses(3), new SplittableRandom(2), 0);
        PolicyUpdates b = new PolicyUpdates(g, PolicyChurn.NONE.withRate(50).withCloses(3).withOpens(0),
                new SplittableRandom(2), 0, g.channelCount());
        a.advanceTo(DAY_US);
        b.advanceTo(DAY_US);
        assertEquals(a.count(), b.count());
        for (int k = 0; k < a.count(); k++) {
            assertEquals(a.timeUs(k), b.timeUs(k));
            assertEquals(a.direction(k), b.direction(k));
            assertEquals(a.isClose(k), b.isClose(k));
        }
        assertEquals(0, b.opens());
    }

    /**
     * Pool sizes: μ = channels × (e^(r·days) − 1), plus 6√μ + 10. 10,000 channels at 0.0084 a day for one day:
     * μ = 10,000 × (e^0.0084 − 1) = 84.35, 84.35 + 6 × 9.18 + 10 = 149.5, so 150. No opens, no pool.
     */
    @Test
    void thePoolOutlastsTheHorizon() {
        assertEquals(150, PolicyChurn.NONE.withOpens(0.0084).dormantPoolSize(10_000, DAY_US));
        assertEquals(0, PolicyChurn.NONE.withOpens(0).dormantPoolSize(10_000, DAY_US));
        assertThrows(IllegalArgumentException.class, () -> PolicyChurn.NONE.withOpens(-1));
    }
}
