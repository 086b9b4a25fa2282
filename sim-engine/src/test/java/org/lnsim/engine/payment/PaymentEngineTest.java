package org.lnsim.engine.payment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.htlc.FixedLatency;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class PaymentEngineTest {
    private static final int A_TO_B = 0;
    private static final int B_TO_C = 2;
    private static final FixedLatency LATENCY = new FixedLatency(150_000, 120_000, 3_000_000, 40_000);

    /** A(1) –[200,000 sat]– B(2) –[100,000 sat]– C(3); B→C charges 1000 msat + 100 ppm, delta 40. Half split. */
    private static ChannelGraph line() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int bb = b.addNode(NodeIds.fromIndex(2));
        int c = b.addNode(NodeIds.fromIndex(3));
        ChannelPolicy cheap = new ChannelPolicy(5, 1, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        ChannelPolicy bc = new ChannelPolicy(1000, 100, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        int ab = b.addChannel(ShortChannelId.of(1, 0, 0), a, bb, 200_000);
        b.setPolicy(ab, a, cheap);
        b.setPolicy(ab, bb, cheap);
        int chBc = b.addChannel(ShortChannelId.of(2, 0, 0), bb, c, 100_000);
        b.setPolicy(chBc, bb, bc);
        b.setPolicy(chBc, c, bc);
        return b.build();
    }

    private static HtlcPath path(ChannelGraph g, long id, long deliver, long total) {
        long hop0 = deliver + g.feeMsat(B_TO_C, deliver);
        return new HtlcPath(new int[] {A_TO_B, B_TO_C}, new long[] {hop0, deliver}, new int[] {49, 9}, id, deliver,
                total, 9);
    }

    /** A protocol whose sessions are given by a function of the context, for testing the engine's rules. */
    private record TestProtocol(Knowledge knowledge, Function<PaymentContext, PaymentSession> sessions)
            implements RoutingProtocol {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public ProtocolReport report() {
            return node -> 0;
        }

        @Override
        public PaymentSession open(PaymentContext ctx) {
            return sessions.apply(ctx);
        }
    }

    /**
     * A public-graph protocol that sends no payment and keeps no state, for tests of what the engine does around
     * payments (set-up traffic, seeds, timings); subclasses override what they test.
     */
    private abstract static class NoPaymentProtocol implements RoutingProtocol {
        private final String name;

        NoPaymentProtocol(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Knowledge knowledge() {
            return Knowledge.PUBLIC_GRAPH;
        }

        @Override
        public ProtocolReport report() {
            return node -> 0;
        }

        @Override
        public PaymentSession open(PaymentContext ctx) {
            throw new AssertionError("no payments");
        }
    }

    /** Retries the same path on every failure, as long as the engine lets it. */
    private static PaymentSession stubborn(PaymentContext ctx, HtlcPath p) {
        return new PaymentSession() {
            @Override
            public void start() {
                ctx.send(p);
            }

            @Override
            public void onAttemptResult(AttemptResult r) {
                if (!r.succeeded() && !ctx.send(p)) {
                    ctx.giveUp("engine refused another attempt");
                }
            }
        };
    }

    private record Run(List<PaymentOutcome> outcomes, PaymentEngine engine, ChannelState state) {
    }

    private static Run run(ChannelGraph g, RoutingProtocol protocol, PaymentEngine.Limits limits,
                           NodeAvailability availability, PaymentRequest... payments) {
        EngineRun.Result r = EngineRun.of(g, protocol).seed(11).latency(LATENCY).availability(availability)
                .limits(limits).run(payments);
        assertEquals(0, r.engine().openPayments());
        return new Run(r.outcomes(), r.engine(), r.state());
    }

    /**
     * 10,000,000 msat A→C arriving at 2 s: B's fee is 2,000 msat; the fulfil reaches A at 2 s + 540 ms; 4 messages
     * of 1452 + 1452 + 74 + 74 bytes; route = [A→B, B→C].
     */
    @Test
    void successfulPaymentOutcomeAsWorkedByHand() {
        ChannelGraph g = line();
        PaymentRequest p = new PaymentRequest(1, 0, 2, 10_000_000, 2_000_000);
        Run run = run(g, new TestProtocol(Knowledge.PUBLIC_GRAPH, ctx -> stubborn(ctx, path(g, 1, 10_000_000, 10_000_000))),
                PaymentEngine.Limits.DEFAULT, NodeAvailability.ALWAYS_ONLINE, p);
        PaymentOutcome o = run.outcomes().get(0);
        assertTrue(o.success());
        assertEquals(540_000, o.latencyUs());
        assertEquals(1, o.attempts());
        assertEquals(1, o.parts());
        assertEquals(2, o.hops());
        assertEquals(2_000, o.feeMsat());
        assertEquals(4, o.messages());
        assertEquals(2 * 1452 + 2 * 74, o.bytes());
        assertArrayEquals(new int[] {A_TO_B, B_TO_C}, o.route());
        assertNull(o.failure());
        assertFalse(o.timedOut());
    }

    /**
     * 49,500,000 msat cannot pass B (its B–C reserve): each attempt fails after 270 ms, so with the attempt cap at 5
     * the stubborn session is refused on the sixth try: 5 attempts, all temporary_channel_failure at hop 1.
     */
    @Test
    void attemptCapStopsRetries() {
        ChannelGraph g = line();
        PaymentRequest p = new PaymentRequest(1, 0, 2, 49_500_000, 0);
        Run run = run(g, new TestProtocol(Knowledge.PUBLIC_GRAPH, ctx -> stubborn(ctx, path(g, 1, 49_500_000, 49_500_000))),
                new PaymentEngine.Limits(60_000_000, 5), NodeAvailability.ALWAYS_ONLINE, p);
        PaymentOutcome o = run.outcomes().get(0);
        assertFalse(o.success());
        assertEquals(5, o.attempts());
        assertEquals(5, o.noBalanceFailures());
        assertEquals(FailureCode.TEMPORARY_CHANNEL_FAILURE, o.failure());
        assertEquals(1, o.failureHop());
        assertEquals(5 * 270_000, o.latencyUs());
        assertEquals("engine refused another attempt", o.reason());
    }

    /**
     * With a 1 s timeout the same payment fails after ⌈1 s / 270 ms⌉ = 4 attempts (starts at 0, 270, 540, 810 ms;
     * the one ending at 1,080 ms is past the deadline): timed out.
     */
    @Test
    void deadlineStopsRetriesAndMarksTimeout() {
        ChannelGraph g = line();
        PaymentRequest p = new PaymentRequest(1, 0, 2, 49_500_000, 0);
        Run run = run(g, new TestProtocol(Knowledge.PUBLIC_GRAPH, ctx -> stubborn(ctx, path(g, 1, 49_500_000, 49_500_000))),
                new PaymentEngine.Limits(1_000_000, 100), NodeAvailability.ALWAYS_ONLINE, p);
        PaymentOutcome o = run.outcomes().get(0);
        assertEquals(4, o.attempts());
        assertTrue(o.timedOut());
        assertEquals(1_080_000, o.endUs());
    }

    /** A session that waits for nothing it will get ends at the deadline with reason "timeout". */
    @Test
    void idleSessionEndsAtTheDeadline() {
        ChannelGraph g = line();
        PaymentRequest p = new PaymentRequest(1, 0, 2, 1_000, 5);
        Run run = run(g, new TestProtocol(Knowledge.PUBLIC_GRAPH, ctx -> new PaymentSession() {
            @Override
            public void start() {
            }

            @Override
            public void onAttemptResult(AttemptResult r) {
            }
        }), new PaymentEngine.Limits(2_000_000, 10), NodeAvailability.ALWAYS_ONLINE, p);
        PaymentOutcome o = run.outcomes().get(0);
        assertFalse(o.success());
        assertEquals("timeout", o.reason());
        assertEquals(2_000_005, o.endUs());
        assertEquals(0, o.attempts());
    }

    /**
     * Two parts of 10,000,000 msat for a 20,000,000-msat payment, sent together: held and fulfilled together; the
     * payment succeeds with 2 parts, fee 2 × 2,000 msat, and ends when both fulfils are back (540 ms).
     */
    @Test
    void multiPartPaymentSucceedsWhenAllPartsAreFulfilled() {
        ChannelGraph g = line();
        PaymentRequest p = new PaymentRequest(4, 0, 2, 20_000_000, 0);
        Run run = run(g, new TestProtocol(Knowledge.PUBLIC_GRAPH, ctx -> new PaymentSession() {
            @Override
            public void start() {
                ctx.send(path(g, 4, 10_000_000, 20_000_000));
                ctx.send(path(g, 4, 10_000_000, 20_000_000));
            }

            @Override
            public void onAttemptResult(AttemptResult r) {
            }
        }), PaymentEngine.Limits.DEFAULT, NodeAvailability.ALWAYS_ONLINE, p);
        PaymentOutcome o = run.outcomes().get(0);
        assertTrue(o.success());
        assertEquals(2, o.parts());
        assertEquals(4_000, o.feeMsat());
        assertEquals(540_000, o.latencyUs());
    }

    /**
     * The session hears of every part but the last as an attempt result, and of the part that completes the payment
     * through onDelivered, at the time its fulfil reaches the sender: the two parts above, both back at 540 ms, give
     * one onAttemptResult (success) and one onDelivered (success), in that order, both at 540,000 µs.
     */
    @Test
    void theCompletingAttemptIsDeliveredToTheSession() {
        ChannelGraph g = line();
        PaymentRequest p = new PaymentRequest(4, 0, 2, 20_000_000, 0);
        List<String> heard = new java.util.ArrayList<>();
        run(g, new TestProtocol(Knowledge.PUBLIC_GRAPH, ctx -> new PaymentSession() {
            @Override
            public void start() {
                ctx.send(path(g, 4, 10_000_000, 20_000_000));
                ctx.send(path(g, 4, 10_000_000, 20_000_000));
            }

            @Override
            public void onAttemptResult(AttemptResult r) {
                heard.add("result " + r.succeeded() + " at " + ctx.now());
            }

            @Override
            public void onDelivered(AttemptResult r) {
                heard.add("delivered " + r.succeeded() + " at " + ctx.now());
            }
        }), PaymentEngine.Limits.DEFAULT, NodeAvailability.ALWAYS_ONLINE, p);
        assertEquals(List.of("result true at 540000", "delivered true at 540000"), heard);
    }

    /**
     * Control messages: node A sends a 100-byte "probe" to B during set-up and a 64-byte "ask" during the payment;
     * the payment's own messages are the ask plus the HTLC messages; per-node and per-type counts follow. A message
     * to an offline node is counted but never delivered.
     */
    @Test
    void controlMessagesAreCountedPerNodePaymentAndType() {
        ChannelGraph g = line();
        int[] delivered = new int[1];
        RoutingProtocol proto = new RoutingProtocol() {
            @Override
            public String name() {
                return "ctl";
            }

            @Override
            public Knowledge knowledge() {
                return Knowledge.PUBLIC_GRAPH;
            }

            @Override
            public void setup(ProtocolContext ctx) {
                ctx.sendControl(A_TO_B, "probe", 100, () -> delivered[0]++);
                ctx.sendControl(B_TO_C, "probe", 100, () -> delivered[0]++); // C is offline: dropped
            }

            @Override
            public ProtocolReport report() {
                return node -> 0;
            }

            @Override
            public PaymentSession open(PaymentContext ctx) {
                return new PaymentSession() {
                    @Override
                    public void start() {
                        ctx.sendControl(A_TO_B, "ask", 64, ctx::hashCode);
                        ctx.giveUp("just asking");
                    }

                    @Override
                    public void onAttemptResult(AttemptResult r) {
                    }
                };
            }
        };
        int c = 2;
        Run run = run(g, proto, PaymentEngine.Limits.DEFAULT, (node, t) -> node != c,
                new PaymentRequest(9, 0, 1, 1_000, 0));
        assertEquals(1, delivered[0]);
        PaymentOutcome o = run.outcomes().get(0);
        assertEquals(1, o.messages());
        assertEquals(64, o.bytes());
        assertEquals("just asking", o.reason());
        PaymentEngine e = run.engine();
        assertEquals(2, e.setupMessages());
        assertEquals(200, e.setupBytes());
        assertEquals(2, e.nodeControlMessages(0));
        assertEquals(164, e.nodeControlBytes(0));
        assertEquals(100, e.nodeControlBytes(1));
        assertArrayEquals(new long[] {2, 200}, e.controlByType().get("probe"));
        assertArrayEquals(new long[] {1, 64}, e.controlByType().get("ask"));
    }

    /**
     * Set-up traffic charged in bulk, per node: node 0 sends 3 messages of 30 bytes, node 2 one of 10; node 1
     * receives 25 bytes and node 2 15. Totals count the sent side (4 messages, 40 bytes), beside a 7-byte pair
     * charge 1→0. Arrays of the wrong length, or negative entries, are refused and charge nothing.
     */
    @Test
    void bulkChargesAddPerNodeAndToTheSetupTotals() {
        ChannelGraph g = line();
        List<String> refused = new ArrayList<>();
        RoutingProtocol proto = new NoPaymentProtocol("bulk") {
            @Override
            public void setup(ProtocolContext ctx) {
                ctx.chargeControl(1, 0, "pair", 1, 7);
                BulkCharges bulk = ctx.view(BulkCharges.class);
                bulk.chargeControlPerNode("bulk", new long[] {3, 0, 1}, new long[] {30, 0, 10}, new long[] {0, 25, 15});
                for (long[][] bad : new long[][][] {
                        {{1, 0}, {1, 0}, {1, 0}},
                        {{1, 0, 0}, {-1, 0, 0}, {0, 0, 0}}}) {
                    try {
                        bulk.chargeControlPerNode("bad", bad[0], bad[1], bad[2]);
                    } catch (IllegalArgumentException e) {
                        refused.add(e.getMessage());
                    }
                }
            }
        };
        PaymentEngine e = run(g, proto, PaymentEngine.Limits.DEFAULT, NodeAvailability.ALWAYS_ONLINE).engine();
        assertEquals(2, refused.size(), refused.toString());
        assertEquals(5, e.setupMessages());
        assertEquals(47, e.setupBytes());
        assertArrayEquals(new long[] {4, 40}, e.controlByType().get("bulk"));
        assertNull(e.controlByType().get("bad"));
        assertArrayEquals(new long[] {3, 1, 1}, new long[] {e.nodeSetupMessagesSent(0), e.nodeSetupMessagesSent(1),
                e.nodeSetupMessagesSent(2)});
        assertArrayEquals(new long[] {30, 7, 10}, new long[] {e.nodeSetupBytesSent(0), e.nodeSetupBytesSent(1),
                e.nodeSetupBytesSent(2)});
        assertArrayEquals(new long[] {7, 25, 15}, new long[] {e.nodeSetupBytesReceived(0),
                e.nodeSetupBytesReceived(1), e.nodeSetupBytesReceived(2)});
    }

    /**
     * Wall-clock figures leave through the sink the runner hands the engine, not through getters on the protocol: the
     * engine adds prepare's own time, and what the protocol adds through the granted view arrives unchanged.
     */
    @Test
    void wallClockFiguresGoToTheTimingsSink() {
        long[] got = new long[2];
        TimingsSink sink = new TimingsSink() {
            @Override
            public void addPreparation(long nanos) {
                got[0] += nanos;
            }

            @Override
            public void addPathFinding(long nanos) {
                got[1] += nanos;
            }
        };
        RoutingProtocol proto = new NoPaymentProtocol("timed") {
            @Override
            public void prepare(List<PaymentRequest> payments, int threads, ProtocolSeeds seeds) {
                long until = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }

            @Override
            public void setup(ProtocolContext ctx) {
                ctx.view(TimingsSink.class).addPathFinding(123);
            }
        };
        EngineRun.of(line(), proto).timings(sink).prepare(1).run();
        assertTrue(got[0] >= 2_000_000, "prepare's time: " + got[0]);
        assertEquals(123, got[1]);
    }

    /**
     * A public-graph protocol may read its own channels' balance (directly or by slot through the flood view) but is
     * refused the oracle view of anyone else's; an oracle is granted it. Unknown views are refused.
     */
    @Test
    void knowledgeIsEnforced() {
        ChannelGraph g = line();
        List<Long> seen = new ArrayList<>();
        Function<PaymentContext, PaymentSession> probe = ctx -> new PaymentSession() {
            @Override
            public void start() {
                seen.add(ctx.ownSpendableMsat(0, A_TO_B));
                assertThrows(IllegalArgumentException.class, () -> ctx.ownSpendableMsat(0, B_TO_C));
                assertThrows(ViewRefusedException.class, () -> ctx.view(String.class));
                FloodView slots = ctx.view(FloodView.class);   // own channels by slot: granted to anyone
                assertEquals(98_000_000L, slots.channelSpendableAtSlotMsat(0, g.outStart(0), true));
                assertThrows(IllegalArgumentException.class,
                        () -> slots.channelSpendableAtSlotMsat(2, g.outStart(0), true));
                try {
                    seen.add(ctx.view(OracleView.class).trueSpendableMsat(B_TO_C));
                } catch (ViewRefusedException e) {
                    assertTrue(e.getMessage().contains("PUBLIC_GRAPH"), e.getMessage());
                    seen.add(-1L);
                }
                ctx.giveUp("done");
            }

            @Override
            public void onAttemptResult(AttemptResult r) {
            }
        };
        run(g, new TestProtocol(Knowledge.PUBLIC_GRAPH, probe), PaymentEngine.Limits.DEFAULT,
                NodeAvailability.ALWAYS_ONLINE, new PaymentRequest(1, 0, 2, 1_000, 0));
        run(g, new TestProtocol(Knowledge.TRUE_BALANCES, probe), PaymentEngine.Limits.DEFAULT,
                NodeAvailability.ALWAYS_ONLINE, new PaymentRequest(1, 0, 2, 1_000, 0));
        // A's side of A–B: 100,000,000 − 2,000,000 reserve; B→C: 50,000,000 − 1,000,000 reserve
        assertEquals(List.of(98_000_000L, -1L, 98_000_000L, 49_000_000L), seen);
    }

    @Test
    void pathsOfOtherPaymentsAreRejected() {
        ChannelGraph g = line();
        RoutingProtocol wrong = new TestProtocol(Knowledge.PUBLIC_GRAPH, ctx -> new PaymentSession() {
            @Override
            public void start() {
                assertThrows(IllegalArgumentException.class, () -> ctx.send(path(g, 99, 1_000, 1_000)));
                ctx.giveUp("rejected");
            }

            @Override
            public void onAttemptResult(AttemptResult r) {
            }
        });
        Run run = run(g, wrong, PaymentEngine.Limits.DEFAULT, NodeAvailability.ALWAYS_ONLINE,
                new PaymentRequest(1, 0, 2, 1_000, 0));
        assertEquals("rejected", run.outcomes().get(0).reason());
    }

    /**
     * The only way a protocol gets at the run's seed: the engine hands the same stream seeds to prepare and to every
     * context, each the seed of the named stream "protocol." + name, so what a protocol computes ahead agrees with
     * what it computes during the run; another master seed gives other seeds.
     */
    @Test
    void theEngineHandsTheSameStreamSeedsToPrepareAndToContexts() {
        for (long seed : new long[] {11, 12}) {
            long[] seen = new long[3];
            RoutingProtocol proto = new NoPaymentProtocol("seeds") {
                @Override
                public void prepare(List<PaymentRequest> payments, int threads, ProtocolSeeds seeds) {
                    seen[0] = seeds.seedOf("seeds.fuzz");
                }

                @Override
                public void setup(ProtocolContext ctx) {
                    seen[1] = ctx.seeds().seedOf("seeds.fuzz");
                    seen[2] = ctx.seeds().seedOf("other");
                }
            };
            EngineRun.of(line(), proto).seed(seed).prepare(1).run();
            assertEquals(org.lnsim.engine.RandomStreams.seedOf(seed, "protocol.seeds.fuzz"), seen[0]);
            assertEquals(seen[0], seen[1]);
            assertEquals(org.lnsim.engine.RandomStreams.seedOf(seed, "protocol.other"), seen[2]);
            assertTrue(seen[0] != seen[2]);
        }
    }
}
