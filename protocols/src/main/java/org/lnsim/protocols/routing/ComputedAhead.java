package org.lnsim.protocols.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.lnsim.engine.payment.PaymentRequest;

/**
 * First routes of a workload computed by background threads while the simulation runs, in arrival order, and handed
 * to the simulation as it reaches each payment ({@code source}'s on the public graph, {@code cloth}'s on the initial
 * balances, as CLoTH's {@code run_dijkstra_threads} computes them before its run). A route is a pure function of its
 * payment, so who computes it — a worker ahead of time, or the simulation thread itself when it gets there first —
 * changes the wall time only, never the result.
 *
 * @param <R> what is computed per payment (a protocol's route type)
 *
 * <p>Each payment's slot goes pending → claimed → done; whoever claims it computes it. The simulation thread
 * claims a pending slot itself rather than wait, and while it waits for a slot a worker is computing it computes
 * the next pending ones, as a worker would.
 * Workers are daemon threads that stop when every slot is claimed or {@link #close()} is called.
 */
public final class ComputedAhead<R> implements AutoCloseable {
    private static final int PENDING = 0;
    private static final int CLAIMED = 1;
    private static final int DONE = 2;

    private final IntFunction<R> compute;
    private final Map<Long, Integer> indexOf = new HashMap<>();
    private final AtomicIntegerArray state;
    private final AtomicReferenceArray<R> routes;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong workerNanos = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param payments the workload, in arrival order
     * @param threads  background workers (≥ 1)
     * @param compute  the route of payment i of the list; thread-safe and pure
     */
    public ComputedAhead(List<PaymentRequest> payments, int threads, IntFunction<R> compute) {
        this.compute = compute;
        int n = payments.size();
        this.state = new AtomicIntegerArray(n);
        this.routes = new AtomicReferenceArray<>(n);
        for (int i = 0; i < n; i++) {
            indexOf.put(payments.get(i).id(), i);
        }
        for (int w = 0; w < Math.max(1, threads); w++) {
            Thread t = new Thread(this::work, "lnsim-routes-ahead-" + w);
            t.setDaemon(true);
            t.start();
        }
    }

    private void work() {
        long t0 = System.nanoTime();
        while (!closed) {
            int i = next.getAndIncrement();
            if (i >= state.length()) {
                break;
            }
            if (state.compareAndSet(i, PENDING, CLAIMED)) {
                routes.set(i, compute.apply(i));
                state.set(i, DONE);
            }
        }
        workerNanos.addAndGet(System.nanoTime() - t0);
    }

    /** The route of this payment, or null if the payment is not in the workload. Called by the simulation thread. */
    public R take(long paymentId) {
        Integer boxed = indexOf.get(paymentId);
        if (boxed == null) {
            return null;
        }
        int i = boxed;
        if (state.compareAndSet(i, PENDING, CLAIMED)) {
            R r = compute.apply(i);
            state.set(i, DONE);
            return r;
        }
        while (state.get(i) != DONE) {
            // a worker is computing it: compute a later pending one meanwhile rather than spin (on two cores a
            // spinning simulation thread would leave the worker one core to share with nothing gained)
            int j = next.get() < state.length() ? next.getAndIncrement() : state.length();
            if (j < state.length() && state.compareAndSet(j, PENDING, CLAIMED)) {
                routes.set(j, compute.apply(j));
                state.set(j, DONE);
            } else {
                Thread.onSpinWait();
            }
        }
        R r = routes.get(i);
        routes.set(i, null); // each route is taken once; free it
        return r;
    }

    /** Wall-clock nanoseconds the workers have spent, summed over workers. */
    public long workerNanos() {
        return workerNanos.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
