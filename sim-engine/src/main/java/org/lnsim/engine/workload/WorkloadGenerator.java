package org.lnsim.engine.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.io.ClothPaymentsTrace;

/**
 * The engine's workloads: a drawn Poisson workload (exponential inter-arrival times with mean 1/rate, as CLoTH,
 * peer-simulators §1, then for each payment the endpoints and the amount, all from one stream in that fixed order), or
 * a trace read by {@link ClothPaymentsTrace}.
 */
public final class WorkloadGenerator {
    private WorkloadGenerator() {
    }

    /** A trace's payments as the engine's requests, numbered 0..n−1 in trace order. */
    public static List<PaymentRequest> fromTrace(List<ClothPaymentsTrace.Payment> trace) {
        List<PaymentRequest> out = new ArrayList<>(trace.size());
        for (ClothPaymentsTrace.Payment p : trace) {
            out.add(new PaymentRequest(out.size(), p.sender(), p.receiver(), p.amountMsat(), p.startUs()));
        }
        return out;
    }

    /**
     * @param graph      the network (endpoints are nodes with ≥ 1 channel; at least two are needed)
     * @param ratePerSec mean arrivals per second, &gt; 0
     * @param count      number of payments, ≥ 0 (stops earlier if {@code durationUs} is reached)
     * @param durationUs no arrival after this time, µs ({@code Long.MAX_VALUE} for no limit)
     * @param amounts    amount distribution
     * @param endpoints  endpoint choice
     * @param rng        the run's {@code "workload"} stream
     */
    public static List<PaymentRequest> poisson(ChannelGraph graph, double ratePerSec, int count, long durationUs,
                                               AmountDistribution amounts, EndpointChoice endpoints,
                                               SplittableRandom rng) {
        return poisson(graph, ratePerSec, count, durationUs, amounts, endpoints, 0, rng);
    }

    /**
     * As {@link #poisson(ChannelGraph, double, int, long, AmountDistribution, EndpointChoice, SplittableRandom)},
     * with every payment sent by one of {@code senders} nodes: drawn once, before the first payment, distinct, by
     * the endpoint choice's sender rule; each payment's sender is then uniform among them. A few senders paying
     * many times is what shows whether a router that learns across its payments gains by it (issue 20's learning
     * curve); 0 keeps every node a sender and draws exactly what the shorter form draws.
     *
     * @param senders how many nodes send, 0 for all; at most {@link #endpointCount}
     */
    public static List<PaymentRequest> poisson(ChannelGraph graph, double ratePerSec, int count, long durationUs,
                                               AmountDistribution amounts, EndpointChoice endpoints, int senders,
                                               SplittableRandom rng) {
        if (!(ratePerSec > 0) || count < 0 || durationUs < 0 || senders < 0) {
            throw new IllegalArgumentException("need rate > 0, count >= 0, duration >= 0, senders >= 0");
        }
        Picker picker = new Picker(graph, endpoints);
        if (senders > 0) {
            picker.fixSenders(senders, rng);
        }
        List<PaymentRequest> out = new ArrayList<>(Math.min(count, 1 << 20));
        double meanGapUs = 1e6 / ratePerSec;
        long t = 0;
        for (int i = 0; i < count; i++) {
            t += Math.round(-Math.log(1 - rng.nextDouble()) * meanGapUs);
            if (t > durationUs) {
                break;
            }
            int sender = picker.sender(rng);
            int receiver = picker.receiver(rng, sender);
            out.add(new PaymentRequest(i, sender, receiver, amounts.draw(rng), t));
        }
        return out;
    }

    /**
     * Whether a drawn workload may pick node {@code v} as an endpoint: it has a usable (known, enabled) direction out
     * and one in. Real snapshots, and networks generated with offline nodes, hold nodes whose channels are all
     * disabled, which no scheme could pay from or to.
     */
    public static boolean canPayAndBePaid(ChannelGraph graph, int v) {
        return Picker.canPayAndBePaid(graph, v);
    }

    /**
     * How many nodes a drawn workload can pick as endpoints: those with a usable channel direction out and one in
     * ({@link Picker#canPayAndBePaid}). {@link #poisson} needs at least two.
     */
    public static int endpointCount(ChannelGraph graph) {
        int n = 0;
        for (int v = 0; v < graph.nodeCount(); v++) {
            n += Picker.canPayAndBePaid(graph, v) ? 1 : 0;
        }
        return n;
    }

    /** Endpoint sampling tables, built once per workload. */
    static final class Picker {
        private final EndpointChoice choice;
        private final int[] nodes;       // nodes that can pay and be paid, by index
        private final double[] cumCap;   // cumulative capacity over nodes (capacity-weighted)
        private final int[] top;         // top-k by capacity (merchants)
        private int[] senders;           // the only senders, or null for all

        Picker(ChannelGraph g, EndpointChoice choice) {
            this.choice = choice;
            int n = g.nodeCount();
            long[] cap = g.nodeCapacitiesSat();
            this.nodes = java.util.stream.IntStream.range(0, n).filter(v -> canPayAndBePaid(g, v)).toArray();
            if (nodes.length < 2) {
                throw new IllegalArgumentException("a workload needs at least two nodes with a usable channel each way");
            }
            this.cumCap = new double[nodes.length];
            double sum = 0;
            for (int i = 0; i < nodes.length; i++) {
                sum += cap[nodes[i]];
                cumCap[i] = sum;
            }
            if (choice instanceof EndpointChoice.CapacityWeighted && sum == 0) {
                throw new IllegalArgumentException("capacity-weighted endpoints need channels with capacity");
            }
            if (choice instanceof EndpointChoice.Merchants m) {
                // stable: by capacity descending, then node index
                Integer[] order = Arrays.stream(nodes).boxed().toArray(Integer[]::new);
                Arrays.sort(order, (a, b) -> cap[a] != cap[b] ? Long.compare(cap[b], cap[a]) : Integer.compare(a, b));
                this.top = Arrays.stream(order).limit(Math.min(m.topK(), nodes.length)).mapToInt(Integer::intValue).toArray();
            } else {
                this.top = null;
            }
        }

        /**
         * Whether v has a usable (known, enabled) direction out and one in: real snapshots hold nodes whose channels
         * are all disabled, which no scheme could pay from or to.
         */
        static boolean canPayAndBePaid(ChannelGraph g, int v) {
            boolean out = false;
            boolean in = false;
            for (int slot = g.outStart(v); slot < g.outEnd(v) && !(out && in); slot++) {
                int e = g.outDirection(slot);
                out |= g.isUsable(e);
                in |= g.isUsable(e ^ 1);
            }
            return out && in;
        }

        /** Draws {@code k} distinct senders by the choice's sender rule; from now on only they send. */
        void fixSenders(int k, SplittableRandom rng) {
            if (k > nodes.length) {
                throw new IllegalArgumentException(k + " senders, but only " + nodes.length
                        + " nodes can pay and be paid");
            }
            int[] chosen = new int[k];
            java.util.BitSet taken = new java.util.BitSet();
            for (int i = 0; i < k; ) {
                int v = sender(rng);
                if (!taken.get(v)) {
                    taken.set(v);
                    chosen[i++] = v;
                }
            }
            senders = chosen;
        }

        int sender(SplittableRandom rng) {
            if (senders != null) {
                return senders[rng.nextInt(senders.length)];
            }
            return choice instanceof EndpointChoice.CapacityWeighted ? weighted(rng) : uniform(rng);
        }

        int receiver(SplittableRandom rng, int sender) {
            while (true) {
                int r;
                if (choice instanceof EndpointChoice.CapacityWeighted) {
                    r = weighted(rng);
                } else if (choice instanceof EndpointChoice.Merchants m && rng.nextDouble() < m.share()) {
                    r = top[rng.nextInt(top.length)];
                } else {
                    r = uniform(rng);
                }
                if (r != sender) {
                    return r;
                }
            }
        }

        private int uniform(SplittableRandom rng) {
            return nodes[rng.nextInt(nodes.length)];
        }

        private int weighted(SplittableRandom rng) {
            double x = rng.nextDouble() * cumCap[cumCap.length - 1];
            int i = Arrays.binarySearch(cumCap, x);
            i = i >= 0 ? i + 1 : -i - 1; // first index whose cumulative sum exceeds x
            return nodes[Math.min(i, nodes.length - 1)];
        }
    }
}
