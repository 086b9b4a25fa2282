package org.lnsim.engine.channel;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;
import org.lnsim.network.ChannelGraph;

/**
 * Balances and HTLC locks of every channel direction during one run, in flat arrays indexed like
 * {@link ChannelGraph}'s directions ({@code e = 2·channel + d}; direction e leaves {@code graph.source(e)}).
 *
 * <ul>
 *   <li>{@code balance(e)}: what e's source may still spend on the channel (its local balance, msat).</li>
 *   <li>{@code inFlight(e)}, {@code inFlightCount(e)}: amount and number of HTLCs offered along e and not yet
 *       resolved. Offering moves the amount from {@code balance(e)} to {@code inFlight(e)}; settling moves it to
 *       {@code balance(e ^ 1)} (the other side now owns it); failing moves it back to {@code balance(e)}.</li>
 * </ul>
 * Limits checked by {@link #canOffer}: the sender keeps at least the channel reserve after the HTLC (BOLT 2
 * {@code channel_reserve_satoshis}; default 1% of capacity, a config choice) and a direction holds at most
 * {@code max_accepted_htlcs} HTLCs (default 483, the BOLT 2 maximum, lightning-facts §2.6/§9). HTLC fees are
 * modelled on-chain-free: commitment transaction fees are not deducted from balances.
 *
 * <p>Not thread-safe: belongs to one simulation.
 */
public final class ChannelState {
    /** BOLT 2's upper bound on {@code max_accepted_htlcs}, also c-lightning's default (lightning-facts §2.6). */
    public static final int DEFAULT_MAX_ACCEPTED_HTLCS = 483;
    /** Default channel reserve: 1% of capacity (BOLT 2 recommends 1%). */
    public static final double DEFAULT_RESERVE_FRACTION = 0.01;

    private final ChannelGraph graph;
    private final long[] balance;
    private final long[] inFlight;
    private final int[] inFlightCount;
    private final long[] spendable;
    /**
     * {@link #spendable} again in adjacency-slot order, both ways: [2·slot] what the slot's node can send to its peer,
     * [2·slot + 1] what the peer can send to the node. A flood scans a node's channels slot by slot, so it reads this
     * sequentially instead of jumping across {@link #spendable} (one cache miss per channel at 1M channels).
     */
    private final long[] spendableBySlot;
    /** The adjacency slot at which each direction leaves its source. */
    private final int[] slotOf;
    private final double reserveFraction;
    private final int maxAcceptedHtlcs;
    /**
     * The journal of spendable changes ({@link #spendableChangeAt}): the direction of change {@code i} sits at
     * {@code journal[i - journalBase]}; when it is full, the older half is dropped.
     */
    private int[] journal = new int[1024];
    private long journalBase;
    private long journalEnd;
    private boolean journaling;
    /** The journal keeps at least this many of the latest changes (a few thousand payments' worth). */
    static final int JOURNAL_KEEP = 1 << 19;
    /** Channels changed since the last {@link #checkTouched()}: a stack plus a membership flag. */
    private int[] touched = new int[64];
    private int touchedCount;
    private final boolean[] isTouched;

    /**
     * @param graph            the topology (capacities)
     * @param split            how to split each capacity at the start
     * @param rng              the run's {@code "balances"} stream (drawn once per channel, in channel order)
     * @param reserveFraction  channel reserve as a fraction of capacity, in [0, 1)
     * @param maxAcceptedHtlcs HTLC slots per direction, ≥ 1
     */
    public ChannelState(ChannelGraph graph, BalanceSplit split, SplittableRandom rng, double reserveFraction,
                        int maxAcceptedHtlcs) {
        // called once per channel in channel order: the draws are those of the stream in that order
        this(graph, c -> split.node1ShareMsat(graph.capacityMsat(c), rng), reserveFraction, maxAcceptedHtlcs);
    }

    /**
     * Starting from given balances, e.g. those a network file states (CLoTH's {@code edges_ln.csv}): node_1 holds
     * {@code node1ShareMsat.applyAsLong(c)} of channel {@code c}, node_2 the rest of the capacity.
     *
     * @param node1ShareMsat node_1's initial balance per channel, msat, in [0, capacity]; asked once per channel, in
     *                       channel order
     * @throws IllegalArgumentException when a share is outside [0, capacity]
     */
    public ChannelState(ChannelGraph graph, IntToLongFunction node1ShareMsat, double reserveFraction,
                        int maxAcceptedHtlcs) {
        if (!(reserveFraction >= 0 && reserveFraction < 1)) {
            throw new IllegalArgumentException("reserve fraction must be in [0, 1): " + reserveFraction);
        }
        if (maxAcceptedHtlcs < 1) {
            throw new IllegalArgumentException("max accepted HTLCs must be >= 1: " + maxAcceptedHtlcs);
        }
        this.graph = graph;
        this.reserveFraction = reserveFraction;
        this.maxAcceptedHtlcs = maxAcceptedHtlcs;
        int m = graph.channelCount();
        balance = new long[2 * m];
        inFlight = new long[2 * m];
        inFlightCount = new int[2 * m];
        spendable = new long[2 * m];
        spendableBySlot = new long[4 * m];
        slotOf = new int[2 * m];
        for (int v = 0; v < graph.nodeCount(); v++) {
            for (int slot = graph.outStart(v); slot < graph.outEnd(v); slot++) {
                slotOf[graph.outDirection(slot)] = slot;
            }
        }
        isTouched = new boolean[m];
        for (int c = 0; c < m; c++) {
            long cap = graph.capacityMsat(c);
            long a = node1ShareMsat.applyAsLong(c);
            if (a < 0 || a > cap) {
                throw new IllegalArgumentException("channel " + c + ": node_1's initial balance " + a + " msat is "
                        + "outside [0, " + cap + "]");
            }
            balance[2 * c] = a;
            balance[2 * c + 1] = cap - a;
            refresh(2 * c);
            refresh(2 * c + 1);
        }
        journaling = true;   // the initial split is the state every reader starts from, not a change
    }

    /** With the defaults: 1% reserve, 483 HTLC slots. */
    public ChannelState(ChannelGraph graph, BalanceSplit split, SplittableRandom rng) {
        this(graph, split, rng, DEFAULT_RESERVE_FRACTION, DEFAULT_MAX_ACCEPTED_HTLCS);
    }

    public ChannelGraph graph() {
        return graph;
    }

    public long balance(int e) {
        return balance[e];
    }

    public long inFlight(int e) {
        return inFlight[e];
    }

    public int inFlightCount(int e) {
        return inFlightCount[e];
    }

    /** The reserve e's source must keep: ⌊capacity × fraction⌋ in msat. */
    public long reserveMsat(int e) {
        return (long) (graph.capacityMsat(ChannelGraph.channelOf(e)) * reserveFraction);
    }

    /** HTLC slots still free on direction e. */
    public int freeSlots(int e) {
        return maxAcceptedHtlcs - inFlightCount[e];
    }

    /**
     * What e's source can offer in one more HTLC right now (0 if its slots are full). Kept up to date on every
     * change, so a read is one array access: path searches and floods read it once per edge.
     */
    public long spendableMsat(int e) {
        return spendable[e];
    }

    /**
     * {@link #spendableMsat} of the channel at adjacency slot {@code slot} ({@link ChannelGraph#outStart}), in the
     * direction leaving the slot's node ({@code outgoing}) or arriving at it.
     */
    public long spendableAtSlotMsat(int slot, boolean outgoing) {
        return spendableBySlot[2 * slot + (outgoing ? 0 : 1)];
    }

    /**
     * Copies {@link #spendableAtSlotMsat} of every slot into {@code into} (length 4 × channels): [2·slot] outgoing,
     * [2·slot + 1] incoming.
     */
    public void copySpendableBySlot(long[] into) {
        System.arraycopy(spendableBySlot, 0, into, 0, spendableBySlot.length);
    }

    /** {@link #spendableMsat} computed from the balance, the reserve and the slots. */
    private long computeSpendable(int e) {
        if (inFlightCount[e] >= maxAcceptedHtlcs) {
            return 0;
        }
        return Math.max(0, balance[e] - reserveMsat(e));
    }

    private void refresh(int e) {
        long x = computeSpendable(e);
        if (journaling && x != spendable[e]) {
            record(e);
        }
        spendable[e] = x;
        spendableBySlot[2 * slotOf[e]] = x;
        spendableBySlot[2 * slotOf[e ^ 1] + 1] = x;
    }

    private void record(int e) {
        int n = (int) (journalEnd - journalBase);
        if (n == journal.length) {
            if (n >= 2 * JOURNAL_KEEP) {
                int drop = n - JOURNAL_KEEP;
                System.arraycopy(journal, drop, journal, 0, JOURNAL_KEEP);
                journalBase += drop;
                n = JOURNAL_KEEP;
            } else {
                journal = Arrays.copyOf(journal, 2 * n);
            }
        }
        journal[n] = e;
        journalEnd++;
    }

    /**
     * Number of changes to {@link #spendableMsat} since the start (a direction's value changing counts once per
     * change). With {@link #spendableChangeAt}, this lets a reader that copied the slot-ordered amounts at change
     * count {@code k} bring its copy up to date, or find what changed since, without copying everything again.
     */
    public long spendableChangeCount() {
        return journalEnd;
    }

    /** The oldest change {@link #spendableChangeAt} can still tell (the journal keeps at least the latest 2^19). */
    public long oldestSpendableChange() {
        return journalBase;
    }

    /**
     * The direction whose {@link #spendableMsat} changed at change {@code i}: its slot-ordered copies are
     * [2·slot(e)] and [2·slot(e ^ 1) + 1] ({@link #copySpendableBySlot}).
     *
     * @throws IndexOutOfBoundsException unless {@link #oldestSpendableChange()} ≤ i &lt; {@link #spendableChangeCount()}
     */
    public int spendableChangeAt(long i) {
        if (i < journalBase || i >= journalEnd) {
            throw new IndexOutOfBoundsException("change " + i + " is not in the journal [" + journalBase + ", "
                    + journalEnd + ")");
        }
        return journal[(int) (i - journalBase)];
    }

    /** Why an HTLC of {@code amountMsat} cannot be offered along e now, or null if it can. */
    public String refusal(int e, long amountMsat) {
        if (inFlightCount[e] >= maxAcceptedHtlcs) {
            return "all " + maxAcceptedHtlcs + " HTLC slots in use";
        }
        if (balance[e] - amountMsat < reserveMsat(e)) {
            return "balance " + balance[e] + " msat minus " + amountMsat + " is below the reserve " + reserveMsat(e);
        }
        return null;
    }

    public boolean canOffer(int e, long amountMsat) {
        return amountMsat > 0 && refusal(e, amountMsat) == null;
    }

    /** Locks {@code amountMsat} in a new HTLC along e. */
    public void offer(int e, long amountMsat) {
        if (!canOffer(e, amountMsat)) {
            throw new IllegalStateException("cannot offer " + amountMsat + " msat on direction " + e + ": "
                    + (amountMsat <= 0 ? "non-positive amount" : refusal(e, amountMsat)));
        }
        balance[e] -= amountMsat;
        inFlight[e] += amountMsat;
        inFlightCount[e]++;
        refresh(e);
        touch(e >>> 1);
    }

    private void touch(int c) {
        if (!isTouched[c]) {
            isTouched[c] = true;
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, 2 * touchedCount);
            }
            touched[touchedCount++] = c;
        }
    }

    /** The HTLC of {@code amountMsat} along e is fulfilled: the amount now belongs to e's target. */
    public void settle(int e, long amountMsat) {
        release(e, amountMsat);
        balance[e ^ 1] += amountMsat;
        refresh(e);
        refresh(e ^ 1);
    }

    /** The HTLC of {@code amountMsat} along e failed: the amount returns to e's source. */
    public void fail(int e, long amountMsat) {
        release(e, amountMsat);
        balance[e] += amountMsat;
        refresh(e);
    }

    private void release(int e, long amountMsat) {
        if (inFlightCount[e] == 0 || inFlight[e] < amountMsat || amountMsat <= 0) {
            throw new IllegalStateException("no HTLC of " + amountMsat + " msat in flight on direction " + e
                    + " (in flight: " + inFlightCount[e] + " HTLCs, " + inFlight[e] + " msat)");
        }
        inFlight[e] -= amountMsat;
        inFlightCount[e]--;
        touch(e >>> 1);
    }

    /**
     * Verifies channel c's invariants: funds conserved (both balances plus both in-flight amounts equal the
     * capacity), nothing negative, slot counts within bounds and consistent with the amounts.
     *
     * @throws IllegalStateException naming the channel and the violated invariant
     */
    public void checkChannel(int c) {
        int a = 2 * c;
        int b = a + 1;
        long sum = balance[a] + balance[b] + inFlight[a] + inFlight[b];
        if (sum != graph.capacityMsat(c)) {
            throw violation(c, "funds not conserved: " + sum + " msat held, capacity " + graph.capacityMsat(c));
        }
        for (int e = a; e <= b; e++) {
            if (balance[e] < 0 || inFlight[e] < 0) {
                throw violation(c, "negative amount on direction " + (e & 1));
            }
            if (inFlightCount[e] < 0 || inFlightCount[e] > maxAcceptedHtlcs) {
                throw violation(c, inFlightCount[e] + " HTLCs in flight on direction " + (e & 1));
            }
            if ((inFlightCount[e] == 0) != (inFlight[e] == 0)) {
                throw violation(c, "in-flight count " + inFlightCount[e] + " but amount " + inFlight[e]);
            }
            if (spendable[e] != computeSpendable(e)) {
                throw violation(c, "spendable " + spendable[e] + " msat kept on direction " + (e & 1) + ", "
                        + computeSpendable(e) + " computed");
            }
            if (spendableBySlot[2 * slotOf[e]] != spendable[e]
                    || spendableBySlot[2 * slotOf[e ^ 1] + 1] != spendable[e]) {
                throw violation(c, "slot-ordered spendable of direction " + (e & 1) + " out of date");
            }
        }
    }

    /**
     * {@link #checkChannel} for every channel changed since the previous call, then forgets them: an after-every-event
     * check whose cost is proportional to what the event changed, not to the network's size.
     */
    public void checkTouched() {
        for (int i = 0; i < touchedCount; i++) {
            int c = touched[i];
            isTouched[c] = false;
            checkChannel(c);
        }
        touchedCount = 0;
    }

    /** {@link #checkChannel} for every channel. */
    public void checkAll() {
        for (int c = 0; c < graph.channelCount(); c++) {
            checkChannel(c);
        }
    }

    /** Number of HTLCs in flight over all directions (0 once every HTLC has resolved). */
    public long totalInFlightCount() {
        long n = 0;
        for (int k : inFlightCount) {
            n += k;
        }
        return n;
    }

    private IllegalStateException violation(int c, String what) {
        return new IllegalStateException("invariant violated on channel " + c + ": " + what);
    }
}
