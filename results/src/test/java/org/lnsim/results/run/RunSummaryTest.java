package org.lnsim.results.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import tech.tablesaw.api.Table;

class RunSummaryTest {
    private static PaymentOutcome ok(long id, long amount, long fee, int hops, long latencyUs, int attempts,
                                     int[] route) {
        PaymentRequest p = new PaymentRequest(id, 0, 1, amount, 1_000_000 * id);
        return new PaymentOutcome(p, "source", true, p.arrivalUs() + latencyUs, attempts, 1, hops, fee, null, -1,
                null, false, attempts - 1, 0, 4L * hops, 1000L * hops, route, 1, 0, new long[0], 0, 48);
    }

    private static PaymentOutcome failed(long id, long amount, boolean timeout) {
        PaymentRequest p = new PaymentRequest(id, 0, 1, amount, 1_000_000 * id);
        return new PaymentOutcome(p, "source", false, p.arrivalUs() + 60_000_000, 3, 0, 0, 0,
                FailureCode.TEMPORARY_CHANNEL_FAILURE, 2, timeout ? "timeout" : "no route", timeout, 3, 0, 6, 3000,
                new int[0], 1, 0, new long[0], 0, 144);
    }

    /**
     * Four payments: three delivered — 10,000,000 msat with fee 1,000 (100 ppm), 2,000,000 with fee 1,000 (500 ppm),
     * 500,000 with fee 50 (100 ppm) — and one 20,000,000-msat failure. success 3/4 = 0.75; attempts (1+2+1+3)/4 =
     * 1.75; fee ppm sorted [100, 100, 500]: p50 = 2nd = 100, p99 = 3rd = 500; hops (2+3+4)/3 = 3, max 4; latencies
     * 100, 200, 300 ms: p50 200, p90 = p99 = 300; messages (8+12+16+6)/4 = 10.5 and bytes (2000+3000+4000+3000)/4 =
     * 3000 — the run's 10 set-up messages (1000 bytes) are not divided by the payments; no per-node figures, so the
     * six set-up per node cells are empty; state [10, 30, 20] → p50 20, max 30; buckets: 500 sat → <1k: 1/1; 2,000 and 10,000
     * sat → 1k–10k holds only the 2,000 (1/1), 10,000 is in 10k–100k with the 20,000-sat failure (1/2); each
     * followed by its n and Wilson 95% interval (1 of 1: [0.2065, 1]; 1 of 2: [0.0945, 0.9055]; see wilsonInterval),
     * empty buckets with n 0 and empty cells.
     */
    @Test
    void summaryRowAsWorkedByHand() {
        List<PaymentOutcome> outcomes = List.of(
                failed(3, 20_000_000, true),
                ok(0, 10_000_000, 1_000, 2, 100_000, 1, new int[] {0}),
                ok(1, 2_000_000, 1_000, 3, 200_000, 2, new int[] {0}),
                ok(2, 500_000, 50, 4, 300_000, 1, new int[] {0}));
        ProtocolRun run = new ProtocolRun("source", outcomes, new long[] {10, 30, 20}, 10, 1000);
        Table t = RunSummary.table(List.of(run));
        assertEquals(RunSummary.REQUIRED_COLUMNS, t.columnNames().subList(0, RunSummary.REQUIRED_COLUMNS.size()));
        String csv = RunSummary.csv(t);
        String[] lines = csv.split("\n");
        assertEquals(String.join(",", t.columnNames()), lines[0]);
        assertEquals("source,4,0.7500,1.750,0,100.0,500.0,3.000,4,200.0,300.0,300.0,10.5,3000.0,20,30,,,,,,,1.000,1,"
                + "1.0000,1,0.2065,1.0000,1.0000,1,0.2065,1.0000,0.5000,2,0.0945,0.9055,,0,,,,0,,", lines[1]);
        String md = RunSummary.markdown(t);
        assertTrue(md.startsWith("| protocol | payments | success_rate |"), md);
        assertTrue(md.contains("| source | 4 | 0.7500 | 1.750 | 0 | 100.0 | 500.0 |"), md);
    }

    /**
     * Set-up per node, apart from the payments. Four nodes with channels sent 5, 0, 2, 9 set-up messages, sent 500,
     * 0, 200, 900 bytes and received 100, 700, 0, 50: both ways 600, 700, 200, 950. Messages sorted [0, 2, 5, 9]:
     * nearest-rank p50 = ⌈0.50·4⌉ = 2nd = 2, p99 = ⌈0.99·4⌉ = 4th = 9, max 9; bytes sorted [200, 600, 700, 950]: p50
     * 600, p99 950, max 950. The run's set-up totals (16 messages, 1,600 bytes) stay out of the per-payment
     * columns: one delivered 1-hop payment of 4 messages and 1,000 bytes gives 4.0 and 1000.0.
     */
    @Test
    void setupIsPerNodeAndNotPerPayment() {
        ProtocolRun.NodeSetup setup = new ProtocolRun.NodeSetup(new long[] {5, 0, 2, 9},
                new long[] {500, 0, 200, 900}, new long[] {100, 700, 0, 50}, List.of(), new long[0][]);
        ProtocolRun.NodeTotals nodes = new ProtocolRun.NodeTotals(new int[] {0, 1, 2, 3}, new long[4], new long[4],
                new long[4], new long[4], new long[4], setup);
        ProtocolRun run = new ProtocolRun("source", List.of(ok(0, 10_000_000, 0, 1, 1_000, 1, new int[] {0})),
                new long[4], 16, 1_600, nodes);
        Table t = RunSummary.table(List.of(run));
        assertEquals("4.0", t.getString(0, "messages_per_payment"));
        assertEquals("1000.0", t.getString(0, "bytes_per_payment"));
        assertEquals(List.of("2", "9", "9", "600", "950", "950"), List.of(
                t.getString(0, "setup_messages_per_node_p50"), t.getString(0, "setup_messages_per_node_p99"),
                t.getString(0, "setup_messages_per_node_max"), t.getString(0, "setup_bytes_per_node_p50"),
                t.getString(0, "setup_bytes_per_node_p99"), t.getString(0, "setup_bytes_per_node_max")));
        assertFalse(t.columnNames().contains("payment_messages_per_payment"));
    }

    /**
     * attempts_mean over the payments that sent an attempt; no_route counts the others. Four payments: two with 0
     * attempts (no route: 0-attempt outcomes, as the oracle writes them), one delivered with 1 attempt and one failed
     * with 3: attempts_mean (1 + 3) / 2 = 2.000 (over all four it would be 1.000, below one attempt for a protocol
     * that succeeded with one), no_route 2. A protocol whose payments all found no route has an empty mean.
     */
    @Test
    void attemptsMeanLeavesOutPaymentsWithoutAnAttempt() {
        List<PaymentOutcome> outcomes = List.of(noRoute(0), noRoute(1),
                ok(2, 2_000_000, 0, 1, 1_000, 1, new int[] {0}), failed(3, 2_000_000, false));
        Table t = RunSummary.table(List.of(new ProtocolRun("oracle", outcomes, new long[0], 0, 0),
                new ProtocolRun("idle", List.of(noRoute(0)), new long[0], 0, 0)));
        assertEquals("2.000", t.getString(0, "attempts_mean"));
        assertEquals("2", t.getString(0, "no_route"));
        assertEquals("", t.getString(1, "attempts_mean"));
        assertEquals("1", t.getString(1, "no_route"));
    }

    private static PaymentOutcome noRoute(long id) {
        PaymentRequest p = new PaymentRequest(id, 0, 1, 2_000_000, 1_000_000 * id);
        return new PaymentOutcome(p, "oracle", false, p.arrivalUs(), 0, 0, 0, 0, null, -1, "no route", false, 0, 0, 0,
                0, new int[0], 0, 0, new long[0], 0, 0);
    }

    /**
     * Wilson score interval, z = 1.959963984540054 (z² = 3.841459). 3 of 6 (the quickstart's success_ge_1m_sat):
     * p = 0.5, z²/n = 0.640243, centre (0.5 + 0.320122) / 1.640243 = 0.5, half-width 1.959964 / 1.640243 ·
     * √(0.25/6 + 3.841459/144) = 1.194922 · 0.261427 = 0.312384: [0.187616, 0.812384]. 0 of 4: centre
     * (0.480182) / 1.960365 = 0.244945 = half-width, so [0, 0.489891]; n = 0 has none.
     */
    @Test
    void wilsonInterval() {
        double[] w = RunSummary.wilson(3, 6);
        assertEquals(0.187616, w[0], 1e-6);
        assertEquals(0.812384, w[1], 1e-6);
        double[] zero = RunSummary.wilson(0, 4);
        assertEquals(0, zero[0], 1e-12);
        assertEquals(0.489891, zero[1], 1e-6);
        assertTrue(Double.isNaN(RunSummary.wilson(0, 0)[0]));
    }

    /**
     * summary.md shows each bucket's n beside its rate and no interval columns; the intervals are in the
     * success-by-amount table, one line per protocol and bucket with payments: 2 payments of 2,000 sat, 1 delivered
     * → 0.5000, [0.0945, 0.9055].
     */
    @Test
    void markdownReportShowsBucketCountsAndIntervals() {
        Table t = RunSummary.table(List.of(new ProtocolRun("source", List.of(ok(0, 2_000_000, 0, 1, 1_000, 1,
                new int[] {0}), failed(1, 2_000_000, false)), new long[0], 0, 0)));
        String md = RunSummary.markdownReport(t, List.of());
        assertTrue(md.contains(" success_1k_10k_sat | success_1k_10k_sat_n | success_10k_100k_sat |"), md);
        assertFalse(md.contains("wilson_low |") && md.indexOf("wilson_low") < md.indexOf("## Success by amount"),
                md);
        assertTrue(md.contains("| source | 1k–10k | 2 | 1 | 0.5000 | 0.0945 | 0.9055 |\n"), md);
        assertFalse(md.contains("| source | < 1k |"), md);
        assertTrue(RunSummary.csv(t).split("\n")[0].contains(",success_1k_10k_sat_wilson_low,"));
    }

    /**
     * summary.md ends with a glossary: one line per column shown, main table then the amount table's own, each
     * with the unit and definition of the registry; a protocol column's mean takes the protocol's declaration.
     */
    @Test
    void markdownReportEndsWithAGlossaryOfEveryColumnShown() {
        PaymentRequest p = new PaymentRequest(0, 0, 1, 5_000, 0);
        PaymentOutcome o = new PaymentOutcome(p, "beacon", false, 1, 0, 0, 0, 0, null, -1, "x", false, 0, 0, 0, 0,
                new int[0], 0, 400_000, new long[] {3}, 0, 0);
        org.lnsim.engine.payment.ColumnDoc requests = new org.lnsim.engine.payment.ColumnDoc("table_requests",
                "count", "tables asked for");
        ProtocolRun run = new ProtocolRun("beacon", List.of(o), new long[0], 0, 0, null, List.of("table_requests"),
                List.of(requests));
        Table t = RunSummary.table(List.of(run));
        String md = RunSummary.markdownReport(t, run.paymentColumnDocs());
        String glossary = md.substring(md.indexOf("\n## Glossary\n"));
        for (String c : t.columnNames()) {
            boolean interval = c.endsWith("_wilson_low") || c.endsWith("_wilson_high");
            assertEquals(!interval, glossary.contains("\n| `" + c + "` |"), c);
        }
        for (String c : List.of("amount_sat", "n", "delivered", "wilson_low", "wilson_high")) {
            assertTrue(glossary.contains("\n| `" + c + "` |"), c);
        }
        assertTrue(glossary.contains("| `table_requests_mean` | count | mean over the payments of table_requests: "
                + "tables asked for |"), glossary);
        assertTrue(glossary.contains("| `no_route` | count | payments that sent no attempt"), glossary);
        assertTrue(md.endsWith(" |\n"), md);
    }

    /**
     * windows.csv and the warm-up. Five payments of 2,000 sat: 0 delivered (fee 200 msat: 100 ppm, 1 attempt), 1
     * failed (3 attempts), 2 delivered (fee 1,000: 500 ppm, 2 attempts), 3 no route (0 attempts), 4 delivered (fee 0,
     * 1 attempt). Windows of 2: [0, 1] success 1/2, attempts (1 + 3)/2 = 2, fee p50 100; [2, 3] success 1/2,
     * attempts 2/1 = 2 (payment 3 sent none), fee 500; [4] (partial) success 1, attempts 1, fee 0. With a warm-up of
     * 3, windows starting before payment 3 hold warm-up payments (flag 1): the first two. The summary then covers
     * payments 3 and 4 only: 2 payments, success 0.5000, attempts_mean 1.000 over the one that sent any, no_route 1.
     */
    @Test
    void windowsAndWarmupAsWorkedByHand() throws IOException {
        List<PaymentOutcome> outcomes = List.of(ok(0, 2_000_000, 200, 1, 1_000, 1, new int[] {0}),
                failed(1, 2_000_000, false), ok(2, 2_000_000, 1_000, 1, 1_000, 2, new int[] {0}), noRoute(3),
                ok(4, 2_000_000, 0, 1, 1_000, 1, new int[] {0}));
        List<ProtocolRun> runs = List.of(new ProtocolRun("source", outcomes, new long[0], 0, 0));
        StringWriter w = new StringWriter();
        RunWindows.write(w, runs, new RunAnalysis(2, 3));
        assertEquals("protocol,window,first_payment,payments,success_rate,attempts_mean,fee_ppm_p50,warmup\n"
                + "source,0,0,2,0.5000,2.000,100.0,1\n"
                + "source,1,2,2,0.5000,2.000,500.0,1\n"
                + "source,2,4,1,1.0000,1.000,0.0,0\n", w.toString());
        Table t = RunSummary.table(RunSummary.afterWarmup(runs, 3));
        assertEquals(List.of("2", "0.5000", "1.000", "1"), List.of(t.getString(0, "payments"),
                t.getString(0, "success_rate"), t.getString(0, "attempts_mean"), t.getString(0, "no_route")));
        assertEquals(runs, RunSummary.afterWarmup(runs, 0));
        // a warm-up past the workload leaves no payment: empty figures, no error
        assertEquals("0", RunSummary.table(RunSummary.afterWarmup(runs, 9)).getString(0, "payments"));
        assertTrue(RunOutputs.isRunFile(RunOutputs.WINDOWS));
    }

    @Test
    void protocolWithoutDeliveriesHasEmptyCells() {
        ProtocolRun run = new ProtocolRun("ant", List.of(failed(0, 1_000, false)), new long[0], 0, 0);
        String row = RunSummary.csv(RunSummary.table(List.of(run))).split("\n")[1];
        assertEquals("ant,1,0.0000,3.000,0,,,,0,,,,6.0,3000.0,0,0,,,,,,,,0,0.0000,1,0.0000,0.7935,,0,,,,0,,,,0,,,,0,,", row);
    }

    /**
     * A run whose policies change (issue 22): payment 0 met 2 policies its sender did not know, payment 1 none, so
     * policy_failures is 2 and 0 in payments.csv and policy_failures_mean (2 + 0) / 2 = 1.0 in the summary; a run
     * of static policies (-1) has neither value, and the summary column is absent when no run has one.
     */
    @Test
    void policyFailuresAppearOnlyWhenPoliciesChange() throws IOException {
        ChannelGraph g = oneChannel();
        PaymentOutcome o0 = ok(0, 10_000_000, 1_000, 1, 123_456, 3, new int[] {1});
        PaymentOutcome o1 = ok(1, 10_000_000, 1_000, 1, 123_456, 1, new int[] {1});
        List<PaymentOutcome> living = List.of(withPolicyFailures(o0, 2), withPolicyFailures(o1, 0));
        ProtocolRun run = new ProtocolRun("source", living, new long[0], 0, 0);
        StringWriter w = new StringWriter();
        PaymentsCsv.write(w, List.of(run), g);
        String[] lines = w.toString().split("\n");
        assertTrue(lines[1].endsWith(",48,2"), lines[1]);
        assertTrue(lines[2].endsWith(",48,0"), lines[2]);
        Table t = RunSummary.table(List.of(run));
        assertEquals(1.0, t.doubleColumn("policy_failures_mean").get(0), 1e-12);
        Table stat = RunSummary.table(List.of(new ProtocolRun("source", List.of(o0, o1), new long[0], 0, 0)));
        assertFalse(stat.columnNames().contains("policy_failures_mean"));
    }

    /**
     * Channels that close and open during a run (issue 22) are counted per protocol run: 3 closes and 5 opens show as
     * such, survive the warm-up cut (they are the run's, not its payments'), and the columns are absent when no run
     * of the summary could change its channels.
     */
    @Test
    void closesAndOpensAppearOnlyWhenChannelsChange() {
        PaymentOutcome o0 = ok(0, 10_000_000, 1_000, 1, 123_456, 3, new int[] {1});
        PaymentOutcome o1 = ok(1, 10_000_000, 1_000, 1, 123_456, 1, new int[] {1});
        ProtocolRun run = new ProtocolRun("source", List.of(o0, o1), new long[0], 0, 0, null, List.of(), List.of(),
                new ProtocolRun.NetworkChanges(3, 5));
        Table t = RunSummary.table(RunSummary.afterWarmup(List.of(run), 1));
        assertEquals(3.0, t.doubleColumn("channel_closes").get(0), 0);
        assertEquals(5.0, t.doubleColumn("channel_opens").get(0), 0);
        Table stat = RunSummary.table(List.of(new ProtocolRun("source", List.of(o0, o1), new long[0], 0, 0)));
        assertFalse(stat.columnNames().contains("channel_closes"));
        assertFalse(stat.columnNames().contains("channel_opens"));
    }

    private static PaymentOutcome withPolicyFailures(PaymentOutcome o, int n) {
        return new PaymentOutcome(o.payment(), o.protocol(), o.success(), o.endUs(), o.attempts(), o.parts(),
                o.hops(), o.feeMsat(), o.failure(), o.failureHop(), o.reason(), o.timedOut(), o.noBalanceFailures(),
                o.offlineFailures(), o.messages(), o.bytes(), o.route(), o.maxInFlight(), o.discoveryUs(),
                o.columns(), o.claimedMsat(), o.finalPayloadBytes(), n);
    }

    /** Nodes 0 and 1 and their one channel, 700000x12x1 of 1,000 sat: what the payments.csv tests route over. */
    private static ChannelGraph oneChannel() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int x = b.addNode(NodeIds.fromIndex(1));
        int y = b.addNode(NodeIds.fromIndex(2));
        b.addChannel(ShortChannelId.of(700_000, 12, 1), x, y, 1_000);
        return b.build();
    }

    /** CLoTH's 14 columns first (times in ms, fees in msat), then lnsim's; route as scids; rows by payment id. */
    @Test
    void paymentsCsvRows() throws IOException {
        ChannelGraph g = oneChannel();
        ProtocolRun run = new ProtocolRun("source", List.of(failed(1, 5_000, true),
                ok(0, 10_000_000, 1_000, 1, 123_456, 2, new int[] {1})), new long[0], 0, 0);
        StringWriter w = new StringWriter();
        PaymentsCsv.write(w, List.of(run), g);
        String[] lines = w.toString().split("\n");
        assertEquals(PaymentsCsv.HEADER, lines[0]);
        // policy_failures last, empty: these outcomes come from a run whose policies never change
        assertEquals("0,0,1,10000000,0,123,0,1,1,0,0,2,700000x12x1,1000,source,success,1,1,1000,,,4,1000,1,0,0,48,",
                lines[1]);
        assertEquals("1,0,1,5000,1000,61000,0,0,3,0,1,3,,0,source,timeout,0,0,0,temporary_channel_failure,2,6,3000,1,"
                + "0,0,144,", lines[2]);
    }

    /**
     * A protocol's own payment columns follow the fixed ones, as the union over runs in order of first appearance;
     * a run without a column leaves it empty. Here beacon reports (table_requests, rounds) = (2, 1) and a
     * discovery time of 250,000 µs; source reports none.
     */
    @Test
    void paymentsCsvProtocolColumns() throws IOException {
        ChannelGraph g = oneChannel();
        PaymentRequest p = new PaymentRequest(0, 0, 1, 5_000, 0);
        PaymentOutcome beacon = new PaymentOutcome(p, "beacon", false, 60_000_000, 0, 0, 0, 0, null, -1, "no route",
                false, 0, 0, 2, 900, new int[0], 0, 250_000, new long[] {2, 1}, 0, 0);
        ProtocolRun src = new ProtocolRun("source", List.of(failed(0, 5_000, false)), new long[0], 0, 0);
        ProtocolRun bea = new ProtocolRun("beacon", List.of(beacon), new long[0], 0, 0, null,
                List.of("table_requests", "rounds"));
        StringWriter w = new StringWriter();
        PaymentsCsv.write(w, List.of(src, bea), g);
        String[] lines = w.toString().split("\n");
        assertEquals(PaymentsCsv.HEADER + ",table_requests,rounds", lines[0]);
        // ..., messages, bytes, max_in_flight, discovery_us, claimed_msat, final_payload_bytes, policy_failures
        // (empty: static policies), then the two columns
        assertTrue(lines[1].endsWith(",6,3000,1,0,0,144,,,"), lines[1]);
        assertEquals("0,0,1,5000,0,60000,0,0,0,0,0,0,,0,beacon,failed,0,0,0,,,2,900,0,250000,0,0,,2,1", lines[2]);
    }

    /**
     * Discovery columns appear once a protocol reports discovery time: beacon's payments took 0 and 400,000 µs
     * (p50 = 1st of 2 = 0 ms, p99 = 2nd = 400 ms) and asked for 0 and 3 tables (mean 1.5); source has 0 ms and no
     * table_requests column (empty).
     */
    @Test
    void discoveryColumnsWhenAProtocolReportsThem() {
        PaymentRequest p0 = new PaymentRequest(0, 0, 1, 5_000, 0);
        PaymentRequest p1 = new PaymentRequest(1, 0, 1, 5_000, 0);
        List<PaymentOutcome> beacon = List.of(
                new PaymentOutcome(p0, "beacon", false, 1, 0, 0, 0, 0, null, -1, "x", false, 0, 0, 0, 0, new int[0], 0,
                        0, new long[] {0}, 0, 0),
                new PaymentOutcome(p1, "beacon", false, 1, 0, 0, 0, 0, null, -1, "x", false, 0, 0, 0, 0, new int[0], 0,
                        400_000, new long[] {3}, 0, 0));
        Table t = RunSummary.table(List.of(new ProtocolRun("source", List.of(failed(0, 5_000, false)), new long[0], 0,
                0), new ProtocolRun("beacon", beacon, new long[0], 0, 0, null, List.of("table_requests"))));
        String[] lines = RunSummary.csv(t).split("\n");
        assertTrue(lines[0].endsWith(",discovery_ms_p50,discovery_ms_p99,table_requests_mean"), lines[0]);
        assertTrue(lines[1].endsWith(",0.0,0.0,"), lines[1]);
        assertTrue(lines[2].endsWith(",0.0,400.0,1.500"), lines[2]);
        assertEquals(RunSummary.table(List.of(new ProtocolRun("source", List.of(failed(0, 5_000, false)),
                new long[0], 0, 0))).columnCount(), RunSummary.REQUIRED_COLUMNS.size() + 28);
    }

    /**
     * node_state.csv: fixed figures then the protocols' own, empty where a protocol has none. Summary over beacon's
     * two nodes: table_channels {40, 7} sorted [7, 40]: nearest-rank p50 = ⌈0.5·2⌉ = 1st = 7, p90 = p99 = max = 40.
     */
    @Test
    void nodeStateRowsAndSummary() throws IOException {
        ProtocolRun.NodeSetup srcSetup = new ProtocolRun.NodeSetup(new long[] {1, 0}, new long[] {500, 0},
                new long[] {0, 500}, List.of(), new long[0][]);
        ProtocolRun.NodeTotals srcNodes = new ProtocolRun.NodeTotals(new int[] {0, 4}, new long[] {900, 900},
                new long[2], new long[2], new long[2], new long[2], srcSetup);
        ProtocolRun.NodeSetup beaSetup = new ProtocolRun.NodeSetup(new long[] {3, 2}, new long[] {30, 20},
                new long[] {20, 30}, List.of("table_channels", "beacons"), new long[][] {{40, 7}, {5, 5}});
        ProtocolRun.NodeTotals beaNodes = new ProtocolRun.NodeTotals(new int[] {0, 4}, new long[] {120, 60},
                new long[2], new long[2], new long[2], new long[2], beaSetup);
        List<ProtocolRun> runs = List.of(new ProtocolRun("source", List.of(), new long[] {900, 900}, 1, 500, srcNodes),
                new ProtocolRun("beacon", List.of(), new long[] {120, 60}, 5, 50, beaNodes));
        StringWriter w = new StringWriter();
        NodeStateCsv.write(w, runs);
        assertEquals("protocol,node,state_bytes,setup_messages_sent,setup_bytes_sent,setup_bytes_received,"
                + "table_channels,beacons\nsource,0,900,1,500,0,,\nsource,4,900,0,0,500,,\n"
                + "beacon,0,120,3,30,20,40,5\nbeacon,4,60,2,20,30,7,5\n", w.toString());
        StringWriter sw = new StringWriter();
        NodeStateCsv.writeSummary(sw, runs);
        String summary = sw.toString();
        assertTrue(summary.startsWith(NodeStateCsv.SUMMARY_HEADER + "\nsource,state_bytes,2,900,900,900,900\n"),
                summary);
        assertTrue(summary.contains("\nbeacon,table_channels,2,7,40,40,40\n"), summary);
        assertTrue(summary.contains("\nbeacon,state_bytes,2,60,120,120,120\n"), summary);
    }

    @Test
    void nodesCsvRows() throws IOException {
        ProtocolRun.NodeTotals t = new ProtocolRun.NodeTotals(new int[] {0, 4}, new long[] {100, 100},
                new long[] {3, 0}, new long[] {300, 0}, new long[] {2, 1}, new long[] {2904, 74});
        ProtocolRun run = new ProtocolRun("source", List.of(), new long[] {100, 100}, 3, 300, t);
        StringWriter w = new StringWriter();
        NodesCsv.write(w, List.of(run, new ProtocolRun("oracle", List.of(), new long[0], 0, 0)));
        assertEquals(NodesCsv.HEADER + "\nsource,0,100,3,300,2,2904\nsource,4,100,0,0,1,74\n", w.toString());
    }

    /**
     * The bound row: 3 payments, 2 feasible (500 sat and 2,000 sat; the 20,000-sat one not): 2/3 = 0.6667; buckets
     * <1k 1/1, 1k–10k 1/1, 10k–100k 0/1; every other cell empty.
     */
    @Test
    void boundRowHasOnlyShares() {
        List<RunSummary.Bound> bound = List.of(new RunSummary.Bound(500_000, true),
                new RunSummary.Bound(2_000_000, true), new RunSummary.Bound(20_000_000, false));
        String[] lines = RunSummary.csv(RunSummary.table(List.of(), bound)).split("\n");
        assertEquals(RunSummary.BOUND_ROW + ",3,0.6667,,,,,,,,,,,,,,,,,,,,,,1.0000,1,0.2065,1.0000,1.0000,1,"
                + "0.2065,1.0000,0.0000,1,0.0000,0.7935,,0,,,,0,,,1.0000", lines[1]);
    }

    /**
     * share_of_bound, the last column, only with the bound row. Four payments of 2,000 sat; source delivers 1
     * (0.25), oracle 2 (0.50), the bound finds 3 feasible (0.75): shares 0.25 / 0.75 = 0.3333, 0.50 / 0.75 = 0.6667,
     * and 1.0000 on the bound row; a protocol without payments has no rate, so no share. With a bound of 0 (nothing
     * feasible) every share is empty. Without the bound the column is absent and the CSV is the one-argument table's.
     */
    @Test
    void shareOfBoundAsWorkedByHand() {
        List<PaymentOutcome> src = List.of(ok(0, 2_000_000, 0, 1, 100_000, 1, new int[] {0}),
                failed(1, 2_000_000, false), failed(2, 2_000_000, false), failed(3, 2_000_000, false));
        List<PaymentOutcome> ora = List.of(ok(0, 2_000_000, 0, 1, 100_000, 1, new int[] {0}),
                ok(1, 2_000_000, 0, 1, 100_000, 1, new int[] {0}), failed(2, 2_000_000, false),
                failed(3, 2_000_000, false));
        List<ProtocolRun> runs = List.of(new ProtocolRun("source", src, new long[0], 0, 0),
                new ProtocolRun("oracle", ora, new long[0], 0, 0),
                new ProtocolRun("idle", List.of(), new long[0], 0, 0));
        List<RunSummary.Bound> bound = List.of(new RunSummary.Bound(2_000_000, true),
                new RunSummary.Bound(2_000_000, true), new RunSummary.Bound(2_000_000, true),
                new RunSummary.Bound(2_000_000, false));
        Table t = RunSummary.table(runs, bound);
        List<String> names = t.columnNames();
        assertEquals("share_of_bound", names.get(names.size() - 1));
        String[] lines = RunSummary.csv(t).split("\n");
        assertTrue(lines[1].startsWith("source,4,0.2500,") && lines[1].endsWith(",0.3333"), lines[1]);
        assertTrue(lines[2].startsWith("oracle,4,0.5000,") && lines[2].endsWith(",0.6667"), lines[2]);
        assertTrue(lines[3].startsWith("idle,0,,") && lines[3].endsWith(","), lines[3]);
        assertTrue(lines[4].startsWith(RunSummary.BOUND_ROW + ",4,0.7500,") && lines[4].endsWith(",1.0000"),
                lines[4]);
        String md = RunSummary.markdown(t);
        assertTrue(md.contains(" share_of_bound |\n"), md);
        assertTrue(md.contains(" 0.3333 |\n| oracle |"), md);

        List<RunSummary.Bound> none = bound.stream().map(b -> new RunSummary.Bound(b.amountMsat(), false)).toList();
        String[] zero = RunSummary.csv(RunSummary.table(runs, none)).split("\n");
        assertTrue(zero[4].startsWith(RunSummary.BOUND_ROW + ",4,0.0000,"), zero[4]);
        for (int r = 1; r < zero.length; r++) {
            assertTrue(zero[r].endsWith(","), zero[r]);
        }

        Table plain = RunSummary.table(runs);
        assertFalse(plain.columnNames().contains("share_of_bound"));
        assertEquals(RunSummary.csv(plain), RunSummary.csv(RunSummary.table(runs, null)));
        assertEquals(names.subList(0, names.size() - 1), plain.columnNames());
    }
}
