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
 * <h2>Cost, and where each part lives</h2>
 * A flood sends a message over nearly every channel, so memory traffic decides. The wave is split by what it reads:
 * <ul>
 *   <li>this class: the run (parameters, the Dijkstra's settling loop, the message queue and what each queued
 *       message carries, by send sequence) and the results;</li>
 *   <li>{@link SlotRecords}: the static per-slot memory, what one seed's checks read in one 32-byte record per
 *       adjacency slot and seed, and the fixed delays; balances are read by slot too ({@link Links}), so a node's
 *       channels are a sequential read of few bytes. Shared by the waves made from one another;</li>
 *   <li>{@link WavePairs}: the per-(node, seed) memory, a byte of state, the earliest arrival so far and each node's
 *       received count in arrays small enough for the core's cache, the rest of a pair together;</li>
 *   <li>{@link PlainFlood}: plain flooding with fixed delays (the protocol {@code ant}), in two parts: a Dijkstra
 *       that checks only the messages that can improve their target, then one pass in node order counting every
 *       message; and the patching of a finished wave ({@link #patch});</li>
 *   <li>{@link Forwarding}: the general step, every message offered one at a time, for selective forwarding
 *       ({@code ant.selective}) and delays drawn per message;</li>
 *   <li>{@link WaveMatches}: the matches and the matched seeds sent back.</li>
 * </ul>
 * The queue ({@link ArrivalQueue}) is a calendar of sorted buckets when delays are fixed, a radix heap otherwise.
 * Nothing is allocated per wave except when the match list or the queue's buckets grow. Memory: about 150 bytes per
 * channel (records and delays, shared by the waves made from one another) and 170 per node (about 170 MB at a million
 * channels).
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

    /** Queue keys: arrival time (µs) in the high bits, the send sequence of the message in the low 30. */
    private static final int SEQ_BITS = 30;
    private static final long MAX_SEQ = 1L << SEQ_BITS;
    static final long SEQ_MASK = MAX_SEQ - 1;
    /** Arrivals up to 2^33 µs (about 2.4 hours) fit a non-negative key. */
    private static final long MAX_ARRIVAL_US = 1L << (63 - SEQ_BITS);

    private final ChannelGraph g;
    private final SlotRecords slots;
    private final WavePairs pairs;
    private final WaveMatches matches;
    private final PlainFlood plainFlood;
    private final int maxDegree;
    private Forwarding forwarding;   // made on first use: plain flooding with fixed delays never needs it
    // a message earlier than its pair's best so far is queued (no decrease-key: the pair's first entry to come out
    // settles it, later ones find it settled); what it carries sits beside the queue, by send sequence, written in
    // order, and is copied to the pair when it settles
    private final ArrivalQueue queue = new ArrivalQueue(SEQ_BITS);
    private int[] seqPair = new int[1024];
    private long[] seqAcc = new long[1024];
    private long[] seqAccOut = new long[1024];
    private long[] seqLink = new long[1024];
    private long seq;

    // the run's parameters, read by PlainFlood and Forwarding
    private int payer;
    private int payee;
    long amountMsat;
    long maxFeeMsat;
    private int maxHops;
    long lateAfterUs;
    Links links;
    int fanout;
    long[] score;
    private boolean plain;   // whether the last run was plain flooding with fixed delays (PlainFlood)

    // the last run's summary (refreshSummary)
    private final int[] nodeReached;
    private final int[] nodeSent;
    private final int[] nodeReceived;
    private int nodesReached;
    private int lateEntries;
    private MatchChoice choice;

    public SeedWave(ChannelGraph g) {
        this(new SlotRecords(g, WavePairs.PRED_MASK));
    }

    /**
     * A second wave over the same graph, sharing {@code other}'s static per-slot records and fixed delays (read-only
     * from here on), for floods computed on another thread.
     */
    public SeedWave(SeedWave other) {
        this(other.slots);
    }

    private SeedWave(SlotRecords slots) {
        this.g = slots.g;
        this.slots = slots;
        int n = g.nodeCount();
        pairs = new WavePairs(n);
        matches = new WaveMatches(pairs, n);
        nodeReached = new int[n];
        nodeSent = new int[n];
        nodeReceived = new int[n];
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            maxDegree = Math.max(maxDegree, g.degree(v));
        }
        this.maxDegree = maxDegree;
        plainFlood = new PlainFlood(this, pairs, slots, maxDegree);
        if (slots.delaysFixed()) {
            queue.useDelays(slots.minDelayUs(), slots.maxDelayUs());
        }
    }

    /**
     * Reads every slot's control delay from {@code links} (which must say its delays are fixed) into the records,
     * once per delay key; {@link #run} does it on its own the first time it meets such links. Waves made with
     * {@link #SeedWave(SeedWave)} share the delays.
     */
    public void fixDelays(Links links) {
        if (slots.fixDelays(links)) {
            queue.useDelays(slots.minDelayUs(), slots.maxDelayUs());
        }
    }

    public ChannelGraph graph() {
        return g;
    }

    /** Updates of {@link #syncPolicies}' source already written into the records. */
    private int policiesSynced;

    /**
     * Brings the fees the forwarding checks read up to {@code truth}'s current policies, closed channels unusable,
     * opened ones usable again (issue 22: the nodes a flood passes know their own channels as they are now). Only for a wave with records of its own (not one made with
     * {@link #SeedWave(SeedWave)}); call with the same {@code truth}, at non-decreasing times.
     */
    void syncPolicies(org.lnsim.engine.policy.PolicyUpdates truth) {
        for (int k = policiesSynced; k < truth.count(); k++) {
            if (truth.isClose(k)) {
                slots.close(truth.direction(k));
            } else {
                if (truth.isOpening(k)) {
                    slots.reopen(truth.direction(k));
                }
                slots.setFee(truth.direction(k), truth.updateFeeBaseMsat(k), truth.updateFeeProportionalMillionths(k));
            }
        }
        policiesSynced = truth.count();
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
        pairs.clear();
        matches.clear();
        queue.clear();
        seq = 0;
        if (links.delaysFixed()) {
            fixDelays(links);
        }
        boolean delays = slots.hasDelaysOf(links);
        if (delays) {
            queue.useDelays(slots.minDelayUs(), slots.maxDelayUs());
        } else {
            queue.useRadix();
        }
        // plain flooding with fixed delays: the Dijkstra relaxes only the pairs not yet settled, and the messages
        // are counted afterwards in one pass in node order (PlainFlood)
        boolean plain = delays && fanout == Integer.MAX_VALUE;
        this.plain = plain;
        PlainFlood plainFlood = this.plainFlood;
        Forwarding forwarding = plain ? null : forwarding();
        WavePairs pairs = this.pairs;
        offer(2 * payer, 0, -1, -1, 0, 0);
        offer(2 * payee + 1, 0, -1, -1, 0, 0);
        long refills = queue.refills();
        while (!queue.isEmpty()) {
            long k = queue.pop();
            if (plain && queue.refills() != refills) {
                refills = queue.refills();
                plainFlood.preload(queue, seqPair);
            }
            int sq = (int) (k & SEQ_MASK);
            int idx = seqPair[sq];
            if (pairs.isSettled(idx)) {
                continue;   // superseded by an earlier message, which settled the pair
            }
            pairs.settle(idx, k >>> SEQ_BITS, seqAcc[sq], seqLink[sq], seqAccOut[sq]);
            if (pairs.isSettled(idx ^ 1)) {
                int v = idx >>> 1;
                matches.record(v, k >>> SEQ_BITS, v == payer || v == payee, maxHops, maxFeeMsat);
            } else if (pairs.hopsOf(idx) < maxHops) {
                if (plain) {
                    plainFlood.relax(idx);
                } else {
                    forwarding.forward(idx, delays);
                }
            }
        }
        if (plain) {
            plainFlood.countMessages();
        }
        matches.returnReported(links);
        refreshSummary();
    }

    private Forwarding forwarding() {
        if (forwarding == null) {
            forwarding = new Forwarding(this, pairs, slots, maxDegree);
        }
        return forwarding;
    }

    /**
     * What the simulation charges per node and reports per round, computed here so that it is done on the thread
     * that ran the wave (a worker, when flooded ahead): each node reached once, with the seeds it sent and received,
     * and the entries whose repeats came late. Called at the end of each run, and after {@link #patch}.
     */
    void refreshSummary() {
        WavePairs pairs = this.pairs;
        int late = 0;
        int count = 0;
        for (int i = 0; i < pairs.settled; i++) {
            int t = pairs.order[i];
            if (pairs.latestArrival(t) - pairs.arrivalAt[t] > lateAfterUs) {
                late++;
            }
            int v = t >>> 1;
            if ((t & 1) == 1 && pairs.isSettled(2 * v)) {
                continue;   // the node also holds seed 0: listed with that entry
            }
            nodeReached[count] = v;
            nodeSent[count] = (int) seedsSent(v);
            nodeReceived[count] = pairs.received[v];
            count++;
        }
        this.lateEntries = late;
        this.nodesReached = count;
    }

    /**
     * A message from {@code from} along the slot whose record is at {@code r} (-1: the seed's origin) reaching pair
     * {@code t}: queued with what it carries if it is the earliest of the pair's messages so far (a later message
     * never wins a tie: it gets a higher sequence number); a message to a settled pair is only counted. Arrivals
     * after {@code lateAfterUs} are remembered for {@link #lateRepeatNodes()}. Most messages reach pairs already
     * settled and touch only the two small arrays.
     */
    void offer(int t, long arrival, int r, int from, long a, int h) {
        WavePairs pairs = this.pairs;
        if (r >= 0) {
            pairs.received[t >>> 1]++;
        }
        byte st = pairs.state[t];
        if (st == 0) {
            pairs.firstQueued(t, arrival);
        } else {
            pairs.arrivedAt(t, arrival, lateAfterUs);
            if (st >= WavePairs.SETTLED || arrival >= pairs.bestKey[t] >>> SEQ_BITS) {
                return;
            }
        }
        enqueue(t, arrival, r, from, a, h);
    }

    /**
     * {@link #offer} of a message whose pair has not settled, without the counting ({@link PlainFlood#countMessages}
     * does it).
     */
    void queueUnsettled(int t, long arrival, int r, int from, long a, int h) {
        WavePairs pairs = this.pairs;
        if (pairs.state[t] == 0) {
            pairs.firstQueued(t, arrival);
        } else if (arrival >= pairs.bestKey[t] >>> SEQ_BITS) {
            return;
        }
        enqueue(t, arrival, r, from, a, h);
    }

    /**
     * Queues a message to pair {@code t} sent from the slot whose record is at {@code r} (-1: the seed's origin), with
     * accumulator {@code a}. A seed-1 message also carries the accumulator its receiver would forward (its own fee on
     * the channel back, {@link SlotRecords#forwardedAccumulator}), computed here from the sender's record while it is
     * at hand.
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
            e = (int) slots.rec[r + SlotRecords.PEER_DIR] & SlotRecords.DIR_MASK;
            if ((t & 1) == 1) {
                accOut = slots.forwardedAccumulator(r, a, amountMsat);   // seed 1's record: the fee of the way back
            }
        }
        seqAccOut[sq] = accOut;
        seqLink[sq] = WavePairs.link(from, e, h);
        // the send sequence orders ties; numbering only the messages queued keeps their relative order
        long key = arrival << SEQ_BITS | seq++;
        pairs.bestKey[t] = key;
        pairs.reach[t] = (int) Math.min(arrival, WavePairs.UNREACHED);
        queue.push(key);
    }

    // ------------------------------------------------------------------ results of the last run

    /** Seed messages sent for seed {@code s} (repeats included). */
    public long seedMessages(int s) {
        return pairs.seedMessages[s];
    }

    /** Matched-seed messages: for every reported match, its hops back to A plus its hops back to B. */
    public long matchMessages() {
        return matches.messages();
    }

    /** Whether node {@code v} received (or, at its origin, started with) seed {@code s}. */
    public boolean reached(int v, int s) {
        return pairs.isSettled(2 * v + s);
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
        if ((pairs.state[idx] & WavePairs.FORWARDED) == 0) {
            return -1;
        }
        int r = slots.recOf(s, slot);
        if ((int) (slots.rec[r + SlotRecords.PEER_DIR] >>> 32) == pairs.predNodeOf(idx)) {
            return -1;
        }
        // the same checks as the forwarding, in the same order
        long accOut = s == 1 ? pairs.forwardedAccumulator(idx) : 0;
        long a = slots.slotAccumulator(s, r, pairs.predOf(idx) < 0, pairs.accumulator(idx), accOut, amountMsat,
                maxFeeMsat);
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
        return plain && plainFlood.patch(v, s, slot, passes);
    }

    /** First arrival of seed {@code s} at node {@code v}, µs after the round's start. */
    public long arrivalUs(int v, int s) {
        checkReached(v, s);
        return pairs.arrivalAt[2 * v + s];
    }

    /** The direction seed {@code s} first reached {@code v} on (the reverse pointer), -1 at its origin. */
    public int predDirection(int v, int s) {
        checkReached(v, s);
        return pairs.predOf(2 * v + s);
    }

    /** The fee accumulator seed {@code s} carried on its first arrival at {@code v}. */
    public long feeAccumulatorMsat(int v, int s) {
        checkReached(v, s);
        return pairs.accumulator(2 * v + s);
    }

    public int hops(int v, int s) {
        checkReached(v, s);
        return pairs.hopsOf(2 * v + s);
    }

    private void checkReached(int v, int s) {
        if (!reached(v, s)) {
            throw new IllegalArgumentException("seed " + s + " did not reach node " + v);
        }
    }

    /** Mempool entries stored in this round (pairs reached, origins included). */
    public int entries() {
        return pairs.settled;
    }

    /** The node holding the {@code i}-th entry, in settling order. */
    public int entryNode(int i) {
        return pairs.order[i] >>> 1;
    }

    /** The seed of the {@code i}-th entry. */
    public int entrySeed(int i) {
        return pairs.order[i] & 1;
    }

    /** Seed messages the node holding the {@code i}-th entry sent for that entry's seed. */
    public long entrySent(int i) {
        return pairs.sent[pairs.order[i]];
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
        return (reached(v, 0) ? pairs.sent[2 * v] : 0) + (reached(v, 1) ? pairs.sent[2 * v + 1] : 0);
    }

    /** Seed messages node {@code v} received this round (repeats included). */
    public long seedsReceived(int v) {
        return reached(v, 0) || reached(v, 1) ? pairs.received[v] : 0;
    }

    /** Matched-seed messages node {@code v} sent this round. */
    public int matchesSent(int v) {
        return matches.sentBy(v);
    }

    /** Matches found (reported or not), in the order they happened. */
    public int matchCount() {
        return matches.count();
    }

    public int matchNode(int m) {
        return matches.node(m);
    }

    /** When the completing seed reached the match node, µs after the start. */
    public long matchTimeUs(int m) {
        return matches.timeUs(m);
    }

    /** The total fee the matched seed reports. */
    public long matchFeeMsat(int m) {
        return matches.feeMsat(m);
    }

    public int matchHops(int m) {
        return matches.hops(m);
    }

    /** Within the hop limit and the max fee: the match node sends a matched seed. */
    public boolean matchReported(int m) {
        return matches.reported(m);
    }

    /** When the matched seed reaches A, µs after the start (-1 if not reported). */
    public long matchAtPayerUs(int m) {
        return matches.atPayerUs(m);
    }

    /** Nodes that sent matched seeds in the last round. */
    public int matchSenders() {
        return matches.senders();
    }

    public int matchSender(int i) {
        return matches.sender(i);
    }

    /** The HTLC directions of match {@code m}'s path, A to B. */
    public int[] path(int m) {
        return matches.path(m);
    }
}
