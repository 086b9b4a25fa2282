package org.lnsim.results.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.FixedLatency;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;

class RunCollectorTest {
    /** Charges set-up traffic from node 0 to node 1 and reports state 100 + n and one figure, 7n, per node. */
    private static final class Probe implements RoutingProtocol {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public Knowledge knowledge() {
            return Knowledge.PUBLIC_GRAPH;
        }

        @Override
        public void setup(ProtocolContext ctx) {
            ctx.chargeControl(0, 1, "probe_sync", 3, 300);
        }

        @Override
        public void finish(ProtocolContext ctx) {
            ctx.chargeControl(2, -1, "probe_churn", 1, 40); // charged at the end: must be in the collected figures
        }

        @Override
        public ProtocolReport report() {
            return new ProtocolReport() {
                @Override
                public long stateBytes(int node) {
                    return 100 + node;
                }

                @Override
                public List<ColumnDoc> stateColumns() {
                    return List.of(new ColumnDoc("figure", "count", "a test figure, 7 per node index"));
                }

                @Override
                public void stateValues(int node, long[] out) {
                    out[0] = 7L * node;
                }

                @Override
                public List<ColumnDoc> paymentColumns() {
                    return List.of(new ColumnDoc("probe_count", "count", "a test column"));
                }
            };
        }

        @Override
        public PaymentSession open(PaymentContext ctx) {
            throw new UnsupportedOperationException("no payments in this test");
        }
    }

    /**
     * Nodes 0–2 have channels, node 3 none: three rows, in node order, node 3 left out. Node 0 sent the set-up's 3
     * messages (300 B) to node 1; node 2 the 1 churn message (40 B) charged in finish, received by no one in
     * particular. Totals 4 messages, 340 B; state and the protocol's figure as it reports them.
     */
    @Test
    void collectsEveryNodeWithChannelsAfterFinish() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            v[i] = b.addNode(NodeIds.fromIndex(i + 1));
        }
        b.addChannel(1, v[0], v[1], 100_000);
        b.addChannel(2, v[1], v[2], 100_000);
        ChannelGraph g = b.build();
        assertEquals(0, g.degree(3));
        Simulation sim = new Simulation(1);
        ChannelState state = new ChannelState(g, BalanceSplit.parse("uniform"), new SplittableRandom(1));
        HtlcRelay relay = new HtlcRelay(sim, state, new FixedLatency(10, 10, 10, 10), NodeAvailability.ALWAYS_ONLINE);
        Probe probe = new Probe();
        PaymentEngine engine = new PaymentEngine(sim, state, relay, NodeAvailability.ALWAYS_ONLINE, probe,
                new PaymentEngine.Limits(60_000_000, 10), o -> { });
        engine.setup();
        sim.run();
        engine.finish();
        ProtocolRun run = RunCollector.collect("probe-label", g, probe, engine, relay, List.of());
        assertEquals("probe-label", run.protocol());
        assertEquals(List.of("probe_count"), run.paymentColumns());
        assertEquals(4, run.setupMessages());
        assertEquals(340, run.setupBytes());
        ProtocolRun.NodeTotals t = run.nodes();
        assertArrayEquals(new int[] {0, 1, 2}, t.node());
        assertArrayEquals(new long[] {100, 101, 102}, t.stateBytes());
        assertArrayEquals(new long[] {100, 101, 102}, run.stateBytes());
        assertArrayEquals(new long[] {3, 0, 1}, t.controlMessages());
        assertArrayEquals(new long[] {300, 0, 40}, t.controlBytes());
        assertArrayEquals(new long[] {0, 0, 0}, t.paymentMessages());
        assertArrayEquals(new long[] {3, 0, 1}, t.setup().messagesSent());
        assertArrayEquals(new long[] {300, 0, 40}, t.setup().bytesSent());
        assertArrayEquals(new long[] {0, 300, 0}, t.setup().bytesReceived());
        assertEquals(List.of("figure"), t.setup().columns());
        assertArrayEquals(new long[] {0, 7, 14}, t.setup().values()[0]);
    }
}
