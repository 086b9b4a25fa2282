package org.lnsim.protocols.beacon;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Runs a per-node computation over nodes 0..n−1 on a few threads, each with its own scratch state. Nodes are handed
 * out one at a time, so the result is the same for any thread count as long as each node's work writes only that
 * node's entries.
 */
final class NodeWorkers {
    private NodeWorkers() {
    }

    static <S> void forEachNode(int n, int threads, String name, Supplier<S> scratch, ObjIntConsumer<S> work) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            S s = scratch.get();
            for (int v = next.getAndIncrement(); v < n; v = next.getAndIncrement()) {
                work.accept(s, v);
            }
        };
        int t = Math.max(1, threads);
        if (t == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        });
        try {
            Future<?>[] fs = new Future<?>[t];
            for (int i = 0; i < t; i++) {
                fs[i] = pool.submit(worker);
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
