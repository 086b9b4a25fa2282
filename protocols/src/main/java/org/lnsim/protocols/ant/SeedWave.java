package org.lnsim.protocols.ant;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.Fees;

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
 * The forwarding node checks that channel direction: known and enabled, the amount within its
 * {@code htlc_minimum_msat}/{@code htlc_maximum_msat} (public policy), and {@link Links#canCarry} for the balance
 * and HTLC slots. Both directions are of v's own channel, whose state (both balances, reserves and HTLCs in flight)
 * both peers hold in their commitment transactions, so this is local knowledge: no node ever looks at a channel it is
 * not party to. Amounts checked:
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
 * A flood sends a message over nearly every channel, so memory traffic decides: what one seed's checks read (HTLC
 * range and fee of the direction it checks, the peer) sits in one 32-byte record per adjacency slot and seed, and the
 * balances are read by slot too ({@link Links}), so a node's channels are a sequential read of few bytes; a (node,
 * seed) pair's byte of state, its earliest arrival so far and each node's received count sit in arrays small enough
 * for the core's cache; the other fields of a pair sit together (its reverse pointer with the node it leads to, so
 * walking a path back never looks up a channel), cleared after use through the list of pairs queued. The queue
 * ({@link ArrivalQueue}) is a calendar of sorted buckets when delays are fixed, a radix heap otherwise.
 *
 * <p>With plain flooding and fixed delays, the wave runs in two parts: a Dijkstra that checks only the messages that
 * would arrive at a pair before its earliest message so far (about one in nine: the rest cannot change the wave) and,
 * once it has settled, one pass over the forwarding nodes in id order that counts every message (memory order, so
 * the records stream). The Dijkstra's misses are scattered (pairs settle in arrival order): it loads the next
 * bucket's pairs and adjacency ranges together before settling them, and a node's candidates' records and balances
 * together before checking them, so that the misses overlap. Nothing is allocated per wave except when the match list
 * or the queue's buckets grow. Memory: about 150 bytes per channel (records and delays, shared by the waves made from
 * one another) and 170 per node (about 170 MB at a million channels).
 *
 * <p>Selective forwarding ({@code ant.selective}): with a fanout k and a per-channel score, a forwarding node other
 * than A and B sends to its k best eligible peers by score (then capacity, then adjacency order), in adjacency order.
 */
public final class SeedWave {
    /** What the wave asks of the channels: the forwarding node's own knowledge and the latency model. */
    public interface Links {
        /**
         * What {@code v} can send now on its channel at adjacency slot {@code slot} to the slot's peer (balance above
         * the reserve, 0 when its HTLC slots are full). Policy checks are the wave's.
         */
        long outSpendableMsat(int v, int slot);

        /** What the peer at {@code v}'s adjacency slot {@code slot} can send to {@code v} on that channel now. */
        long inSpendableMsat(int v, int slot);

        /** Delay of a control message along direction {@code e}. */
        long delayUs(int e);

        /**
         * Whether {@link #delayUs} depends on the direction alone: the wave then reads it once per slot and keeps it.
         */
        default boolean delaysFixed() {
            return false;
        }

        /** Links with the same key have the same fixed delays (the wave reads them once per key). */
        default Object delayKey() {
            return this;
        }
    }

    private static final int QUEUED = 1;
    private static final int SETTLED = 2;
    /** With SETTLED: the pair went through the forwarding checks (not a match, within the hop and fee limits). */
    private static final int FORWARDED = 4;
    /** Queue keys: arrival time (µs) in the high bits, the send sequence of the message in the low 30. */
    private static final int SEQ_BITS = 30;
    private static final long MAX_SEQ = 1L << SEQ_BITS;
    private static final long SEQ_MASK = MAX_SEQ - 1;
    /** Arrivals up to 2^33 µs (about 2.4 hours) fit a non-negative key. */
    private static final long MAX_ARRIVAL_US = 1L << (63 - SEQ_BITS);
    /** A pair's link field: hop count in 8 bits, pred direction + 1 in the next 26, pred node + 1 above. */
    private static final int PRED_SHIFT = 8;
    private static final int PRED_NODE_SHIFT = 34;
    private static final long PRED_MASK = (1L << (PRED_NODE_SHIFT - PRED_SHIFT)) - 1;

    private final ChannelGraph g;
    // what every message reads, small enough for the core's cache: each pair's state (0, QUEUED, SETTLED) and each
    // node's received messages, cleared after use through the list of pairs queued
    private final byte[] state;
    private final int[] received;
    private final int[] queued;
    private int queuedCount;
    // each pair's queue key of its earliest message so far (arrival << SEQ_BITS | seq), its first arrival once
    // settled, and the rest, 4 longs at 4t: [fee accumulator, (pred node + 1) << 34 | (pred direction + 1) << 8 |
    // hops, seed 1's forwarded accumulator (see forwardedAccumulator), latest arrival (after lateAfterUs, or the first
    // queued)]
    private final long[] bestKey;
    // each pair's earliest arrival queued so far, 4 bytes a pair so that relax's scan stays in the core's cache:
    // UNREACHED before its first message, REACHED once settled; exact while arrivals stay below UNREACHED
    private final int[] reach;
    private static final int UNREACHED = Integer.MAX_VALUE;
    private static final int REACHED = Integer.MIN_VALUE;
    /** Relax's key for a slot that must be checked whatever its target's best arrival (above REACHED only). */
    private static final long CHECK_ALWAYS = REACHED + 1L;
    private final long[] arrivalAt;
    private final long[] cold;
    private final int[] sent;    // each pair's seed messages sent
    // the last run's summary (refreshSummary)
    private final int[] nodeReached;
    private final int[] nodeSent;
    private final int[] nodeReceived;
    private int nodesReached;
    private int lateEntries;
    private MatchChoice choice;
    private boolean plain;   // whether the last run was plain flooding with fixed delays (relax, countMessages)
    private long lateAfterUs;
    // a message earlier than its pair's best so far is queued (no decrease-key: the pair's first entry to come out
    // settles it, later ones find it settled); what it carries sits beside the queue, by send sequence, written in
    // order, and is copied to the pair when it settles
    private final ArrivalQueue queue = new ArrivalQueue(SEQ_BITS);
    private int[] seqPair = new int[1024];
    private long[] seqAcc = new long[1024];
    private long[] seqAccOut = new long[1024];
    private long[] seqLink = new long[1024];
    private final int[] order;
    private int settled;
    // static: one 32-byte record per adjacency slot and seed, what that seed's checks read, seed 0's records in the
    // first half of the array and seed 1's in the second (recOf), so that a node's channels are one sequential read
    // of half the bytes a record for both seeds would take. For the slot's direction e = v→Q:
    private static final int REC = 4;
    private static final int MIN = 0;        // htlc_minimum of the direction the seed checks (seed 0: e; seed 1: e ^ 1),
                                             // or Long.MAX_VALUE if it is unusable
    private static final int MAX = 1;        // its htlc_maximum, or Long.MAX_VALUE if none
    private static final int FEE = 2;        // its fee, base msat << 32 | proportional millionths (seed 0: what v adds;
                                             // seed 1: what Q adds, see enqueue)
    private static final int PEER_DIR = 3;   // Q << 32 | PAR_BIT if Q has another channel with v | e
    private static final long PAR_BIT = 1L << 31;
    private static final int DIR_MASK = (int) PAR_BIT - 1;
    private final long[] rec;
    private final int seedBase;              // where seed 1's records start
    // the fixed control delay of each slot's direction, set per delay key (fixDelays)
    private final long[] delays;
    // the same again in 4 bytes a slot, for relax to see whether a message could improve its target before it reads
    // the record; -1 where it must check the slot anyway (parallel channels, or a delay ≥ 2^31 µs)
    private final int[] delayOrAll;
    private Object delaysOf;   // the delay key of the links whose delays are in the records
    private long minDelayUs;
    private long maxDelayUs;
    // per node, valid when nodeEpoch == epoch (matched seeds only)
    private final int[] nodeEpoch;
    private final int[] matchSent;
    private final int[] matchSenderList;
    private int matchSenderCount;
    private final long[] peerStamp;
    private long stamp;
    private long preloadSink;
    private int epoch;    // for the match senders' counts
    // selective forwarding
    private final int[] candSlot;
    private final long[] candAcc;
    private final long[] candArrival;
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
        this(g, records(g), new long[2 * g.channelCount()], new int[2 * g.channelCount()]);
    }

    /**
     * A second wave over the same graph, sharing {@code other}'s static per-slot records and fixed delays (read-only
     * from here on), for floods computed on another thread.
     */
    public SeedWave(SeedWave other) {
        this(other.g, other.rec, other.delays, other.delayOrAll);
        delaysOf = other.delaysOf;
        minDelayUs = other.minDelayUs;
        maxDelayUs = other.maxDelayUs;
        if (delaysOf != null) {
            queue.useDelays(minDelayUs, maxDelayUs);
        }
    }

    private SeedWave(ChannelGraph g, long[] rec, long[] delays, int[] delayOrAll) {
        this.g = g;
        this.rec = rec;
        this.seedBase = rec.length / 2;
        this.delays = delays;
        this.delayOrAll = delayOrAll;
        int n = g.nodeCount();
        state = new byte[2 * n];
        received = new int[n];
        queued = new int[2 * n];
        bestKey = new long[2 * n];
        reach = new int[2 * n];
        Arrays.fill(reach, UNREACHED);
        arrivalAt = new long[2 * n];
        cold = new long[4 * 2 * n];
        sent = new int[2 * n];
        nodeReached = new int[n];
        nodeSent = new int[n];
        nodeReceived = new int[n];
        order = new int[2 * n];
        nodeEpoch = new int[n];
        matchSent = new int[n];
        matchSenderList = new int[n];
        peerStamp = new long[n];
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            maxDegree = Math.max(maxDegree, g.degree(v));
        }
        candSlot = new int[maxDegree];
        candAcc = new long[maxDegree];
        candArrival = new long[maxDegree];
        candTake = new boolean[maxDegree];
    }

    /** Where seed {@code s}'s record of adjacency slot {@code slot} starts in {@link #rec}. */
    private int recOf(int s, int slot) {
        return s * seedBase + REC * slot;
    }

    /** The static records of every adjacency slot (see the field comments). */
    private static long[] records(ChannelGraph g) {
        int n = g.nodeCount();
        if (2L * g.channelCount() + 1 > PRED_MASK || 8L * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a seed wave handles at most " + (PRED_MASK / 2 - 1) + " channels and "
                    + (Integer.MAX_VALUE / 8) + " nodes");
        }
        int base = REC * 2 * g.channelCount();
        long[] rec = new long[2 * base];
        long[] peerStamp = new long[n];
        long stamp = 0;
        for (int v = 0; v < n; v++) {
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                int e = g.outDirection(slot);
                for (int s = 0; s < 2; s++) {
                    int r = s * base + REC * slot;
                    int d = e ^ s;   // the direction seed s checks
                    rec[r + MIN] = g.isUsable(d) ? g.htlcMinimumMsat(d) : Long.MAX_VALUE;
                    rec[r + MAX] = g.hasHtlcMaximum(d) ? g.htlcMaximumMsat(d) : Long.MAX_VALUE;
                    rec[r + FEE] = g.feeBaseMsat(d) << 32 | (g.feeProportionalMillionths(d) & 0xffffffffL);
                    rec[r + PEER_DIR] = (long) g.outPeer(slot) << 32 | e;
                }
            }
            long st = ++stamp;
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                int q = g.outPeer(slot);
                if (peerStamp[q] == st) {
                    for (int other = g.outStart(v); other <= slot; other++) {
                        if (g.outPeer(other) == q) {
                            rec[REC * other + PEER_DIR] |= PAR_BIT;
                            rec[base + REC * other + PEER_DIR] |= PAR_BIT;
                        }
                    }
                }
                peerStamp[q] = st;
            }
        }
        return rec;
    }

    /**
     * Reads every slot's control delay from {@code links} (which must say its delays are fixed) into the records,
     * once per delay key; {@link #run} does it on its own the first time it meets such links. Waves made with
     * {@link #SeedWave(SeedWave)} afterwards share the delays.
     */
    public void fixDelays(Links links) {
        if (!links.delaysFixed()) {
            throw new IllegalArgumentException("the links' delays are not fixed");
        }
        if (links.delayKey() == delaysOf) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int slot = 0, slots = 2 * g.channelCount(); slot < slots; slot++) {
            long d = links.delayUs(g.outDirection(slot));
            delays[slot] = d;
            delayOrAll[slot] = (rec[REC * slot + PEER_DIR] & PAR_BIT) != 0 || d > Integer.MAX_VALUE ? -1 : (int) d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        delaysOf = links.delayKey();
        minDelayUs = min;
        maxDelayUs = max;
        queue.useDelays(min, max);
    }

    public ChannelGraph graph() {
        return g;
    }

    /** Floods both seeds of one round: every node forwards to all eligible peers. */
    public void run(int payer, int payee, long amountMsat, long maxFeeMsat, int maxHops, long lateAfterUs,
                    Links links) {
        run(payer, payee, amountMsat, maxFeeMsat, maxHops, lateAfterUs, links, Integer.MAX_VALUE, null);
    }

    /**
     * Floods both seeds of one round.
     *
     * @param maxFeeMsat the seeds' max fee (≥ 0)
     * @param maxHops    hop limit of a seed and of a matched path, 1..255
     * @param lateAfterUs the mempool's wipe time, for {@link #lateRepeatNodes()} (&gt; 0)
     * @param fanout     peers a forwarding node other than A and B sends to at most (≥ 1; {@code Integer.MAX_VALUE}
     *                   for plain flooding)
     * @param score      per-channel score ranking peers for a limited fanout, or null (all 0)
     */
    public void run(int payer, int payee, long amountMsat, long maxFeeMsat, int maxHops, long lateAfterUs, Links links,
                    int fanout, long[] score) {
        if (payer == payee || amountMsat <= 0 || maxFeeMsat < 0 || maxHops < 1 || maxHops > 255 || fanout < 1
                || lateAfterUs <= 0) {
            throw new IllegalArgumentException("seed wave parameters out of range");
        }
        this.payer = payer;
        this.payee = payee;
        this.amountMsat = amountMsat;
        this.maxFeeMsat = maxFeeMsat;
        this.maxHops = maxHops;
        this.lateAfterUs = lateAfterUs;
        this.links = links;
        this.fanout = fanout;
        this.score = score;
        this.choice = null;
        for (int i = 0; i < queuedCount; i++) {
            state[queued[i]] = 0;
            reach[queued[i]] = UNREACHED;
            received[queued[i] >>> 1] = 0;
        }
        queuedCount = 0;
        if (++epoch == 0) {
            Arrays.fill(nodeEpoch, 0);   // after 2^32 waves, an old stamp could look current
            epoch = 1;
        }
        queue.clear();
        settled = 0;
        matchCount = 0;
        matchSenderCount = 0;
        seedMessages[0] = 0;
        seedMessages[1] = 0;
        matchMessages = 0;
        seq = 0;
        if (links.delaysFixed() && links.delayKey() != delaysOf) {
            fixDelays(links);
        }
        boolean delays = links.delaysFixed() && links.delayKey() == delaysOf;
        if (delays) {
            queue.useDelays(minDelayUs, maxDelayUs);
        } else {
            queue.useRadix();
        }
        // plain flooding with fixed delays: the Dijkstra relaxes only the pairs not yet settled, and the messages
        // are counted afterwards in one pass in node order (see relax)
        boolean plain = delays && fanout == Integer.MAX_VALUE;
        this.plain = plain;
        offer(2 * payer, 0, -1, -1, 0, 0);
        offer(2 * payee + 1, 0, -1, -1, 0, 0);
        long refills = queue.refills();
        while (!queue.isEmpty()) {
            long k = queue.pop();
            if (plain && queue.refills() != refills) {
                refills = queue.refills();
                preload();
            }
            int sq = (int) (k & SEQ_MASK);
            int idx = seqPair[sq];
            long arrival = k >>> SEQ_BITS;
            int ci = 4 * idx;
            if (state[idx] >= SETTLED) {
                continue;   // superseded by an earlier message, which settled the pair
            }
            state[idx] = SETTLED;
            reach[idx] = REACHED;
            order[settled++] = idx;
            arrivalAt[idx] = arrival;
            cold[ci] = seqAcc[sq];
            cold[ci + 1] = seqLink[sq];
            cold[ci + 2] = seqAccOut[sq];
            sent[idx] = 0;
            if (state[idx ^ 1] >= SETTLED) {
                match(idx);
            } else if (hopsOf(idx) < maxHops) {
                if (plain) {
                    relax(idx);
                } else {
                    forward(idx, delays);
                }
            }
        }
        if (plain) {
            countMessages();
        }
        for (int m = 0; m < matchCount; m++) {
            if (matchReported[m]) {
                returnMatch(m);
            }
        }
        refreshSummary();
    }

    /**
     * What the simulation charges per node and reports per round, computed here so that it is done on the thread
     * that ran the wave (a worker, when flooded ahead): each node reached once, with the seeds it sent and received,
     * and the entries whose repeats came late. Called at the end of each run, and after {@link #patch}.
     */
    void refreshSummary() {
        int late = 0;
        int count = 0;
        for (int i = 0; i < settled; i++) {
            int t = order[i];
            if (cold[4 * t + 3] - arrivalAt[t] > lateAfterUs) {
                late++;
            }
            int v = t >>> 1;
            if ((t & 1) == 1 && state[2 * v] >= SETTLED) {
                continue;   // the node also holds seed 0: listed with that entry
            }
            nodeReached[count] = v;
            nodeSent[count] = (int) seedsSent(v);
            nodeReceived[count] = received[v];
            count++;
        }
        this.lateEntries = late;
        this.nodesReached = count;
    }

    private int hopsOf(int idx) {
        return (int) (cold[4 * idx + 1] & 0xff);
    }

    private int predOf(int idx) {
        return (int) ((cold[4 * idx + 1] >>> PRED_SHIFT) & PRED_MASK) - 1;
    }

    /** The node the pair's first message came from (the source of {@link #predOf}), -1 at its origin. */
    private int predNodeOf(int idx) {
        return (int) (cold[4 * idx + 1] >>> PRED_NODE_SHIFT) - 1;
    }

    private static long link(int predNode, int pred, int hops) {
        return (long) (predNode + 1) << PRED_NODE_SHIFT | (long) (pred + 1) << PRED_SHIFT | hops;
    }

    /**
     * Seed 1's accumulator as the pair's node forwards it: what it arrived with plus the node's own fee on its
     * channel back towards the payee (0 at the payee), computed when the message was sent ({@link #enqueue}), from
     * the sender's record, so that settling a pair never reads the graph's policy arrays. Seed 0's node adds its fee
     * per outgoing slot instead.
     */
    private long forwardedAccumulator(int idx) {
        return cold[4 * idx + 2];
    }

    /**
     * The policy checks of one slot (record at {@code r}) for a seed forwarded by a node: the accumulator the message
     * would carry, or -1 if the HTLC range of the direction it stands for, or (seed 0) the fee budget, rules the slot
     * out. {@code acc} is seed 0's accumulator on arrival, {@code accOut} seed 1's {@link #forwardedAccumulator}.
     */
    private long slotAccumulator(int s, int r, boolean origin, long acc, long accOut) {
        long amount = amountMsat;
        if (s == 0) {
            if (amount < rec[r + MIN] || amount > rec[r + MAX]) {
                return -1;
            }
            long fee = rec[r + FEE];
            long a = origin ? 0 : acc + Fees.feeMsat(fee >>> 32, fee & 0xffffffffL, amount);
            return a > maxFeeMsat ? -1 : a;
        }
        long htlc = amount + accOut;
        return htlc < rec[r + MIN] || htlc > rec[r + MAX] ? -1 : accOut;
    }

    private void forward(int idx, boolean fixedDelays) {
        int v = idx >>> 1;
        int s = idx & 1;
        int pred = predOf(idx);
        boolean origin = pred < 0;
        int from = predNodeOf(idx);
        long acc = cold[4 * idx];
        long amount = amountMsat;
        long accOut = s == 1 ? forwardedAccumulator(idx) : 0;
        if (accOut > maxFeeMsat) {
            return;
        }
        state[idx] = SETTLED | FORWARDED;
        // in phases, each a tight loop of independent loads, so the memory system can overlap them: static checks
        // on the adjacency-ordered arrays, then balances, then delays, then the messages in order
        long[] rec = this.rec;
        int cands = 0;
        for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
            int r = recOf(s, slot);
            if ((int) (rec[r + PEER_DIR] >>> 32) == from) {
                continue;
            }
            long a = slotAccumulator(s, r, origin, acc, accOut);
            if (a < 0) {
                continue;
            }
            candSlot[cands] = slot;
            candAcc[cands] = a;
            cands++;
        }
        long st = ++stamp;
        int kept = 0;
        for (int c = 0; c < cands; c++) {
            int slot = candSlot[c];
            long pd = rec[recOf(s, slot) + PEER_DIR];
            int q = (int) (pd >>> 32);
            boolean par = (pd & PAR_BIT) != 0;
            if (par && peerStamp[q] == st) {
                continue;   // one message per peer: an earlier channel to q passed
            }
            boolean ok = s == 0 ? links.outSpendableMsat(v, slot) >= amount
                    : links.inSpendableMsat(v, slot) >= amount + candAcc[c];
            if (!ok) {
                continue;
            }
            if (par) {
                peerStamp[q] = st;
            }
            candSlot[kept] = slot;
            candAcc[kept] = candAcc[c];
            kept++;
        }
        if (!origin && fanout < kept) {
            kept = keepBest(kept);
        }
        long t = arrivalAt[idx];
        if (fixedDelays) {
            for (int c = 0; c < kept; c++) {
                candArrival[c] = t + delays[candSlot[c]];
            }
        } else {
            for (int c = 0; c < kept; c++) {
                candArrival[c] = t + links.delayUs(g.outDirection(candSlot[c]));
            }
        }
        int h = hopsOf(idx) + 1;
        seedMessages[s] += kept;
        sent[idx] += kept;
        for (int c = 0; c < kept; c++) {
            int r = recOf(s, candSlot[c]);
            offer(2 * (int) (rec[r + PEER_DIR] >>> 32) + s, candArrival[c], r, v, candAcc[c], h);
        }
    }

    /**
     * {@link #forward} for plain flooding with fixed delays, Dijkstra part only: the same checks, in the same order,
     * but only on the slots whose message would arrive before its target's earliest message so far, so only the
     * messages that get queued are checked; {@link #countMessages} counts every message afterwards. Skipping the others
     * cannot change the wave: such a message is not queued whatever its checks say, and the one-message-per-peer rule
     * only compares slots to the same peer, which are never skipped when there are several (a parallel channel that
     * passes stops the later ones to that peer whether or not its message improves anything).
     */
    private void relax(int idx) {
        int v = idx >>> 1;
        int s = idx & 1;
        int pred = predOf(idx);
        boolean origin = pred < 0;
        int from = predNodeOf(idx);
        long acc = cold[4 * idx];
        long accOut = s == 1 ? forwardedAccumulator(idx) : 0;
        if (accOut > maxFeeMsat) {
            return;
        }
        state[idx] = SETTLED | FORWARDED;
        long[] rec = this.rec;
        byte[] state = this.state;
        long amount = amountMsat;
        long t = arrivalAt[idx];
        int h = hopsOf(idx) + 1;
        // in phases, so that the cache misses of the slots still to reach (their records and balances) overlap:
        // find them (the peers and their state are in cache), load their balances and records side by side, then
        // check and queue them in adjacency order
        int cands = 0;
        int[] delayOrAll = this.delayOrAll;
        int[] reach = this.reach;
        if (t + maxDelayUs < UNREACHED) {
            // a slot is a candidate if its message would arrive before its target's earliest so far (so never at a
            // settled pair, the one the seed came from included), or if it is a parallel channel (the first of
            // those that passes its checks is the one message to that peer, whether it improves or not); without
            // branches, since about half the slots are candidates
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int d = delayOrAll[slot];
                long key = d >= 0 ? t + d : CHECK_ALWAYS;
                candSlot[cands] = slot;
                cands += key < reach[2 * g.outPeer(slot) + s] ? 1 : 0;
            }
        } else {
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int q = g.outPeer(slot);
                if (q != from && state[2 * q + s] < SETTLED) {
                    candSlot[cands++] = slot;
                }
            }
        }
        long[] balance = candArrival;
        long[] line = candAcc;
        for (int c = 0; c < cands; c++) {
            int slot = candSlot[c];
            balance[c] = s == 0 ? links.outSpendableMsat(v, slot) : links.inSpendableMsat(v, slot);
            line[c] = rec[recOf(s, slot) + PEER_DIR];
        }
        long st = ++stamp;
        for (int c = 0; c < cands; c++) {
            int slot = candSlot[c];
            int r = recOf(s, slot);
            long a = slotAccumulator(s, r, origin, acc, accOut);
            if (a < 0) {
                continue;
            }
            long pd = line[c];
            int q = (int) (pd >>> 32);
            boolean par = (pd & PAR_BIT) != 0;
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
            queueUnsettled(2 * q + s, t + (d >= 0 ? d : delays[slot]), r, v, a, h);
        }
    }

    /**
     * Loads, for every message of the bucket the queue has just sorted, what settling and relaxing its pair will read
     * first: the pair's fields and its node's adjacency range. These are cache misses (the pairs come in arrival
     * order, scattered in memory); issued together here they overlap, where one pair at a time they would not. The
     * sum only keeps the loads from being optimised away.
     */
    private void preload() {
        long[] keys = queue.draining();
        long sum = 0;
        for (int i = queue.drainFrom(), end = queue.drainTo(); i < end; i++) {
            int idx = seqPair[(int) (keys[i] & SEQ_MASK)];
            int start = g.outStart(idx >>> 1);
            sum += cold[4 * idx + 1];
            if (start < g.outEnd(idx >>> 1)) {
                sum += g.outPeer(start) + delayOrAll[start];
            }
        }
        preloadSink += sum;
    }

    /**
     * Counts the messages of plain flooding once the wave has settled: every pair that forwarded sends one message
     * per peer that passes {@link #forward}'s checks, whatever the peer's state. Node by node in id order, so the
     * per-slot records are read in memory order; the result does not depend on the order (sums, and a maximum).
     */
    private void countMessages() {
        for (int v = 0, n = g.nodeCount(); v < n; v++) {
            if ((state[2 * v] & FORWARDED) != 0) {
                countSent(2 * v);
            }
            if ((state[2 * v + 1] & FORWARDED) != 0) {
                countSent(2 * v + 1);
            }
        }
    }

    private void countSent(int idx) {
        int v = idx >>> 1;
        int s = idx & 1;
        boolean origin = predOf(idx) < 0;
        int from = predNodeOf(idx);
        long acc = cold[4 * idx];
        long accOut = s == 1 ? forwardedAccumulator(idx) : 0;
        long amount = amountMsat;
        long[] rec = this.rec;
        long t = arrivalAt[idx];
        boolean mayBeLate = t + maxDelayUs > lateAfterUs;
        long st = ++stamp;
        int count = 0;
        for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
            int r = recOf(s, slot);
            long pd = rec[r + PEER_DIR];   // the peer from the record: no second stream to read
            int q = (int) (pd >>> 32);
            if (q == from) {
                continue;
            }
            long a = slotAccumulator(s, r, origin, acc, accOut);
            if (a < 0) {
                continue;
            }
            boolean par = (pd & PAR_BIT) != 0;
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
                long arrival = t + delays[slot];
                int ci = 4 * (2 * q + s);
                if (arrival > lateAfterUs && arrival > cold[ci + 3]) {
                    cold[ci + 3] = arrival;
                }
            }
        }
        seedMessages[s] += count;
        sent[idx] = count;
    }

    /**
     * Keeps the {@code fanout} best of the first {@code cands} candidates by (score desc, capacity desc, slot asc),
     * in slot order; returns how many.
     */
    private int keepBest(int cands) {
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
        int kept = 0;
        for (int i = 0; i < cands; i++) {
            if (candTake[i]) {
                candSlot[kept] = candSlot[i];
                candAcc[kept] = candAcc[i];
                kept++;
            }
        }
        return kept;
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

    /**
     * A message from {@code from} along direction {@code e} reaching pair {@code t}: queued with what it carries if
     * it is the earliest of the pair's messages so far (a later message never wins a tie: it gets a higher sequence
     * number); a message to a settled pair is only counted. Arrivals after {@code lateAfterUs} are remembered for
     * {@link #lateRepeatNodes()}. Most messages reach pairs already settled and touch only the two small arrays.
     */
    private void offer(int t, long arrival, int r, int from, long a, int h) {
        if (r >= 0) {
            received[t >>> 1]++;
        }
        byte st = state[t];
        int ci = 4 * t;
        if (st == 0) {
            state[t] = QUEUED;
            queued[queuedCount++] = t;
            cold[ci + 3] = arrival;
        } else {
            if (arrival > lateAfterUs && arrival > cold[ci + 3]) {
                cold[ci + 3] = arrival;   // only arrivals after lateAfterUs can be late, so only they are kept
            }
            if (st >= SETTLED || arrival >= bestKey[t] >>> SEQ_BITS) {
                return;
            }
        }
        enqueue(t, arrival, r, from, a, h);
    }

    /**
     * {@link #offer} of a message whose pair has not settled, without the counting ({@link #countMessages} does it).
     */
    private void queueUnsettled(int t, long arrival, int r, int from, long a, int h) {
        if (state[t] == 0) {
            state[t] = QUEUED;
            queued[queuedCount++] = t;
            cold[4 * t + 3] = arrival;
        } else if (arrival >= bestKey[t] >>> SEQ_BITS) {
            return;
        }
        enqueue(t, arrival, r, from, a, h);
    }

    /**
     * Queues a message to pair {@code t} sent from the slot whose record is at {@code r} (-1: the seed's origin), with
     * accumulator {@code a}. A seed-1 message also carries the accumulator its receiver would forward (its own fee on
     * the channel back, {@link #forwardedAccumulator}), computed here from the sender's record while it is at hand.
     */
    private void enqueue(int t, long arrival, int r, int from, long a, int h) {
        if (arrival >= MAX_ARRIVAL_US || seq >= MAX_SEQ) {
            throw new IllegalStateException("seed wave out of range: arrival " + arrival + " µs (limit "
                    + MAX_ARRIVAL_US + ") or " + seq + " queued messages (limit " + MAX_SEQ + ")");
        }
        int sq = (int) seq;
        if (sq == seqPair.length) {
            int grown = (int) Math.min(MAX_SEQ, 2L * sq);
            seqPair = Arrays.copyOf(seqPair, grown);
            seqAcc = Arrays.copyOf(seqAcc, grown);
            seqAccOut = Arrays.copyOf(seqAccOut, grown);
            seqLink = Arrays.copyOf(seqLink, grown);
        }
        seqPair[sq] = t;
        seqAcc[sq] = a;
        int e = -1;
        long accOut = 0;
        if (r >= 0) {
            e = (int) rec[r + PEER_DIR] & DIR_MASK;
            if ((t & 1) == 1) {
                long fee = rec[r + FEE];   // seed 1's record: the fee of the direction back
                accOut = a + Fees.feeMsat(fee >>> 32, fee & 0xffffffffL, amountMsat + a);
            }
        }
        seqAccOut[sq] = accOut;
        seqLink[sq] = link(from, e, h);
        // the send sequence orders ties; numbering only the messages queued keeps their relative order
        long key = arrival << SEQ_BITS | seq++;
        bestKey[t] = key;
        reach[t] = (int) Math.min(arrival, UNREACHED);
        queue.push(key);
    }

    private void touch(int v) {
        if (nodeEpoch[v] != epoch) {
            nodeEpoch[v] = epoch;
            matchSent[v] = 0;
            matchSenderList[matchSenderCount++] = v;
        }
    }

    private void match(int idx) {
        int v = idx >>> 1;
        int i0 = 2 * v;
        int i1 = i0 + 1;
        int h = hopsOf(i0) + hopsOf(i1);
        long acc0 = cold[4 * i0];
        long acc1 = cold[4 * i1];
        long own = (v == payer || v == payee) ? 0 : forwardedAccumulator(i1) - acc1;
        long fee = acc0 + own + acc1;
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
        matchTime[m] = arrivalAt[idx];
        matchFee[m] = fee;
        matchHops[m] = h;
        matchReported[m] = h <= maxHops && fee <= maxFeeMsat;
        matchAtPayer[m] = -1;
    }

    /** The matched seed goes back to A along seed 0's pointers and to B along seed 1's: one message per hop. */
    private void returnMatch(int m) {
        long t = matchTime[m];
        for (int u = matchNode[m], p; (p = predOf(2 * u)) >= 0; u = predNodeOf(2 * u)) {
            t += links.delayUs(p ^ 1);
            touch(u);
            matchSent[u]++;
            matchMessages++;
        }
        matchAtPayer[m] = t;
        for (int u = matchNode[m]; predOf(2 * u + 1) >= 0; u = predNodeOf(2 * u + 1)) {
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
        return state[2 * v + s] >= SETTLED;
    }

    /**
     * The amount against which the last run compared the balance of {@code v}'s channel at adjacency slot
     * {@code slot} for seed {@code s} (outgoing for seed 0, incoming for seed 1), or -1 if it did not look at it:
     * {@code v} did not forward the seed, the slot leads back to where the seed came from, or its policy ruled it
     * out first. The one case counted as compared although it may not have been: a parallel channel skipped because
     * an earlier one to the same peer passed.
     */
    public long balanceThreshold(int v, int s, int slot) {
        int idx = 2 * v + s;
        if ((state[idx] & FORWARDED) == 0) {
            return -1;
        }
        int r = recOf(s, slot);
        if ((int) (rec[r + PEER_DIR] >>> 32) == predNodeOf(idx)) {
            return -1;
        }
        // the same checks as forward(), in the same order
        long accOut = s == 1 ? forwardedAccumulator(idx) : 0;
        long a = slotAccumulator(s, r, predOf(idx) < 0, cold[4 * idx], accOut);
        return a < 0 ? -1 : amountMsat + (s == 0 ? 0 : a);
    }

    /**
     * Changes the answer of one balance check of the last run, if that changes only the message counts: the check
     * of {@code v}'s slot {@code slot} for seed {@code s} (one {@link #balanceThreshold} names) now passes
     * ({@code passes}: one more message) or fails (one fewer). That is so when the message reaches a pair settled
     * strictly before it arrives: it is then a repeat, which changes nothing but counts (a repeat is never queued, so
     * not even the send sequence of the queued messages moves). Otherwise (the message would be, or was, the first
     * to its pair, or a tie; a parallel channel, where the answer decides which channel carries the one message; the
     * latest repeat of a late entry; not plain flooding with fixed delays) returns false and changes nothing: the
     * caller floods again. Call {@link #refreshSummary()} after the last change.
     */
    boolean patch(int v, int s, int slot, boolean passes) {
        if (!plain || balanceThreshold(v, s, slot) < 0) {
            return false;
        }
        int idx = 2 * v + s;
        long pd = rec[recOf(s, slot) + PEER_DIR];
        if ((pd & PAR_BIT) != 0) {
            return false;
        }
        int q = (int) (pd >>> 32);
        int t = 2 * q + s;
        long arrival = arrivalAt[idx] + delays[slot];
        if (state[t] < SETTLED || arrivalAt[t] >= arrival) {
            return false;
        }
        int ci = 4 * t;
        if (passes) {
            if (arrival > lateAfterUs && arrival > cold[ci + 3]) {
                cold[ci + 3] = arrival;
            }
        } else if (arrival > lateAfterUs && arrival >= cold[ci + 3]) {
            return false;   // it may have been the latest repeat, which the late count reads
        }
        int d = passes ? 1 : -1;
        sent[idx] += d;
        received[q] += d;
        seedMessages[s] += d;
        return true;
    }

    /** First arrival of seed {@code s} at node {@code v}, µs after the round's start. */
    public long arrivalUs(int v, int s) {
        checkReached(v, s);
        return arrivalAt[2 * v + s];
    }

    /** The direction seed {@code s} first reached {@code v} on (the reverse pointer), -1 at its origin. */
    public int predDirection(int v, int s) {
        checkReached(v, s);
        return predOf(2 * v + s);
    }

    /** The fee accumulator seed {@code s} carried on its first arrival at {@code v}. */
    public long feeAccumulatorMsat(int v, int s) {
        checkReached(v, s);
        return cold[4 * (2 * v + s)];
    }

    public int hops(int v, int s) {
        checkReached(v, s);
        return hopsOf(2 * v + s);
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

    /** The seed of the {@code i}-th entry. */
    public int entrySeed(int i) {
        return order[i] & 1;
    }

    /** Seed messages the node holding the {@code i}-th entry sent for that entry's seed. */
    public long entrySent(int i) {
        return sent[order[i]];
    }

    /**
     * Entries whose seed reached their node again more than the run's {@code lateAfterUs} (the wipe time) after its
     * first arrival, when a real node would have wiped it and taken the repeat for a new seed.
     */
    public int lateRepeatNodes() {
        return lateEntries;
    }

    /** Nodes the last run reached (with either seed), each once. */
    public int nodesReached() {
        return nodesReached;
    }

    /** The {@code i}-th node reached, in the order of its first entry. */
    public int reachedNode(int i) {
        return nodeReached[i];
    }

    /** Seed messages the {@code i}-th node reached sent (both seeds): {@link #seedsSent} of {@link #reachedNode}. */
    public int reachedNodeSent(int i) {
        return nodeSent[i];
    }

    /** Seed messages it received: {@link #seedsReceived} of {@link #reachedNode}. */
    public int reachedNodeReceived(int i) {
        return nodeReceived[i];
    }

    /** The payer's choice among this run's matches, if whoever ran the wave recorded it ({@link #choice(MatchChoice)}). */
    MatchChoice choice() {
        return choice;
    }

    /** Records the payer's choice, computed on the thread that ran the wave; a new run clears it. */
    void choice(MatchChoice c) {
        this.choice = c;
    }

    /** Seed messages node {@code v} sent this round. */
    public long seedsSent(int v) {
        return (reached(v, 0) ? sent[2 * v] : 0) + (reached(v, 1) ? sent[2 * v + 1] : 0);
    }

    /** Seed messages node {@code v} received this round (repeats included). */
    public long seedsReceived(int v) {
        return reached(v, 0) || reached(v, 1) ? received[v] : 0;
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

    /** Nodes that sent matched seeds in the last round. */
    public int matchSenders() {
        return matchSenderCount;
    }

    public int matchSender(int i) {
        return matchSenderList[i];
    }

    /** The HTLC directions of match {@code m}'s path, A to B. */
    public int[] path(int m) {
        int v = matchNode[m];
        int h0 = hopsOf(2 * v);
        int h1 = hopsOf(2 * v + 1);
        int[] dirs = new int[h0 + h1];
        int i = h0;
        for (int u = v, p; (p = predOf(2 * u)) >= 0; u = predNodeOf(2 * u)) {
            dirs[--i] = p;
        }
        i = h0;
        for (int u = v, p; (p = predOf(2 * u + 1)) >= 0; u = predNodeOf(2 * u + 1)) {
            dirs[i++] = p ^ 1;
        }
        return dirs;
    }
}
