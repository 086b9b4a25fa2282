package org.lnsim.protocols.ant;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;

/**
 * One round of ant routing's flooding, both conjugate seeds at once, computed as a single time-ordered wave instead
 * of one engine event per message.
 *
 * <h2>Forwarding rules (papers: lightning-facts §6; lnsim's reading where marked)</h2>
 * Seed 0 starts at the payer A, seed 1 at the payee B, both at time 0 (A's first: its sends get the lower sequence
 * numbers). A node v receiving seed s for the first time stores it with the direction it came on (the reverse
 * pointer), its fee accumulator and hop count. Then:
 * <ul>
 *   <li>if v already holds the conjugate seed, v is a <b>match</b> and does not forward seed s (the papers list "seen
 *       before", "holds the conjugate" and "forward" as separate cases; lnsim reads them as exclusive, so the two
 *       floods stop where they meet);</li>
 *   <li>otherwise, if its hop count is below {@code maxHops}, v forwards one message to every other peer (not the
 *       one the seed came from; one message per peer even over parallel channels: the first channel in adjacency
 *       order that passes) whose channel can carry the payment in the payment's direction;</li>
 *   <li>repeats of a seed are ignored (they are still messages: sent, received, counted).</li>
 * </ul>
 *
 * <h2>Which balance each seed checks (lnsim's decision)</h2>
 * The HTLC will flow A → … → B. Seed 0 travels with the payment: v forwarding seed 0 to Q puts Q after v, so the
 * HTLC crosses v→Q; seed 1 travels against it: v forwarding seed 1 to Q puts Q before v, so the HTLC crosses Q→v.
 * The forwarding node checks that channel direction with {@link Links#canCarry}. Both directions are of v's own
 * channel, whose state (both balances, reserves and HTLCs in flight) both peers hold in their commitment
 * transactions, so this is local knowledge: no node ever looks at a channel it is not party to. Amounts checked:
 * <ul>
 *   <li>seed 1 knows the exact HTLC amount on Q→v: the payment amount plus the fee accumulator after v's own fee
 *       (the fees of v and every node between v and B), so it checks that;</li>
 *   <li>seed 0 cannot know the fees of the nodes still to come, so it checks the payment amount, a lower bound of
 *       the HTLC on v→Q.</li>
 * </ul>
 *
 * <h2>Fees</h2>
 * Each forwarder adds its BOLT 7 fee ({@link ChannelGraph#feeMsat}) and stops when the accumulator exceeds the max
 * fee. Seed 1 adds the exact fee v charges on v→P (P the peer it came from) for the amount plus the accumulator; seed
 * 0 adds v's fee on v→Q for the payment amount (the true amount also carries the downstream fees; the error is the
 * fee rate times those fees, a few msat). A match M adds its own fee (on its seed-1 outgoing channel, exact) to both
 * sides: the total {@code acc0 + fee(M) + acc1} is reported only if within the max fee and if the path has at most
 * {@code maxHops} hops (the onion limit); A and B add no fee of their own.
 *
 * <h2>Wave = per-message flooding</h2>
 * A node's behaviour depends only on the first arrival of each seed and on whether the conjugate seed arrived before
 * it in (time, sequence) order; later arrivals change nothing. So the wave is a Dijkstra over (arrival time, send
 * sequence) on (node, seed) pairs: a pair is settled at its first message, and a message counts to the totals whether
 * or not it improves its target. Sequence numbers are given in send order (settling order, then adjacency order), the
 * order in which the engine would schedule the messages, so ties break the same way. Assumptions that the
 * per-message simulation would not need: every node is online, balances are those at the wave's start, and mempool
 * entries outlive the last repeat ({@link #lateRepeatNodes()} counts the nodes where the last repeat of a seed
 * arrives more than the wipe time after the first, where a real node would have forgotten the seed).
 *
 * <h2>Cost</h2>
 * Primitive arrays indexed by {@code 2·node + seed}, validated by an epoch stamp, so nothing is cleared or allocated
 * per wave except when the match list grows; time O((E + N) log N) per round.
 *
 * <p>Selective forwarding ({@code ant.selective}): with a fanout k and a per-channel score, a forwarding node other
 * than A and B sends to its k best eligible peers by score (then capacity, then adjacency order), in adjacency order.
 */
public final class SeedWave {
    /** What the wave asks of the channels: the forwarding node's own knowledge and the latency model. */
    public interface Links {
        /** Whether the HTLC direction {@code e} can carry {@code amountMsat} now (usable, in range, balance, slot). */
        boolean canCarry(int e, long amountMsat);

        /** Delay of a control message along direction {@code e}. */
        long delayUs(int e);
    }

    private static final byte QUEUED = 1;
    private static final byte SETTLED = 2;

    private final ChannelGraph g;
    // per (node, seed) pair, index 2·node + seed, valid when pairEpoch == epoch
    private final int[] pairEpoch;
    private final byte[] pairState;
    private final long[] time;
    private final long[] seqKey;
    private final long[] acc;
    private final long[] lastArrival;
    private final int[] pred;
    private final byte[] hops;
    private final int[] heapPos;
    private final int[] heap;
    private int heapSize;
    private final int[] order;
    private int settled;
    // per node, valid when nodeEpoch == epoch
    private final int[] nodeEpoch;
    private final int[] sent;
    private final int[] received;
    private final int[] matchSent;
    private final int[] touched;
    private int touchedCount;
    private final long[] peerStamp;
    private long stamp;
    private int epoch;
    // selective forwarding
    private final int[] candSlot;
    private final long[] candAcc;
    private final boolean[] candTake;

    private int payer;
    private int payee;
    private long amountMsat;
    private long maxFeeMsat;
    private int maxHops;
    private Links links;
    private int fanout;
    private long[] score;
    private long seq;
    private final long[] seedMessages = new long[2];
    private long matchMessages;

    // matches, in the order they happen
    private int matchCount;
    private int[] matchNode = new int[16];
    private long[] matchTime = new long[16];
    private long[] matchFee = new long[16];
    private int[] matchHops = new int[16];
    private boolean[] matchReported = new boolean[16];
    private long[] matchAtPayer = new long[16];

    public SeedWave(ChannelGraph g) {
        this.g = g;
        int n = g.nodeCount();
        pairEpoch = new int[2 * n];
        pairState = new byte[2 * n];
        time = new long[2 * n];
        seqKey = new long[2 * n];
        acc = new long[2 * n];
        lastArrival = new long[2 * n];
        pred = new int[2 * n];
        hops = new byte[2 * n];
        heapPos = new int[2 * n];
        heap = new int[2 * n];
        order = new int[2 * n];
        nodeEpoch = new int[n];
        sent = new int[n];
        received = new int[n];
        matchSent = new int[n];
        touched = new int[n];
        peerStamp = new long[n];
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            maxDegree = Math.max(maxDegree, g.degree(v));
        }
        candSlot = new int[maxDegree];
        candAcc = new long[maxDegree];
        candTake = new boolean[maxDegree];
    }

    public ChannelGraph graph() {
        return g;
    }

    /** Floods both seeds of one round: every node forwards to all eligible peers. */
    public void run(int payer, int payee, long amountMsat, long maxFeeMsat, int maxHops, Links links) {
        run(payer, payee, amountMsat, maxFeeMsat, maxHops, links, Integer.MAX_VALUE, null);
    }

    /**
     * Floods both seeds of one round.
     *
     * @param maxFeeMsat the seeds' max fee (≥ 0)
     * @param maxHops    hop limit of a seed and of a matched path, 1..255
     * @param fanout     peers a forwarding node other than A and B sends to at most (≥ 1; {@code Integer.MAX_VALUE}
     *                   for plain flooding)
     * @param score      per-channel score ranking peers for a limited fanout, or null (all 0)
     */
    public void run(int payer, int payee, long amountMsat, long maxFeeMsat, int maxHops, Links links, int fanout,
                    long[] score) {
        if (payer == payee || amountMsat <= 0 || maxFeeMsat < 0 || maxHops < 1 || maxHops > 255 || fanout < 1) {
            throw new IllegalArgumentException("seed wave parameters out of range");
        }
        this.payer = payer;
        this.payee = payee;
        this.amountMsat = amountMsat;
        this.maxFeeMsat = maxFeeMsat;
        this.maxHops = maxHops;
        this.links = links;
        this.fanout = fanout;
        this.score = score;
        epoch++;
        heapSize = 0;
        settled = 0;
        touchedCount = 0;
        matchCount = 0;
        seedMessages[0] = 0;
        seedMessages[1] = 0;
        matchMessages = 0;
        seq = 0;
        offer(2 * payer, 0, seq++, -1, 0, 0);
        offer(2 * payee + 1, 0, seq++, -1, 0, 0);
        while (heapSize > 0) {
            int idx = pop();
            pairState[idx] = SETTLED;
            order[settled++] = idx;
            if (pairEpoch[idx ^ 1] == epoch && pairState[idx ^ 1] == SETTLED) {
                match(idx);
            } else if ((hops[idx] & 0xff) < maxHops) {
                forward(idx);
            }
        }
        for (int m = 0; m < matchCount; m++) {
            if (matchReported[m]) {
                returnMatch(m);
            }
        }
    }

    private void forward(int idx) {
        int v = idx >>> 1;
        int s = idx & 1;
        boolean origin = pred[idx] < 0;
        int from = origin ? -1 : g.source(pred[idx]);
        long accOut = 0;
        if (s == 1 && !origin) {
            accOut = acc[idx] + g.feeMsat(pred[idx] ^ 1, amountMsat + acc[idx]);
            if (accOut > maxFeeMsat) {
                return;
            }
        }
        long st = ++stamp;
        boolean limit = !origin && fanout < g.degree(v);
        int cands = 0;
        for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
            int q = g.outPeer(slot);
            if (q == from || peerStamp[q] == st) {
                continue;
            }
            int e = g.outDirection(slot);
            long a;
            if (s == 0) {
                a = origin ? 0 : acc[idx] + g.feeMsat(e, amountMsat);
                if (a > maxFeeMsat || !links.canCarry(e, amountMsat)) {
                    continue;
                }
            } else {
                a = accOut;
                if (!links.canCarry(e ^ 1, amountMsat + a)) {
                    continue;
                }
            }
            peerStamp[q] = st;
            if (limit) {
                candSlot[cands] = slot;
                candAcc[cands] = a;
                cands++;
            } else {
                send(idx, e, a);
            }
        }
        if (limit) {
            sendBest(idx, cands);
        }
    }

    /** Sends to the {@code fanout} best candidates by (score desc, capacity desc, slot asc), in slot order. */
    private void sendBest(int idx, int cands) {
        if (cands <= fanout) {
            for (int i = 0; i < cands; i++) {
                send(idx, g.outDirection(candSlot[i]), candAcc[i]);
            }
            return;
        }
        Arrays.fill(candTake, 0, cands, false);
        for (int k = 0; k < fanout; k++) {
            int best = -1;
            for (int i = 0; i < cands; i++) {
                if (!candTake[i] && (best < 0 || better(candSlot[i], candSlot[best]))) {
                    best = i;
                }
            }
            candTake[best] = true;
        }
        for (int i = 0; i < cands; i++) {
            if (candTake[i]) {
                send(idx, g.outDirection(candSlot[i]), candAcc[i]);
            }
        }
    }

    private boolean better(int slotA, int slotB) {
        int ca = g.outDirection(slotA) >>> 1;
        int cb = g.outDirection(slotB) >>> 1;
        long sa = score == null ? 0 : score[ca];
        long sb = score == null ? 0 : score[cb];
        if (sa != sb) {
            return sa > sb;
        }
        if (g.capacitySat(ca) != g.capacitySat(cb)) {
            return g.capacitySat(ca) > g.capacitySat(cb);
        }
        return slotA < slotB;
    }

    private void send(int idx, int e, long a) {
        int s = idx & 1;
        int q = g.target(e);
        long arrival = time[idx] + links.delayUs(e);
        seedMessages[s]++;
        touch(idx >>> 1);
        sent[idx >>> 1]++;
        touch(q);
        received[q]++;
        offer(2 * q + s, arrival, seq++, e, a, (hops[idx] & 0xff) + 1);
    }

    /** A message reaching pair {@code t}: keep it if it is the earliest so far (a later sequence never wins a tie). */
    private void offer(int t, long arrival, long sq, int e, long a, int h) {
        if (pairEpoch[t] != epoch) {
            pairEpoch[t] = epoch;
            pairState[t] = QUEUED;
            set(t, arrival, sq, e, a, h);
            lastArrival[t] = arrival;
            heapPos[t] = heapSize;
            heap[heapSize++] = t;
            siftUp(heapPos[t]);
            return;
        }
        lastArrival[t] = Math.max(lastArrival[t], arrival);
        if (pairState[t] == QUEUED && arrival < time[t]) {
            set(t, arrival, sq, e, a, h);
            siftUp(heapPos[t]);
        }
    }

    private void set(int t, long arrival, long sq, int e, long a, int h) {
        time[t] = arrival;
        seqKey[t] = sq;
        pred[t] = e;
        acc[t] = a;
        hops[t] = (byte) h;
    }

    private void touch(int v) {
        if (nodeEpoch[v] != epoch) {
            nodeEpoch[v] = epoch;
            sent[v] = 0;
            received[v] = 0;
            matchSent[v] = 0;
            touched[touchedCount++] = v;
        }
    }

    private void match(int idx) {
        int v = idx >>> 1;
        int i0 = 2 * v;
        int i1 = i0 + 1;
        int h = (hops[i0] & 0xff) + (hops[i1] & 0xff);
        long own = (v == payer || v == payee) ? 0 : g.feeMsat(pred[i1] ^ 1, amountMsat + acc[i1]);
        long fee = acc[i0] + own + acc[i1];
        if (matchCount == matchNode.length) {
            int c = 2 * matchCount;
            matchNode = Arrays.copyOf(matchNode, c);
            matchTime = Arrays.copyOf(matchTime, c);
            matchFee = Arrays.copyOf(matchFee, c);
            matchHops = Arrays.copyOf(matchHops, c);
            matchReported = Arrays.copyOf(matchReported, c);
            matchAtPayer = Arrays.copyOf(matchAtPayer, c);
        }
        int m = matchCount++;
        matchNode[m] = v;
        matchTime[m] = time[idx];
        matchFee[m] = fee;
        matchHops[m] = h;
        matchReported[m] = h <= maxHops && fee <= maxFeeMsat;
        matchAtPayer[m] = -1;
    }

    /** The matched seed goes back to A along seed 0's pointers and to B along seed 1's: one message per hop. */
    private void returnMatch(int m) {
        long t = matchTime[m];
        for (int u = matchNode[m]; pred[2 * u] >= 0; u = g.source(pred[2 * u])) {
            t += links.delayUs(pred[2 * u] ^ 1);
            touch(u);
            matchSent[u]++;
            matchMessages++;
        }
        matchAtPayer[m] = t;
        for (int u = matchNode[m]; pred[2 * u + 1] >= 0; u = g.source(pred[2 * u + 1])) {
            touch(u);
            matchSent[u]++;
            matchMessages++;
        }
    }

    // ------------------------------------------------------------------ results of the last run

    /** Seed messages sent for seed {@code s} (repeats included). */
    public long seedMessages(int s) {
        return seedMessages[s];
    }

    /** Matched-seed messages: for every reported match, its hops back to A plus its hops back to B. */
    public long matchMessages() {
        return matchMessages;
    }

    /** Whether node {@code v} received (or, at its origin, started with) seed {@code s}. */
    public boolean reached(int v, int s) {
        int i = 2 * v + s;
        return pairEpoch[i] == epoch && pairState[i] == SETTLED;
    }

    /** First arrival of seed {@code s} at node {@code v}, µs after the round's start. */
    public long arrivalUs(int v, int s) {
        checkReached(v, s);
        return time[2 * v + s];
    }

    /** The direction seed {@code s} first reached {@code v} on (the reverse pointer), -1 at its origin. */
    public int predDirection(int v, int s) {
        checkReached(v, s);
        return pred[2 * v + s];
    }

    /** The fee accumulator seed {@code s} carried on its first arrival at {@code v}. */
    public long feeAccumulatorMsat(int v, int s) {
        checkReached(v, s);
        return acc[2 * v + s];
    }

    public int hops(int v, int s) {
        checkReached(v, s);
        return hops[2 * v + s] & 0xff;
    }

    private void checkReached(int v, int s) {
        if (!reached(v, s)) {
            throw new IllegalArgumentException("seed " + s + " did not reach node " + v);
        }
    }

    /** Mempool entries stored in this round (pairs reached, origins included). */
    public int entries() {
        return settled;
    }

    /** The node holding the {@code i}-th entry, in settling order. */
    public int entryNode(int i) {
        return order[i] >>> 1;
    }

    /** Nodes where the last repeat of a seed arrived more than {@code wipeUs} after its first arrival. */
    public int lateRepeatNodes(long wipeUs) {
        int late = 0;
        for (int i = 0; i < settled; i++) {
            int idx = order[i];
            if (lastArrival[idx] - time[idx] > wipeUs) {
                late++;
            }
        }
        return late;
    }

    /** Nodes that sent or received a message this round. */
    public int touchedNodes() {
        return touchedCount;
    }

    public int touchedNode(int i) {
        return touched[i];
    }

    /** Seed messages node {@code v} sent this round. */
    public int seedsSent(int v) {
        return nodeEpoch[v] == epoch ? sent[v] : 0;
    }

    /** Seed messages node {@code v} received this round (repeats included). */
    public int seedsReceived(int v) {
        return nodeEpoch[v] == epoch ? received[v] : 0;
    }

    /** Matched-seed messages node {@code v} sent this round. */
    public int matchesSent(int v) {
        return nodeEpoch[v] == epoch ? matchSent[v] : 0;
    }

    /** Matches found (reported or not), in the order they happened. */
    public int matchCount() {
        return matchCount;
    }

    public int matchNode(int m) {
        return matchNode[m];
    }

    /** When the completing seed reached the match node, µs after the start. */
    public long matchTimeUs(int m) {
        return matchTime[m];
    }

    /** The total fee the matched seed reports. */
    public long matchFeeMsat(int m) {
        return matchFee[m];
    }

    public int matchHops(int m) {
        return matchHops[m];
    }

    /** Within the hop limit and the max fee: the match node sends a matched seed. */
    public boolean matchReported(int m) {
        return matchReported[m];
    }

    /** When the matched seed reaches A, µs after the start (-1 if not reported). */
    public long matchAtPayerUs(int m) {
        return matchAtPayer[m];
    }

    /** The HTLC directions of match {@code m}'s path, A to B. */
    public int[] path(int m) {
        int v = matchNode[m];
        int h0 = hops[2 * v] & 0xff;
        int h1 = hops[2 * v + 1] & 0xff;
        int[] dirs = new int[h0 + h1];
        int i = h0;
        for (int u = v; pred[2 * u] >= 0; u = g.source(pred[2 * u])) {
            dirs[--i] = pred[2 * u];
        }
        i = h0;
        for (int u = v; pred[2 * u + 1] >= 0; u = g.source(pred[2 * u + 1])) {
            dirs[i++] = pred[2 * u + 1] ^ 1;
        }
        return dirs;
    }

    // ------------------------------------------------------------------ indexed binary heap on (time, seq)

    private boolean less(int a, int b) {
        return time[a] < time[b] || (time[a] == time[b] && seqKey[a] < seqKey[b]);
    }

    private void siftUp(int i) {
        int x = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            int y = heap[p];
            if (!less(x, y)) {
                break;
            }
            heap[i] = y;
            heapPos[y] = i;
            i = p;
        }
        heap[i] = x;
        heapPos[x] = i;
    }

    private int pop() {
        int top = heap[0];
        int x = heap[--heapSize];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= heapSize) {
                break;
            }
            if (c + 1 < heapSize && less(heap[c + 1], heap[c])) {
                c++;
            }
            if (!less(heap[c], x)) {
                break;
            }
            heap[i] = heap[c];
            heapPos[heap[i]] = i;
            i = c;
        }
        if (heapSize > 0) {
            heap[i] = x;
            heapPos[x] = i;
        }
        return top;
    }
}
