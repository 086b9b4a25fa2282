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
import org.lnsim.engine.payment.ProtocolContext;
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
 * its first differing answer it is the speculative wave), so it is the same wave. Otherwise the simulation floods
 * again itself. The one over-approximation, a parallel channel counted as compared although an earlier channel to
 * the same peer made it skip the comparison, only costs a recomputation.
 *
 * <p>Only plain flooding with fixed delays qualifies: selective forwarding ranks peers by a history that every
 * completed payment changes, and a latency model that draws a delay per message would draw them in another order.
 */
final class FloodAhead implements AutoCloseable {
    /** A flood started ahead: its payment's index in the workload, the balances it read, its wave and result. */
    private static final class Slot {
        final SeedWave wave;
        final long[] balances;
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
    private final long[] now;
    private int head = -1;       // the slot of the earliest flood started and not yet taken, -1 if none
    private int pendingCount;
    private int nextIndex;       // the next payment to flood ahead
    private int nextSlot;
    private long used;
    private long redone;

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
        this.now = new long[4 * g.channelCount()];
        this.workers = Executors.newFixedThreadPool(depth, r -> {
            Thread t = new Thread(r, "lnsim-flood-ahead");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The wave of {@code p}'s first round on the balances {@code ctx} has now, if it was flooded ahead and nothing it
     * read has changed since; otherwise null (the caller floods itself). Either way, keeps {@code depth} of the
     * following payments flooding ahead, from the balances of now.
     */
    SeedWave take(PaymentRequest p, ProtocolContext ctx) {
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
                ctx.copyChannelSpendableBySlot(now);   // the balances p really floods on
                if (unchanged(w, p, s.balances)) {
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
                start(nextIndex++, ctx);
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

    /** Floods payment {@code index}'s first round on a worker, from the balances {@code ctx} has now. */
    private void start(int index, ProtocolContext ctx) {
        Slot s = slots[nextSlot];
        if (pendingCount == 0) {
            head = nextSlot;
        }
        nextSlot = (nextSlot + 1) % slots.length;
        pendingCount++;
        ctx.copyChannelSpendableBySlot(s.balances);
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
            return w;
        });
    }

    /** Whether every balance check {@code w} made on {@code before} gives the same answer on {@link #now}. */
    private boolean unchanged(SeedWave w, PaymentRequest p, long[] before) {
        long amount = p.amountMsat();
        long[] after = now;
        int i = 0;
        while (true) {
            int k = Arrays.mismatch(before, i, before.length, after, i, after.length);
            if (k < 0) {
                return true;
            }
            i += k;
            int slot = i >>> 1;
            long threshold = w.balanceThreshold(nodeOfSlot(slot), i & 1, slot);
            if (threshold >= 0 && (before[i] >= threshold) != (after[i] >= threshold)) {
                return false;
            }
            i++;
        }
    }

    /** The node whose adjacency range holds {@code slot}: the last node starting at or before it. */
    private int nodeOfSlot(int slot) {
        int lo = 0;
        int hi = g.nodeCount() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (g.outStart(mid) <= slot) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** First rounds whose wave came from here. */
    long used() {
        return used;
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
