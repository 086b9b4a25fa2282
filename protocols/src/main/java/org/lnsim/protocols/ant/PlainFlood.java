package org.lnsim.protocols.ant;

import org.lnsim.network.ChannelGraph;

/**
 * The seed wave's fast path, for plain flooding (every forwarding node sends to all eligible peers) with fixed
 * delays: the Dijkstra checks only the messages that would arrive at a pair before its earliest message so far
 * ({@link #relax}; about one in nine: the rest cannot change the wave) and, once it has settled, one pass over the
 * forwarding nodes in id order counts every message ({@link #countMessages}; memory order, so the records stream).
 * The Dijkstra's misses are scattered (pairs settle in arrival order): it loads the next bucket's pairs and adjacency
 * ranges together before settling them ({@link #preload}), and a node's candidates' records and balances together
 * before checking them, so that the misses overlap. Also the one place that can change an answer of a finished wave
 * ({@link #patch}), since only here are messages counted apart from the Dijkstra.
 *
 * <p>The checks are {@link SlotRecords#slotAccumulator}, the balance, and one message per peer, in the order of
 * {@link Forwarding#forward}; the equivalence tests compare this path with per-message flooding and with the general
 * one. Inner loops call only final methods of final classes, which the JIT inlines.
 */
final class PlainFlood {
    private final SeedWave w;
    private final WavePairs pairs;
    private final SlotRecords slots;
    private final ChannelGraph g;
    // scratch for one node's candidates
    private final int[] candSlot;
    private final long[] candBalance;
    private final long[] candLine;
    private final long[] peerStamp;
    private long stamp;
    private long preloadSink;

    PlainFlood(SeedWave w, WavePairs pairs, SlotRecords slots, int maxDegree) {
        this.w = w;
        this.pairs = pairs;
        this.slots = slots;
        this.g = slots.g;
        candSlot = new int[maxDegree];
        candBalance = new long[maxDegree];
        candLine = new long[maxDegree];
        peerStamp = new long[g.nodeCount()];
    }

    /**
     * {@link Forwarding#forward} for plain flooding with fixed delays, Dijkstra part only: the same checks, in the
     * same order, but only on the slots whose message would arrive before its target's earliest message so far, so
     * only the messages that get queued are checked; {@link #countMessages} counts every message afterwards.
     * Skipping the others cannot change the wave: such a message is not queued whatever its checks say, and the
     * one-message-per-peer rule only compares slots to the same peer, which are never skipped when there are several
     * (a parallel channel that passes stops the later ones to that peer whether or not its message improves
     * anything).
     */
    void relax(int idx) {
        WavePairs pairs = this.pairs;
        int v = idx >>> 1;
        int s = idx & 1;
        boolean origin = pairs.predOf(idx) < 0;
        int from = pairs.predNodeOf(idx);
        long acc = pairs.accumulator(idx);
        long accOut = s == 1 ? pairs.forwardedAccumulator(idx) : 0;
        long maxFee = w.maxFeeMsat;
        if (accOut > maxFee) {
            return;
        }
        byte[] state = pairs.state;
        state[idx] = WavePairs.SETTLED | WavePairs.FORWARDED;
        SlotRecords slots = this.slots;
        long[] rec = slots.rec;
        long[] delays = slots.delays;
        SeedWave.Links links = w.links;
        long amount = w.amountMsat;
        long t = pairs.arrivalAt[idx];
        int h = pairs.hopsOf(idx) + 1;
        int[] candSlot = this.candSlot;
        // in phases, so that the cache misses of the slots still to reach (their records and balances) overlap:
        // find them (the peers and their state are in cache), load their balances and records side by side, then
        // check and queue them in adjacency order
        int cands = 0;
        int[] delayOrAll = slots.delayOrAll;
        int[] reach = pairs.reach;
        if (t + slots.maxDelayUs() < WavePairs.UNREACHED) {
            // a slot is a candidate if its message would arrive before its target's earliest so far (so never at a
            // settled pair, the one the seed came from included), or if it is a parallel channel (the first of
            // those that passes its checks is the one message to that peer, whether it improves or not); without
            // branches, since about half the slots are candidates. A parallel slot's key (REACHED + 1) is below
            // every reach but REACHED.
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int d = delayOrAll[slot];
                long key = d >= 0 ? t + d : WavePairs.REACHED + 1L;
                candSlot[cands] = slot;
                cands += key < reach[2 * g.outPeer(slot) + s] ? 1 : 0;
            }
        } else {
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int q = g.outPeer(slot);
                if (q != from && state[2 * q + s] < WavePairs.SETTLED) {
                    candSlot[cands++] = slot;
                }
            }
        }
        long[] balance = candBalance;
        long[] line = candLine;
        for (int c = 0; c < cands; c++) {
            int slot = candSlot[c];
            balance[c] = s == 0 ? links.outSpendableMsat(v, slot) : links.inSpendableMsat(v, slot);
            line[c] = rec[slots.recOf(s, slot) + SlotRecords.PEER_DIR];
        }
        long st = ++stamp;
        for (int c = 0; c < cands; c++) {
            int slot = candSlot[c];
            int r = slots.recOf(s, slot);
            long a = slots.slotAccumulator(s, r, origin, acc, accOut, amount, maxFee);
            if (a < 0) {
                continue;
            }
            long pd = line[c];
            int q = (int) (pd >>> 32);
            boolean par = (pd & SlotRecords.PAR_BIT) != 0;
            if (par && peerStamp[q] == st) {
                continue;   // one message per peer: an earlier channel to q passed
            }
            if (balance[c] < (s == 0 ? amount : amount + a)) {
                continue;
            }
            if (par) {
                peerStamp[q] = st;
            }
            int d = delayOrAll[slot];
            w.queueUnsettled(2 * q + s, t + (d >= 0 ? d : delays[slot]), r, v, a, h);
        }
    }

    /**
     * Loads, for every message of the bucket the queue has just sorted, what settling and relaxing its pair will read
     * first: the pair's fields and its node's adjacency range. These are cache misses (the pairs come in arrival
     * order, scattered in memory); issued together here they overlap, where one pair at a time they would not. The
     * sum only keeps the loads from being optimised away.
     */
    void preload(ArrivalQueue queue, int[] seqPair) {
        long[] keys = queue.draining();
        long[] cold = pairs.cold;
        int[] delayOrAll = slots.delayOrAll;
        long sum = 0;
        for (int i = queue.drainFrom(), end = queue.drainTo(); i < end; i++) {
            int idx = seqPair[(int) (keys[i] & SeedWave.SEQ_MASK)];
            int start = g.outStart(idx >>> 1);
            sum += cold[4 * idx + WavePairs.LINK];
            if (start < g.outEnd(idx >>> 1)) {
                sum += g.outPeer(start) + delayOrAll[start];
            }
        }
        preloadSink += sum;
    }

    /**
     * Counts the messages of plain flooding once the wave has settled: every pair that forwarded sends one message
     * per peer that passes {@link Forwarding#forward}'s checks, whatever the peer's state. Node by node in id order,
     * so the per-slot records are read in memory order; the result does not depend on the order (sums, and a
     * maximum).
     */
    void countMessages() {
        byte[] state = pairs.state;
        for (int v = 0, n = g.nodeCount(); v < n; v++) {
            if ((state[2 * v] & WavePairs.FORWARDED) != 0) {
                countSent(2 * v);
            }
            if ((state[2 * v + 1] & WavePairs.FORWARDED) != 0) {
                countSent(2 * v + 1);
            }
        }
    }

    private void countSent(int idx) {
        WavePairs pairs = this.pairs;
        int v = idx >>> 1;
        int s = idx & 1;
        boolean origin = pairs.predOf(idx) < 0;
        int from = pairs.predNodeOf(idx);
        long acc = pairs.accumulator(idx);
        long accOut = s == 1 ? pairs.forwardedAccumulator(idx) : 0;
        long amount = w.amountMsat;
        long maxFee = w.maxFeeMsat;
        long lateAfterUs = w.lateAfterUs;
        SeedWave.Links links = w.links;
        SlotRecords slots = this.slots;
        long[] rec = slots.rec;
        long[] delays = slots.delays;
        int[] received = pairs.received;
        long t = pairs.arrivalAt[idx];
        boolean mayBeLate = t + slots.maxDelayUs() > lateAfterUs;
        long st = ++stamp;
        int count = 0;
        for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
            int r = slots.recOf(s, slot);
            long pd = rec[r + SlotRecords.PEER_DIR];   // the peer from the record: no second stream to read
            int q = (int) (pd >>> 32);
            if (q == from) {
                continue;
            }
            long a = slots.slotAccumulator(s, r, origin, acc, accOut, amount, maxFee);
            if (a < 0) {
                continue;
            }
            boolean par = (pd & SlotRecords.PAR_BIT) != 0;
            if (par && peerStamp[q] == st) {
                continue;
            }
            boolean ok = s == 0 ? links.outSpendableMsat(v, slot) >= amount
                    : links.inSpendableMsat(v, slot) >= amount + a;
            if (!ok) {
                continue;
            }
            if (par) {
                peerStamp[q] = st;
            }
            count++;
            received[q]++;
            if (mayBeLate) {
                pairs.arrivedAt(2 * q + s, t + delays[slot], lateAfterUs);
            }
        }
        pairs.seedMessages[s] += count;
        pairs.sent[idx] = count;
    }

    /**
     * {@link SeedWave#patch} of a plain flood: changes the answer of one balance check of the last run, if that
     * changes only the message counts (see there).
     */
    boolean patch(int v, int s, int slot, boolean passes) {
        if (w.balanceThreshold(v, s, slot) < 0) {
            return false;
        }
        int idx = 2 * v + s;
        long pd = slots.rec[slots.recOf(s, slot) + SlotRecords.PEER_DIR];
        if ((pd & SlotRecords.PAR_BIT) != 0) {
            return false;
        }
        int q = (int) (pd >>> 32);
        int t = 2 * q + s;
        long arrival = pairs.arrivalAt[idx] + slots.delays[slot];
        if (!pairs.isSettled(t) || pairs.arrivalAt[t] >= arrival) {
            return false;
        }
        long lateAfterUs = w.lateAfterUs;
        if (passes) {
            pairs.arrivedAt(t, arrival, lateAfterUs);
        } else if (arrival > lateAfterUs && arrival >= pairs.latestArrival(t)) {
            return false;   // it may have been the latest repeat, which the late count reads
        }
        int d = passes ? 1 : -1;
        pairs.sent[idx] += d;
        pairs.received[q] += d;
        pairs.seedMessages[s] += d;
        return true;
    }
}
