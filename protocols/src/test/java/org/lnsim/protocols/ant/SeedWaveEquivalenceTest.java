package org.lnsim.protocols.ant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * The wave against per-message flooding ({@link PerMessageFlood}) on seeded small random graphs with parallel
 * channels, disabled directions, balances that cannot carry the amount, a few distinct delays (so arrival ties are
 * common and the sequence order decides), tight and loose fee budgets and hop limits: arrival times, reverse pointers,
 * accumulators, hop counts, per-node messages, matches, their arrival at the payer, the chosen match and its path
 * must all be equal.
 */
class SeedWaveEquivalenceTest {
    record Case(ChannelGraph g, long[] spendable, long[] delay) implements SeedWave.Links {
        @Override
        public long outSpendableMsat(int v, int slot) {
            return spendable[own(v, slot)];
        }

        @Override
        public long inSpendableMsat(int v, int slot) {
            return spendable[own(v, slot) ^ 1];
        }

        private int own(int v, int slot) {
            if (slot < g.outStart(v) || slot >= g.outEnd(v)) {
                throw new AssertionError("node " + v + " asked about slot " + slot + ", not its own");
            }
            return g.outDirection(slot);
        }

        @Override
        public long delayUs(int e) {
            return delay[e >>> 1];
        }

        /** Fixed, so the wave keeps its own per-slot copy; the reference calls {@link #delayUs} every time. */
        @Override
        public boolean delaysFixed() {
            return true;
        }
    }

    static Case randomCase(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 6 + r.nextInt(30);
        int m = n + r.nextInt(3 * n);
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < n; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int c = 0; c < m; c++) {
            int u = c < n - 1 ? c + 1 : r.nextInt(n);            // a spanning path first, then random (parallel) edges
            int v = c < n - 1 ? r.nextInt(c + 1) : r.nextInt(n);
            if (u == v) {
                v = (u + 1) % n;
            }
            b.addChannel(ShortChannelId.of(c + 1, 0, 0), u, v, 1_000 + r.nextInt(1_000_000));
            for (int from : new int[] {u, v}) {
                // mostly open policies; some disabled, some with an HTLC minimum or maximum that bites
                long min = r.nextInt(10) == 0 ? 5_000_000 : 0;
                long max = r.nextInt(10) == 0 ? 4_000_000 : ChannelPolicy.NO_HTLC_MAXIMUM;
                b.setPolicy(c, from, new ChannelPolicy(r.nextInt(3) * 500, r.nextInt(4) * 500, 14, min, max,
                        r.nextInt(15) == 0));
            }
        }
        ChannelGraph g = b.build();
        long[] spendable = new long[2 * g.channelCount()];
        for (int e = 0; e < spendable.length; e++) {
            spendable[e] = r.nextInt(5) == 0 ? 0 : 2_000_000_000L;
        }
        long[] delay = new long[g.channelCount()];
        for (int c = 0; c < delay.length; c++) {
            delay[c] = 1_000L * (1 + r.nextInt(4));
        }
        return new Case(g, spendable, delay);
    }

    @Test
    void waveEqualsPerMessageFlooding() {
        int matchesSeen = 0;
        int chosen = 0;
        int lateSeen = 0;
        SplittableRandom pick = new SplittableRandom(99);
        for (long seed = 1; seed <= 300; seed++) {
            Case k = randomCase(seed);
            ChannelGraph g = k.g();
            int n = g.nodeCount();
            int a = pick.nextInt(n);
            int b = (a + 1 + pick.nextInt(n - 1)) % n;
            long amount = 1_000_000 + pick.nextInt(10_000_000);
            long maxFee = pick.nextBoolean() ? 5_000 : 1_000 + pick.nextInt(100_000);
            int maxHops = 2 + pick.nextInt(19);
            SeedWave w = new SeedWave(g);
            long late = 1_000L * (2 + pick.nextInt(6));   // delays are 1-4 ms: some repeats come late
            // a wave is reused from round to round: flood another pair first, so that whatever the first run leaves
            // behind and the second does not clear shows up below
            w.run(b, a, amount / 2, maxFee, maxHops, late, k);
            w.run(a, b, amount, maxFee, maxHops, late, k);
            PerMessageFlood ref = new PerMessageFlood(g, a, b, amount, maxFee, maxHops, k);
            lateSeen += ref.lateRepeats(late);
            String at = "seed " + seed;
            for (int s = 0; s < 2; s++) {
                assertEquals(ref.seedMessages[s], w.seedMessages(s), at);
                for (int v = 0; v < n; v++) {
                    assertEquals(ref.has[s][v], w.reached(v, s), at + " node " + v + " seed " + s);
                    if (ref.has[s][v]) {
                        assertEquals(ref.arrival[s][v], w.arrivalUs(v, s), at);
                        assertEquals(ref.pred[s][v], w.predDirection(v, s), at);
                        assertEquals(ref.acc[s][v], w.feeAccumulatorMsat(v, s), at);
                        assertEquals(ref.hops[s][v], w.hops(v, s), at);
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                assertEquals(ref.sent[v], w.seedsSent(v), at);
                assertEquals(ref.received[v], w.seedsReceived(v), at);
                assertEquals(ref.matchSent[v], w.matchesSent(v), at);
            }
            // the per-node summary lists every node reached once, with the same counts
            boolean[] listed = new boolean[n];
            for (int i = 0; i < w.nodesReached(); i++) {
                int v = w.reachedNode(i);
                assertFalse(listed[v], at + " node " + v + " listed twice");
                listed[v] = true;
                assertEquals(ref.sent[v], w.reachedNodeSent(i), at);
                assertEquals(ref.received[v], w.seedsReceived(v), at);
                assertEquals(w.seedsReceived(v), w.reachedNodeReceived(i), at);
            }
            for (int v = 0; v < n; v++) {
                assertEquals(ref.has[0][v] || ref.has[1][v], listed[v], at + " node " + v);
            }
            assertEquals(ref.matchMessages, w.matchMessages(), at);
            assertEquals(ref.matches.size(), w.matchCount(), at);
            for (int m = 0; m < w.matchCount(); m++) {
                PerMessageFlood.Match x = ref.matches.get(m);
                assertEquals(x.node(), w.matchNode(m), at);
                assertEquals(x.time(), w.matchTimeUs(m), at);
                assertEquals(x.feeMsat(), w.matchFeeMsat(m), at);
                assertEquals(x.hops(), w.matchHops(m), at);
                assertEquals(x.reported(), w.matchReported(m), at);
                assertEquals(x.atPayerUs(), w.matchAtPayerUs(m), at);
                assertArrayEquals(ref.path(x.node()), w.path(m), at);
                matchesSeen++;
            }
            MatchChoice c = MatchChoice.choose(w, 5_000, 3);
            assertEquals(ref.choose(5_000, 3), c, at);
            if (c.match() >= 0) {
                chosen++;
                int[] path = w.path(c.match());
                assertEquals(a, g.source(path[0]), at);
                assertEquals(b, g.target(path[path.length - 1]), at);
                java.util.Set<Integer> visited = new java.util.HashSet<>();
                visited.add(a);
                for (int i = 0; i < path.length; i++) {
                    // local-knowledge invariant: every hop of a discovered path could carry at least the amount
                    assertTrue(g.isUsable(path[i]) && k.spendable()[path[i]] >= amount,
                            at + " hop " + i);
                    assertTrue(i == 0 || g.target(path[i - 1]) == g.source(path[i]), at);
                    assertTrue(visited.add(g.target(path[i])), at + ": the path is simple");
                }
                assertTrue(path.length <= maxHops, at);
                assertTrue(w.matchFeeMsat(c.match()) <= maxFee, at);
            }
            assertEquals(ref.lateRepeats(late), w.lateRepeatNodes(), at);
        }
        // the cases exercise what they should
        assertTrue(matchesSeen > 500, "matches " + matchesSeen);
        assertTrue(chosen > 100 && chosen < 300, "chosen " + chosen);
        assertTrue(lateSeen > 50, "late repeats " + lateSeen);
    }

    /**
     * A wave patched for changed balances ({@link SeedWave#patch}, as {@link FloodAhead} does: every check whose
     * answer the change flips) equals a wave run on the changed balances, whenever every patch is accepted; a refused
     * patch leaves the wave as it was. Each case changes one to three directions' spendable amounts so that checks
     * the wave made flip.
     */
    @Test
    void patchedWaveEqualsAFreshWave() {
        int accepted = 0;
        int refused = 0;
        SplittableRandom pick = new SplittableRandom(5);
        for (long seed = 1; seed <= 2_000; seed++) {
            Case base = randomCase(seed);
            ChannelGraph g = base.g();
            long[] delay = new long[g.channelCount()];
            for (int c = 0; c < delay.length; c++) {
                delay[c] = 1_000 + pick.nextInt(3_000);   // µs apart: few ties, so most repeats arrive strictly later
            }
            Case k = new Case(g, base.spendable(), delay);
            int n = g.nodeCount();
            int a = pick.nextInt(n);
            int b = (a + 1 + pick.nextInt(n - 1)) % n;
            long amount = 1_000_000 + pick.nextInt(10_000_000);
            long maxFee = 1_000 + pick.nextInt(100_000);
            long late = 1_000L * (2 + pick.nextInt(6));
            SeedWave w = new SeedWave(g);
            w.run(a, b, amount, maxFee, 20, late, k);
            // flip checks the wave made: set a compared amount just below or at its threshold
            long[] changed = k.spendable().clone();
            int flips = 1 + pick.nextInt(3);
            for (int tries = 0; flips > 0 && tries < 200; tries++) {
                int slot = pick.nextInt(2 * g.channelCount());
                int v = g.source(g.outDirection(slot));
                int s = pick.nextInt(2);
                long threshold = w.balanceThreshold(v, s, slot);
                if (threshold >= 0) {
                    int e = s == 0 ? g.outDirection(slot) : g.outDirection(slot) ^ 1;
                    changed[e] = changed[e] >= threshold ? threshold - 1 : threshold;
                    flips--;
                }
            }
            Case k2 = new Case(g, changed, k.delay());
            boolean all = true;
            int asked = 0;
            SeedWave shadow = new SeedWave(g);   // the same run with the patches accepted so far, and no others
            shadow.run(a, b, amount, maxFee, 20, late, k);
            for (int slot = 0; slot < 2 * g.channelCount() && all; slot++) {
                int v = g.source(g.outDirection(slot));
                for (int s = 0; s < 2 && all; s++) {
                    long threshold = w.balanceThreshold(v, s, slot);
                    long before = s == 0 ? k.outSpendableMsat(v, slot) : k.inSpendableMsat(v, slot);
                    long after = s == 0 ? k2.outSpendableMsat(v, slot) : k2.inSpendableMsat(v, slot);
                    if (threshold >= 0 && (before >= threshold) != (after >= threshold)) {
                        asked++;
                        boolean ok = w.patch(v, s, slot, after >= threshold);
                        if (ok) {
                            assertTrue(shadow.patch(v, s, slot, after >= threshold));
                        } else {
                            w.refreshSummary();
                            shadow.refreshSummary();
                            assertSameWave(shadow, w, g, "seed " + seed + ": a refused patch changed the wave");
                        }
                        all = ok;
                    }
                }
            }
            if (asked == 0) {
                continue;
            }
            if (all) {
                w.refreshSummary();
                SeedWave fresh = new SeedWave(g);
                fresh.run(a, b, amount, maxFee, 20, late, k2);
                assertSameWave(fresh, w, g, "seed " + seed);
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(accepted > 100, "patched waves " + accepted);
        assertTrue(refused > 100, "refused " + refused);
    }

    private static void assertSameWave(SeedWave want, SeedWave got, ChannelGraph g, String at) {
        assertEquals(want.seedMessages(0), got.seedMessages(0), at);
        assertEquals(want.seedMessages(1), got.seedMessages(1), at);
        assertEquals(want.matchMessages(), got.matchMessages(), at);
        assertEquals(want.lateRepeatNodes(), got.lateRepeatNodes(), at);
        assertEquals(want.matchCount(), got.matchCount(), at);
        for (int m = 0; m < want.matchCount(); m++) {
            assertEquals(want.matchNode(m), got.matchNode(m), at);
            assertEquals(want.matchTimeUs(m), got.matchTimeUs(m), at);
            assertEquals(want.matchFeeMsat(m), got.matchFeeMsat(m), at);
        }
        for (int v = 0; v < g.nodeCount(); v++) {
            for (int s = 0; s < 2; s++) {
                assertEquals(want.reached(v, s), got.reached(v, s), at);
                if (want.reached(v, s)) {
                    assertEquals(want.arrivalUs(v, s), got.arrivalUs(v, s), at);
                    assertEquals(want.predDirection(v, s), got.predDirection(v, s), at);
                }
            }
            assertEquals(want.seedsSent(v), got.seedsSent(v), at + " node " + v);
            assertEquals(want.seedsReceived(v), got.seedsReceived(v), at + " node " + v);
            assertEquals(want.matchesSent(v), got.matchesSent(v), at);
        }
        assertEquals(want.nodesReached(), got.nodesReached(), at);
        for (int i = 0; i < want.nodesReached(); i++) {
            assertEquals(want.reachedNode(i), got.reachedNode(i), at);
            assertEquals(want.reachedNodeSent(i), got.reachedNodeSent(i), at);
            assertEquals(want.reachedNodeReceived(i), got.reachedNodeReceived(i), at);
        }
    }

    /**
     * Arrivals past 2^31 µs (the wave's 4-byte earliest-arrival filter gives way to checking every unsettled peer):
     * delays of 700–1,000 s, so three hops pass it, and up to 8 hops (8,000 s, under the wave's 2^33 µs limit).
     */
    @Test
    void arrivalsBeyondTwoToThe31MicrosecondsStillMatchPerMessageFlooding() {
        SplittableRandom pick = new SplittableRandom(31);
        int beyond = 0;
        for (long seed = 1; seed <= 100; seed++) {
            Case base = randomCase(seed);
            ChannelGraph g = base.g();
            long[] delay = new long[g.channelCount()];
            for (int c = 0; c < delay.length; c++) {
                delay[c] = 700_000_000L + pick.nextInt(300_000_000);
            }
            Case k = new Case(g, base.spendable(), delay);
            int n = g.nodeCount();
            int a = pick.nextInt(n);
            int b = (a + 1 + pick.nextInt(n - 1)) % n;
            long amount = 1_000_000 + pick.nextInt(10_000_000);
            SeedWave w = new SeedWave(g);
            w.run(a, b, amount, 100_000, 8, 3_000_000, k);
            PerMessageFlood ref = new PerMessageFlood(g, a, b, amount, 100_000, 8, k);
            String at = "seed " + seed;
            for (int s = 0; s < 2; s++) {
                assertEquals(ref.seedMessages[s], w.seedMessages(s), at);
                for (int v = 0; v < n; v++) {
                    assertEquals(ref.has[s][v], w.reached(v, s), at);
                    if (ref.has[s][v]) {
                        assertEquals(ref.arrival[s][v], w.arrivalUs(v, s), at);
                        assertEquals(ref.pred[s][v], w.predDirection(v, s), at);
                        beyond += w.arrivalUs(v, s) > Integer.MAX_VALUE ? 1 : 0;
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                assertEquals(ref.sent[v], w.seedsSent(v), at);
                assertEquals(ref.received[v], w.seedsReceived(v), at);
            }
            assertEquals(ref.matches.size(), w.matchCount(), at);
            for (int m = 0; m < w.matchCount(); m++) {
                assertEquals(ref.matches.get(m).node(), w.matchNode(m), at);
                assertEquals(ref.matches.get(m).time(), w.matchTimeUs(m), at);
            }
        }
        assertTrue(beyond > 100, "pairs reached after 2^31 µs: " + beyond);
    }

    /** The same with a limited fanout ranked by a random per-channel score (the selective variant). */
    @Test
    void limitedFanoutBoundsEveryForwarder() {
        for (long seed = 1; seed <= 100; seed++) {
            Case k = randomCase(seed);
            ChannelGraph g = k.g();
            long[] score = new long[g.channelCount()];
            SplittableRandom r = new SplittableRandom(seed);
            for (int c = 0; c < score.length; c++) {
                score[c] = r.nextInt(3);
            }
            int a = 0;
            int b = g.nodeCount() - 1;
            SeedWave full = new SeedWave(g);
            full.run(a, b, 1_000_000, 50_000, 20, 3_000_000, k);
            SeedWave two = new SeedWave(g);
            two.run(a, b, 1_000_000, 50_000, 20, 3_000_000, k, 2, score);
            SeedWave wide = new SeedWave(g);
            wide.run(a, b, 1_000_000, 50_000, 20, 3_000_000, k, 1_000, score);
            // a fanout above every degree is plain flooding
            assertEquals(full.seedMessages(0), wide.seedMessages(0));
            assertEquals(full.seedMessages(1), wide.seedMessages(1));
            assertEquals(full.matchCount(), wide.matchCount());
            // with fanout 2 no node other than A and B sends a seed to more than 2 peers
            for (int v = 0; v < g.nodeCount(); v++) {
                if (v != a && v != b) {
                    assertTrue(two.seedsSent(v) <= 2 * 2, "node " + v + " sent " + two.seedsSent(v));
                }
            }
            assertTrue(two.seedMessages(0) + two.seedMessages(1) <= full.seedMessages(0) + full.seedMessages(1));
        }
    }
}
