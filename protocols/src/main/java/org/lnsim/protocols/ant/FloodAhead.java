package org.lnsim.protocols.ant;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.FloodView;
import org.lnsim.network.ChannelGraph;

/**
 * Floods the next payments' first rounds on other cores while the simulation floods the current one: when the
 * simulation floods a payment itself, the next {@code depth} payments are flooded beside it, on the balances of that
 * moment, and each of those waves is handed over at its payment's turn only if the balances the simulation has then
 * would give the same wave (a payment flooded ahead thus read balances at most {@code depth} payments old, and the
 * one after the last of them is flooded by the simulation again, with the next batch beside it). The result never
 * depends on whether a wave came from here: a wave is a pure function of the payment, the fixed delays and the
 * answers to its balance checks, and the check below proves that none of the answers changed.
 *
 * <h2>Why the check is exact</h2>
 * A flood reads balances only through {@code balance ≥ threshold} at a forwarding node, and the thresholds are known:
 * seed 0 at node v compares v's outgoing slots with the payment amount; seed 1 at v compares v's incoming slots with
 * the amount plus the fee accumulator v forwards ({@link SeedWave} "Which balance each seed checks";
 * {@link SeedWave#balanceThreshold}). So for every slot whose balance changed between the snapshot and now, if the
 * speculative wave did not compare it, or the comparison gives the same answer with the old and the new balance, the
 * real wave asks the same questions in the same order and gets the same answers (by induction over its steps: up to
 * its first differing answer it is the speculative wave), so it is the same wave. An answer that differs for a
 * message that reaches a pair settled strictly earlier (a repeat) changes only the message counts (repeats are never
 * queued, so nothing else moves, not even the send sequence of the messages queued): the wave is patched and still
 * handed over ({@link SeedWave#patch}, which also says the few cases it refuses). Any other differing answer, and the
 * simulation floods again itself. The one over-approximation, a parallel channel counted as compared although an
 * earlier channel to the same peer made it skip the comparison, only costs a recomputation.
 *
 * <p>The slots whose balance changed come from the engine's journal of changes
 * ({@link FloodView#channelSpendableChangeAt}): each flood's copy of the balances is brought up to date, and
 * compared with the engine's, at those slots only (a whole copy is 32 MB at a million channels; a payment changes a
 * few dozen).
 *
 * <p>Only plain flooding with fixed delays qualifies: selective forwarding ranks peers by a history that every
 * completed payment changes, and a latency model that draws a delay per message would draw them in another order.
 */
final class FloodAhead implements AutoCloseable {
    /**
     * A flood started ahead: its payment's index in the workload, the balances it read (as of change {@code mark} of
     * the engine's journal), its wave and result.
     */
    private static final class Slot {
        final SeedWave wave;
        final long[] balances;
        long mark = -1;
        int index = -1;
        Future<SeedWave> result;

        Slot(SeedWave wave, long[] balances) {
            this.wave = wave;
            this.balances = balances;
        }
    }

    private final ChannelGraph g;
    private final List<PaymentRequest> payments;
    private final Map<Long, Integer> indexOf = new HashMap<>();
    private final SeedWave.Links live;
    private final AntSettings settings;
    private final int depth;
    private final Slot[] slots;
    private final ExecutorService workers;
    /** The adjacency slot carrying each direction. */
    private final int[] slotOf;
    private int head = -1;       // the slot of the earliest flood started and not yet taken, -1 if none
    private int pendingCount;
    private int nextIndex;       // the next payment to flood ahead
    private int nextSlot;
    private long used;
    private long redone;
    private long patched;
    private int[] positions = new int[64];

    /**
     * @param main     the simulation's wave, whose records and fixed delays the waves here share
     * @param payments the workload, in arrival order
     * @param live     the simulation's links (fixed delays)
     * @param depth    floods ahead at once, one worker thread each (≥ 1)
     */
    FloodAhead(SeedWave main, List<PaymentRequest> payments, SeedWave.Links live, AntSettings settings, int depth) {
        this.g = main.graph();
        this.payments = payments;
        this.live = live;
        this.settings = settings;
        this.depth = depth;
        for (int i = 0; i < payments.size(); i++) {
            indexOf.put(payments.get(i).id(), i);
        }
        // depth floods in flight plus the one just handed over, which its session is still reading
        this.slots = new Slot[depth + 1];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = new Slot(new SeedWave(main), new long[4 * g.channelCount()]);
        }
        this.slotOf = new int[2 * g.channelCount()];
        for (int v = 0; v < g.nodeCount(); v++) {
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                slotOf[g.outDirection(slot)] = slot;
            }
        }
        this.workers = Executors.newFixedThreadPool(depth, r -> {
            Thread t = new Thread(r, "lnsim-flood-ahead");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The wave of {@code p}'s first round on the balances {@code journal} has now, if it was flooded ahead and nothing
     * it read has changed since; otherwise null (the caller floods itself). Either way, keeps {@code depth} of the
     * following payments flooding ahead, from the balances of now.
     */
    SeedWave take(PaymentRequest p, FloodView journal) {
        Integer boxed = indexOf.get(p.id());
        if (boxed == null) {
            return null;
        }
        int index = boxed;
        SeedWave ready = null;
        while (pendingCount > 0 && slots[head].index <= index) {
            Slot s = slots[head];
            SeedWave w = await(s);
            head = (head + 1) % slots.length;
            pendingCount--;
            if (s.index == index) {
                if (reconcile(w, s, journal)) {
                    ready = w;
                    used++;
                } else {
                    redone++;
                }
            }
        }
        nextIndex = Math.max(nextIndex, index + 1);
        if (ready == null) {
            // the caller floods p now: flood the next ones beside it, from the same balances
            while (pendingCount < depth && nextIndex < payments.size()) {
                start(nextIndex++, journal);
            }
        }
        return ready;
    }

    private static SeedWave await(Slot s) {
        try {
            return s.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a flood", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("flooding ahead failed", e.getCause());
        } finally {
            s.result = null;
        }
    }

    /** Floods payment {@code index}'s first round on a worker, from the balances {@code journal} has now. */
    private void start(int index, FloodView journal) {
        Slot s = slots[nextSlot];
        if (pendingCount == 0) {
            head = nextSlot;
        }
        nextSlot = (nextSlot + 1) % slots.length;
        pendingCount++;
        sync(s, journal);
        s.index = index;
        long[] balances = s.balances;
        SeedWave.Links frozen = new SeedWave.Links() {
            @Override
            public long outSpendableMsat(int v, int slot) {
                return balances[2 * slot];
            }

            @Override
            public long inSpendableMsat(int v, int slot) {
                return balances[2 * slot + 1];
            }

            @Override
            public long delayUs(int e) {
                return live.delayUs(e);
            }

            @Override
            public boolean delaysFixed() {
                return true;
            }

            @Override
            public Object delayKey() {
                return live.delayKey();
            }
        };
        PaymentRequest p = payments.get(index);
        long amount = p.amountMsat();
        SeedWave w = s.wave;
        s.result = workers.submit(() -> {
            w.run(p.sender(), p.receiver(), amount, settings.maxFeeMsat(amount), settings.maxHops(),
                    settings.wipeAfterUs(), frozen);
            w.choice(MatchChoice.choose(w, settings.collectWindowUs(), settings.maxMatches()));
            return w;
        });
    }

    /**
     * Brings the slot's copy of the balances up to what {@code journal} has now: only the slots of the journal's
     * changes since the copy was made, or all of them the first time (or if the journal has forgotten that far
     * back).
     */
    private void sync(Slot s, FloodView journal) {
        long end = journal.channelSpendableChangeCount();
        if (s.mark < 0 || s.mark < journal.oldestChannelSpendableChange()) {
            journal.copyChannelSpendableBySlot(s.balances);
        } else {
            for (long i = s.mark; i < end; i++) {
                int e = journal.channelSpendableChangeAt(i);
                int out = slotOf[e];
                int in = slotOf[e ^ 1];
                s.balances[2 * out] = journal.channelSpendableAtSlotMsat(g.source(e), out, true);
                s.balances[2 * in + 1] = journal.channelSpendableAtSlotMsat(g.source(e ^ 1), in, false);
            }
        }
        s.mark = end;
    }

    /**
     * Whether the wave flooded ahead is the wave of the balances {@code journal} has now, after
     * {@link SeedWave#patch}ing the checks whose answer changed where that changes only message counts. Only the
     * slots of the journal's changes since the copy can answer otherwise; if the journal has forgotten some of them,
     * or a changed answer could change the wave itself, the answer is no (the simulation floods again: slower, never
     * wrong).
     */
    private boolean reconcile(SeedWave w, Slot s, FloodView journal) {
        if (s.mark < journal.oldestChannelSpendableChange()) {
            return false;
        }
        // the positions read, [2·slot] and [2·slot + 1], each once however often it changed
        int n = 0;
        for (long i = s.mark, end = journal.channelSpendableChangeCount(); i < end; i++) {
            int e = journal.channelSpendableChangeAt(i);
            if (n + 2 > positions.length) {
                positions = Arrays.copyOf(positions, 2 * positions.length);
            }
            // e's amount is read at [2·slot] of its source (seed 0's outgoing check) and at [2·slot + 1] of its
            // target for the slot carrying e ^ 1 (seed 1's incoming check)
            positions[n++] = 2 * slotOf[e];
            positions[n++] = 2 * slotOf[e ^ 1] + 1;
        }
        Arrays.sort(positions, 0, n);
        boolean patched = false;
        for (int k = 0; k < n; k++) {
            int pos = positions[k];
            if (k > 0 && pos == positions[k - 1]) {
                continue;
            }
            int slot = pos >>> 1;
            int seed = pos & 1;
            int node = g.source(g.outDirection(slot));
            long threshold = w.balanceThreshold(node, seed, slot);
            if (threshold < 0) {
                continue;   // the wave did not compare it
            }
            long before = s.balances[pos];
            long after = journal.channelSpendableAtSlotMsat(node, slot, seed == 0);
            if ((before >= threshold) != (after >= threshold)) {
                if (!w.patch(node, seed, slot, after >= threshold)) {
                    return false;
                }
                patched = true;
            }
        }
        if (patched) {
            w.refreshSummary();
            this.patched++;
        }
        return true;
    }

    /** First rounds whose wave came from here. */
    long used() {
        return used;
    }

    /** First rounds whose wave came from here after {@link SeedWave#patch}ing message counts (part of {@link #used}). */
    long patched() {
        return patched;
    }

    /** First rounds flooded ahead whose balances changed under them, flooded again by the simulation. */
    long redone() {
        return redone;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
