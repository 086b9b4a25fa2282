package org.lnsim.results.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;

class RunColumnsTest {
    /**
     * The headers the writers take from the registry are the published ones, letter for letter (CLoTH's
     * post-processing and the results tables read them; a renamed or reordered constant must fail here).
     */
    @Test
    void headersAreThePublishedOnes() {
        assertEquals("id,sender_id,receiver_id,amount,start_time,end_time,mpp,is_success,no_balance_count,"
                + "offline_node_count,timeout_exp,attempts,route,total_fee,protocol,outcome,parts,hops,fee_msat,"
                + "failure_code,failure_hop,messages,bytes,max_in_flight,discovery_us,claimed_msat,"
                + "final_payload_bytes,policy_failures", PaymentsCsv.HEADER);
        assertEquals("protocol,node,state_bytes,control_messages,control_bytes,payment_messages,payment_bytes",
                NodesCsv.HEADER);
        assertEquals("protocol,node,state_bytes,setup_messages_sent,setup_bytes_sent,setup_bytes_received",
                NodeStateCsv.header(List.of()));
        assertEquals("protocol,figure,nodes,p50,p90,p99,max", NodeStateCsv.SUMMARY_HEADER);
        assertEquals("node,node_id,channels,capacity_sat,alias", NodeIdsCsv.HEADER);
        assertEquals(List.of("state_bytes", "setup_messages_sent", "setup_bytes_sent", "setup_bytes_received"),
                NodeStateCsv.FIXED);
    }

    /**
     * Every column the summary writes is in the registry, in the registry's order, when all the optional ones are
     * present (partial payments, policy failures, closes and opens, discovery time, a protocol column, the bound
     * row); the protocol
     * column's mean sits
     * between discovery_ms_p99 and share_of_bound.
     */
    @Test
    void summaryColumnsComeFromTheRegistryInItsOrder() {
        PaymentRequest p = new PaymentRequest(0, 0, 1, 5_000_000, 0);
        PaymentOutcome partial = new PaymentOutcome(p, "x", false, 1_000, 2, 1, 2, 10, null, -1, "timeout", true, 0,
                0, 4, 400, new int[0], 2, 700, new long[] {3}, 1_000_000, 96, 1);
        ProtocolRun run = new ProtocolRun("x", List.of(partial), new long[] {1}, 0, 0, null, List.of("table_requests"),
                List.of(), new ProtocolRun.NetworkChanges(1, 2));
        List<String> got = RunSummary.table(List.of(run), List.of(new RunSummary.Bound(5_000_000, true)))
                .columnNames();
        List<String> expected = new ArrayList<>();
        for (RunColumns.Summary c : RunColumns.Summary.values()) {
            if (c == RunColumns.Summary.SHARE_OF_BOUND) {
                expected.add("table_requests" + RunColumns.Summary.MEAN_SUFFIX);
            }
            expected.add(c.csvName());
        }
        assertEquals(expected, got);
    }

    /** Names are unique within each file, and the rendering lists every fixed column and each protocol column. */
    @Test
    void namesAreUniquePerFileAndAllRendered() {
        String md = RunColumns.markdown(List.of(new RunColumns.ProtocolColumns("demo",
                List.of(new ColumnDoc("hops_asked", "count", "a per-payment figure")),
                List.of(new ColumnDoc("table_size", "bytes", "a per-node figure")))));
        for (Class<? extends RunColumns.Column> file : List.of(RunColumns.Payment.class, RunColumns.Node.class,
                RunColumns.NodeState.class, RunColumns.NodeStateSummary.class, RunColumns.NodeId.class,
                RunColumns.Summary.class)) {
            Set<String> seen = new HashSet<>();
            for (RunColumns.Column c : file.getEnumConstants()) {
                assertTrue(seen.add(c.csvName()), file.getSimpleName() + " repeats " + c.csvName());
                assertTrue(md.contains("| `" + c.csvName() + "` | " + c.doc().unit() + " | "), c.csvName());
            }
        }
        assertTrue(md.contains("| `hops_asked` | count | demo | a per-payment figure |"), md);
        assertTrue(md.contains("| `hops_asked_mean` | count | demo | mean of hops_asked: a per-payment figure |"), md);
        assertTrue(md.contains("| `table_size` | bytes | demo | a per-node figure |"), md);
    }

    /**
     * The lookup the sweep glossary uses agrees with COLUMNS.md: a fixed column's own doc, a protocol's
     * {@code <column>_mean} as the rendering defines it, and nothing for a name neither declares (no invented text).
     */
    @Test
    void summaryColumnLookup() {
        List<RunColumns.ProtocolColumns> demo = List.of(new RunColumns.ProtocolColumns("demo",
                List.of(new ColumnDoc("hops_asked", "count", "a per-payment figure")), List.of()));
        assertEquals(RunColumns.Summary.SUCCESS_RATE.doc(), RunColumns.summaryColumn("success_rate", List.of())
                .orElseThrow());
        assertEquals(new ColumnDoc("hops_asked_mean", "count", "mean of hops_asked: a per-payment figure"),
                RunColumns.summaryColumn("hops_asked_mean", demo).orElseThrow());
        assertTrue(RunColumns.summaryColumn("hops_asked_mean", List.of()).isEmpty());
        assertTrue(RunColumns.summaryColumn("hops_asked", demo).isEmpty(), "a payment column is not a summary one");
    }
}
