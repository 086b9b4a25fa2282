package org.lnsim.results.run;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ShortChannelId;

/**
 * {@code payments.csv}: one row per payment and protocol. The first 14 columns are CLoTH's
 * {@code payments_output.csv} (peer-simulators §1) with its units — amounts and fees in msat, times in ms (truncated
 * from lnsim's µs) — so CLoTH's post-processing reads it; then lnsim's own columns. {@code sender_id} and
 * {@code receiver_id} are node indices (nodes numbered in node-id order, as in every lnsim network file);
 * {@code route} joins the short channel ids of the first successful part with {@code -}; {@code parts} counts the
 * parts that delivered and {@code max_in_flight} the most parts in flight at once (the sender's HTLC slots used);
 * {@code discovery_us} is the simulated time spent discovering routes before HTLCs (tables, floods), apart from the
 * HTLCs' own time; {@code claimed_msat} what a receiver claiming early settled of a payment that was not delivered
 * (outcome {@code partial}); {@code final_payload_bytes} the final hop's onion payload over every part sent (where
 * {@code amp} parts carry lnd's AMP record beside base MPP's {@code payment_data}). Then the union, in order of first
 * appearance, of the protocols' own per-payment figures (e.g. {@code table_requests}), empty for a protocol that does
 * not report one.
 */
public final class PaymentsCsv {
    /** The fixed columns ({@link RunColumns.Payment}, with units and definitions); rows follow their order. */
    public static final String HEADER = RunColumns.header(RunColumns.Payment.class);

    private PaymentsCsv() {
    }

    private static List<String> extraColumns(List<ProtocolRun> runs) {
        java.util.Set<String> cols = new java.util.LinkedHashSet<>();
        for (ProtocolRun run : runs) {
            cols.addAll(run.paymentColumns());
        }
        return List.copyOf(cols);
    }

    /**
     * {@code success}; {@code partial} (not delivered, but a receiver claiming early settled part of it);
     * {@code timeout} (deadline passed) or {@code failed} (the protocol gave up).
     */
    public static String outcome(PaymentOutcome o) {
        return o.success() ? "success" : o.partial() ? "partial" : o.timedOut() ? "timeout" : "failed";
    }

    /** The header for these runs: {@link #HEADER} and the protocols' own columns. */
    public static String header(List<ProtocolRun> runs) {
        List<String> extra = extraColumns(runs);
        return extra.isEmpty() ? HEADER : HEADER + "," + String.join(",", extra);
    }

    public static void write(Writer out, List<ProtocolRun> runs, ChannelGraph graph) throws IOException {
        List<String> extra = extraColumns(runs);
        out.write(header(runs));
        out.write('\n');
        StringBuilder row = new StringBuilder(256);
        for (ProtocolRun run : runs) {
            int[] at = new int[extra.size()];
            for (int c = 0; c < at.length; c++) {
                at[c] = run.paymentColumns().indexOf(extra.get(c));
            }
            for (PaymentOutcome o : run.outcomes()) {
                row.setLength(0);
                var p = o.payment();
                row.append(p.id()).append(',').append(p.sender()).append(',').append(p.receiver()).append(',')
                        .append(p.amountMsat()).append(',').append(p.arrivalUs() / 1000).append(',')
                        .append(o.endUs() / 1000).append(',').append(o.parts() > 1 ? 1 : 0).append(',')
                        .append(o.success() ? 1 : 0).append(',').append(o.noBalanceFailures()).append(',')
                        .append(o.offlineFailures()).append(',').append(o.timedOut() ? 1 : 0).append(',')
                        .append(o.attempts()).append(',');
                int[] route = o.route();
                for (int i = 0; i < route.length; i++) {
                    if (i > 0) {
                        row.append('-');
                    }
                    row.append(ShortChannelId.format(graph.scid(ChannelGraph.channelOf(route[i]))));
                }
                row.append(',').append(o.feeMsat()).append(',')
                        .append(run.protocol()).append(',').append(outcome(o)).append(',').append(o.parts())
                        .append(',').append(o.hops()).append(',').append(o.feeMsat()).append(',')
                        .append(o.failure() == null ? "" : o.failure().label()).append(',')
                        .append(o.failureHop() < 0 ? "" : String.valueOf(o.failureHop())).append(',')
                        .append(o.messages()).append(',').append(o.bytes()).append(',').append(o.maxInFlight())
                        .append(',').append(o.discoveryUs()).append(',').append(o.claimedMsat())
                        .append(',').append(o.finalPayloadBytes()).append(',');
                if (o.policyFailures() >= 0) {
                    row.append(o.policyFailures());
                }
                for (int c : at) {
                    row.append(',');
                    if (c >= 0) {
                        row.append(o.columns()[c]);
                    }
                }
                row.append('\n');
                out.append(row);
            }
        }
    }
}
