package org.lnsim.results.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.lnsim.engine.payment.ColumnDoc;

/**
 * The one registry of the columns of every file a run writes ({@link RunOutputs}): each file's fixed columns as an
 * enum, in header order, each with its name, unit and definition. The writers take their headers from here, so a
 * column is named once; {@link #markdown} renders the registry, with the protocols' own columns (declared by the
 * protocols as {@link ColumnDoc}s), into {@code results/COLUMNS.md}.
 *
 * <p>Units: money in msat unless the name says {@code _sat}, simulated time in µs unless the name says {@code _ms}
 * (CLoTH's {@code start_time}/{@code end_time} are ms, truncated), sizes in bytes at the BOLT wire sizes.
 */
public final class RunColumns {
    private RunColumns() {
    }

    /** A fixed column of one file. */
    public interface Column {
        ColumnDoc doc();

        /** The header name. */
        default String csvName() {
            return doc().name();
        }
    }

    /** The comma-joined header of a file's fixed columns. */
    public static <E extends Enum<E> & Column> String header(Class<E> file) {
        return Arrays.stream(file.getEnumConstants()).map(Column::csvName).collect(Collectors.joining(","));
    }

    private static final ColumnDoc PROTOCOL = new ColumnDoc("protocol", "—", "the protocol's display name: its "
            + "name, +split, +amp, or its label (e.g. source, source+cl, beacon-r2-b5)");
    private static final ColumnDoc NODE = new ColumnDoc("node", "index", "node index in node-id order, as in every "
            + "lnsim network file (node_ids.csv says who it is); only nodes with channels have rows");
    private static final ColumnDoc STATE_BYTES = new ColumnDoc("state_bytes", "bytes", "routing state the node "
            + "keeps under the protocol (gossip store, tables, mempool peak…): ProtocolReport.stateBytes");

    /** {@code payments.csv}: one row per protocol and payment, protocol then payment id order. */
    public enum Payment implements Column {
        ID("id", "—", "payment id (workload order)"),
        SENDER_ID("sender_id", "index", "the payer's node index"),
        RECEIVER_ID("receiver_id", "index", "the payee's node index"),
        AMOUNT("amount", "msat", "amount to deliver"),
        START_TIME("start_time", "ms", "arrival of the payment, truncated from µs"),
        END_TIME("end_time", "ms", "when the sender knew the outcome, truncated from µs"),
        MPP("mpp", "0/1", "1 when more than one part delivered"),
        IS_SUCCESS("is_success", "0/1", "1 when the amount was delivered"),
        NO_BALANCE_COUNT("no_balance_count", "count", "attempts failed with temporary_channel_failure"),
        OFFLINE_NODE_COUNT("offline_node_count", "count", "attempts failed with unknown_next_peer"),
        TIMEOUT_EXP("timeout_exp", "0/1", "1 when the deadline (engine.timeout_s) passed before success"),
        ATTEMPTS("attempts", "count", "attempts started, every part counted"),
        ROUTE("route", "—", "short channel ids of the first successful part joined with -; empty on failure"),
        TOTAL_FEE("total_fee", "msat", "fees paid by the successful parts (CLoTH's name; equals fee_msat)"),
        PROTOCOL_NAME(PROTOCOL),
        OUTCOME("outcome", "—", "success; partial (not delivered, but a receiver claiming early settled part of "
                + "it); timeout (deadline passed) or failed (the protocol gave up)"),
        PARTS("parts", "count", "parts that delivered (1 for a single-path success, 0 on failure)"),
        HOPS("hops", "count", "hop count of the longest successful part; 0 on failure"),
        FEE_MSAT("fee_msat", "msat", "fees paid by the successful parts; 0 on failure"),
        FAILURE_CODE("failure_code", "—", "the last attempt failure seen (BOLT 4 name); empty when none"),
        FAILURE_HOP("failure_hop", "index", "position on the route of the node that reported failure_code; empty "
                + "when none"),
        MESSAGES("messages", "count", "payment messages (update_add/fulfill/fail_htlc) plus the protocol's control "
                + "messages attributed to the payment"),
        BYTES("bytes", "bytes", "their total size"),
        MAX_IN_FLIGHT("max_in_flight", "count", "most parts of the payment in flight at once: the sender's HTLC "
                + "slots it used"),
        DISCOVERY_US("discovery_us", "µs", "simulated time spent discovering routes before HTLCs (tables, floods); "
                + "0 for protocols that route from what they hold"),
        CLAIMED_MSAT("claimed_msat", "msat", "what a receiver claiming early settled of a payment that was not "
                + "delivered (outcome partial); 0 otherwise"),
        FINAL_PAYLOAD_BYTES("final_payload_bytes", "bytes", "the final hop's onion payload over every part sent "
                + "(AMP parts carry lnd's type-14 record beside base MPP's payment_data)"),
        POLICY_FAILURES("policy_failures", "count", "attempts failed with fee_insufficient or incorrect_cltv_expiry "
                + "because the sender did not know a channel's new policy yet (policy_updates); empty when the run's "
                + "policies never change");

        private final ColumnDoc doc;

        Payment(String name, String unit, String definition) {
            this(new ColumnDoc(name, unit, definition));
        }

        Payment(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }
    }

    /** {@code nodes.csv}: one row per protocol and node with channels. */
    public enum Node implements Column {
        PROTOCOL_NAME(PROTOCOL),
        NODE_INDEX(NODE),
        STATE(STATE_BYTES),
        CONTROL_MESSAGES("control_messages", "count", "control messages of the protocol the node sent, set-up and "
                + "payments"),
        CONTROL_BYTES("control_bytes", "bytes", "their size"),
        PAYMENT_MESSAGES("payment_messages", "count", "update_add_htlc, update_fulfill_htlc and update_fail_htlc "
                + "messages the node sent"),
        PAYMENT_BYTES("payment_bytes", "bytes", "their size");

        private final ColumnDoc doc;

        Node(String name, String unit, String definition) {
            this(new ColumnDoc(name, unit, definition));
        }

        Node(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }
    }

    /**
     * {@code node_state.csv}: one row per protocol and node with channels; after these, the protocols' own state
     * figures. The figures from {@link #STATE} on are also the {@code figure}s of {@code node_state_summary.csv}.
     */
    public enum NodeState implements Column {
        PROTOCOL_NAME(PROTOCOL),
        NODE_INDEX(NODE),
        STATE(STATE_BYTES),
        SETUP_MESSAGES_SENT("setup_messages_sent", "count", "control messages the node sent outside payments "
                + "(set-up, sync, churn)"),
        SETUP_BYTES_SENT("setup_bytes_sent", "bytes", "their size"),
        SETUP_BYTES_RECEIVED("setup_bytes_received", "bytes", "size of the control messages the node received "
                + "outside payments");

        private final ColumnDoc doc;

        NodeState(String name, String unit, String definition) {
            this(new ColumnDoc(name, unit, definition));
        }

        NodeState(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }

        /** The per-node figures (every column from {@link #STATE} on), in order. */
        public static List<String> figures() {
            List<String> out = new ArrayList<>();
            for (NodeState c : values()) {
                if (c.ordinal() >= STATE.ordinal()) {
                    out.add(c.csvName());
                }
            }
            return out;
        }
    }

    /** {@code node_state_summary.csv}: one row per protocol and per-node figure of {@code node_state.csv}. */
    public enum NodeStateSummary implements Column {
        PROTOCOL_NAME(PROTOCOL),
        FIGURE("figure", "—", "a per-node column of node_state.csv (state_bytes, set-up traffic, the protocol's own "
                + "figures)"),
        NODES("nodes", "count", "nodes with channels the figure is taken over"),
        P50("p50", "as figure", "nearest-rank median over those nodes; empty when there are none"),
        P90("p90", "as figure", "nearest-rank 90th percentile"),
        P99("p99", "as figure", "nearest-rank 99th percentile"),
        MAX("max", "as figure", "the largest value");

        private final ColumnDoc doc;

        NodeStateSummary(String name, String unit, String definition) {
            this(new ColumnDoc(name, unit, definition));
        }

        NodeStateSummary(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }
    }

    /** {@code node_ids.csv}: one row per node of the network, in index order. */
    public enum NodeId implements Column {
        NODE_INDEX(new ColumnDoc("node", "index", "node index in node-id order (every node, with channels or not)")),
        NODE_ID(new ColumnDoc("node_id", "hex", "the node's 33-byte public key")),
        CHANNELS(new ColumnDoc("channels", "count", "the node's channel count")),
        CAPACITY_SAT(new ColumnDoc("capacity_sat", "sat", "total capacity of its channels")),
        ALIAS(new ColumnDoc("alias", "—", "its announced alias, RFC 4180-quoted when it holds a comma, a quote or a "
                + "line break; empty when none is known (generated networks, CLN listchannels without listnodes)"));

        private final ColumnDoc doc;

        NodeId(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }
    }

    /**
     * {@code summary.csv} (and {@code summary.md}): one row per protocol, then the {@value RunSummary#BOUND_ROW} row
     * when the bound is computed. Always the columns up to {@link #SUCCESS_GE_1M_SAT_WILSON_HIGH}; the others only when the run
     * calls for them (see each definition), in this order, with one {@code <column>_mean} per protocol payment column
     * between {@link #DISCOVERY_MS_P99} and {@link #SHARE_OF_BOUND}.
     */
    public enum Summary implements Column {
        PROTOCOL_NAME(PROTOCOL),
        PAYMENTS("payments", "count", "payments of the workload the row's figures are taken over: all but the first "
                + "analysis.warmup_payments (default 0)"),
        SUCCESS_RATE("success_rate", "share", "delivered payments / payments"),
        ATTEMPTS_MEAN("attempts_mean", "count", "attempts (parts included) per payment that sent at least one; "
                + "empty when none did (before issue 18 the mean was over all payments, those that sent none "
                + "counting 0)"),
        NO_ROUTE("no_route", "count", "payments that sent no attempt: the protocol found no route (or gave up "
                + "before any HTLC)"),
        FEE_PPM_P50("fee_ppm_p50", "ppm", "fee × 10^6 / amount over delivered payments, nearest-rank median"),
        FEE_PPM_P99("fee_ppm_p99", "ppm", "the same, 99th percentile"),
        HOPS_MEAN("hops_mean", "count", "hop count (longest part) of delivered payments, mean"),
        HOPS_MAX("hops_max", "count", "the same, largest"),
        LATENCY_MS_P50("latency_ms_p50", "ms", "arrival to outcome of delivered payments, median from an "
                + "HdrHistogram of µs with 4 significant digits"),
        LATENCY_MS_P90("latency_ms_p90", "ms", "the same, 90th percentile"),
        LATENCY_MS_P99("latency_ms_p99", "ms", "the same, 99th percentile"),
        MESSAGES_PER_PAYMENT("messages_per_payment", "count", "per-payment traffic: payment messages "
                + "(update_add/fulfill/fail_htlc) plus the protocol's control messages attributed to payments, over "
                + "the payments; set-up is not included (it is per node, setup_messages_per_node_*; before issue 18 "
                + "this column also held set-up divided by the payments)"),
        BYTES_PER_PAYMENT("bytes_per_payment", "bytes", "their size, over the payments; set-up not included (see "
                + "setup_bytes_per_node_*)"),
        STATE_BYTES_P50("state_bytes_p50", "bytes", "per-node routing state over nodes with channels, nearest-rank "
                + "median"),
        STATE_BYTES_MAX("state_bytes_max", "bytes", "the same, largest"),
        SETUP_MESSAGES_PER_NODE_P50("setup_messages_per_node_p50", "count", "control messages a node sent outside "
                + "payments (set-up, sync, churn: node_state.csv's setup_messages_sent), over nodes with channels, "
                + "nearest-rank median; empty when per-node figures were not collected"),
        SETUP_MESSAGES_PER_NODE_P99("setup_messages_per_node_p99", "count", "the same, 99th percentile"),
        SETUP_MESSAGES_PER_NODE_MAX("setup_messages_per_node_max", "count", "the same, largest"),
        SETUP_BYTES_PER_NODE_P50("setup_bytes_per_node_p50", "bytes", "a node's set-up traffic both ways, bytes "
                + "sent + bytes received outside payments (node_state.csv's setup_bytes_sent + "
                + "setup_bytes_received: what its link carried), over nodes with channels, nearest-rank median; empty "
                + "when per-node figures were not collected"),
        SETUP_BYTES_PER_NODE_P99("setup_bytes_per_node_p99", "bytes", "the same, 99th percentile"),
        SETUP_BYTES_PER_NODE_MAX("setup_bytes_per_node_max", "bytes", "the same, largest"),
        PARTS_MEAN("parts_mean", "count", "parts that delivered, over delivered payments (1 for single-path "
                + "schemes)"),
        PARTS_MAX("parts_max", "count", "the same, largest"),
        SUCCESS_LT_1K_SAT("success_lt_1k_sat", "share", "success rate of the payments below 1k sat; empty when "
                + "there are none"),
        SUCCESS_LT_1K_SAT_N("success_lt_1k_sat_n", "count", "payments below 1k sat: the n of the rate beside it"),
        SUCCESS_LT_1K_SAT_WILSON_LOW("success_lt_1k_sat_wilson_low", "share", "lower end of the Wilson score 95% "
                + "interval of that rate (z = 1.959963984540054); empty when n is 0; summary.csv only (summary.md "
                + "shows the intervals in its success-by-amount table)"),
        SUCCESS_LT_1K_SAT_WILSON_HIGH("success_lt_1k_sat_wilson_high", "share", "its upper end"),
        SUCCESS_1K_10K_SAT("success_1k_10k_sat", "share", "the same, 1k to 10k sat"),
        SUCCESS_1K_10K_SAT_N("success_1k_10k_sat_n", "count", "its n"),
        SUCCESS_1K_10K_SAT_WILSON_LOW("success_1k_10k_sat_wilson_low", "share", "its Wilson 95% interval, lower "
                + "end"),
        SUCCESS_1K_10K_SAT_WILSON_HIGH("success_1k_10k_sat_wilson_high", "share", "upper end"),
        SUCCESS_10K_100K_SAT("success_10k_100k_sat", "share", "the same, 10k to 100k sat"),
        SUCCESS_10K_100K_SAT_N("success_10k_100k_sat_n", "count", "its n"),
        SUCCESS_10K_100K_SAT_WILSON_LOW("success_10k_100k_sat_wilson_low", "share", "its Wilson 95% interval, "
                + "lower end"),
        SUCCESS_10K_100K_SAT_WILSON_HIGH("success_10k_100k_sat_wilson_high", "share", "upper end"),
        SUCCESS_100K_1M_SAT("success_100k_1m_sat", "share", "the same, 100k to 1M sat"),
        SUCCESS_100K_1M_SAT_N("success_100k_1m_sat_n", "count", "its n"),
        SUCCESS_100K_1M_SAT_WILSON_LOW("success_100k_1m_sat_wilson_low", "share", "its Wilson 95% interval, lower "
                + "end"),
        SUCCESS_100K_1M_SAT_WILSON_HIGH("success_100k_1m_sat_wilson_high", "share", "upper end"),
        SUCCESS_GE_1M_SAT("success_ge_1m_sat", "share", "the same, 1M sat and above"),
        SUCCESS_GE_1M_SAT_N("success_ge_1m_sat_n", "count", "its n"),
        SUCCESS_GE_1M_SAT_WILSON_LOW("success_ge_1m_sat_wilson_low", "share", "its Wilson 95% interval, lower end"),
        SUCCESS_GE_1M_SAT_WILSON_HIGH("success_ge_1m_sat_wilson_high", "share", "upper end"),
        PARTIAL_RATE("partial_rate", "share", "only when some payment was settled in part (receivers claiming early): "
                + "the share of payments settled in part only"),
        POLICY_FAILURES_MEAN("policy_failures_mean", "count", "only when the run's policies change "
                + "(policy_updates): mean over the payments of policy_failures"),
        CHANNEL_CLOSES("channel_closes", "count", "only when channels close or open during the run (policy_updates): "
                + "channels that closed from time 0 to the end of this protocol's run (not those before it, in the "
                + "updates' warm start)"),
        CHANNEL_OPENS("channel_opens", "count", "the same, channels that opened"),
        DISCOVERY_MS_P50("discovery_ms_p50", "ms", "only when some protocol of the run discovers routes over "
                + "simulated time: discovery_us over all payments, nearest-rank median"),
        DISCOVERY_MS_P99("discovery_ms_p99", "ms", "the same, 99th percentile"),
        SHARE_OF_BOUND("share_of_bound", "share", "only with the max-flow bound row, last: each row's success_rate "
                + "over the bound's (1 on the bound row; empty where either is missing or the bound is 0)");

        /** Suffix of the per-protocol-column means. */
        public static final String MEAN_SUFFIX = "_mean";
        /**
         * The buckets' rate columns, in amount order ({@link RunSummary} holds their bounds); each is followed by its
         * {@value #N_SUFFIX}, {@value #WILSON_LOW_SUFFIX} and {@value #WILSON_HIGH_SUFFIX} columns.
         */
        static final List<Summary> BUCKETS = List.of(SUCCESS_LT_1K_SAT, SUCCESS_1K_10K_SAT, SUCCESS_10K_100K_SAT,
                SUCCESS_100K_1M_SAT, SUCCESS_GE_1M_SAT);
        /** Suffixes of a bucket's count and Wilson interval columns. */
        public static final String N_SUFFIX = "_n";
        public static final String WILSON_LOW_SUFFIX = "_wilson_low";
        public static final String WILSON_HIGH_SUFFIX = "_wilson_high";

        private final ColumnDoc doc;

        Summary(String name, String unit, String definition) {
            this(new ColumnDoc(name, unit, definition));
        }

        Summary(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }
    }

    /**
     * summary.md's success-by-amount table ({@link RunSummary#markdownReport}): one row per summary row and amount
     * bucket with payments.
     */
    public enum SummaryAmount implements Column {
        PROTOCOL_NAME(PROTOCOL),
        AMOUNT_SAT("amount_sat", "sat", "the amount bucket: below 1k, 1k to 10k, 10k to 100k, 100k to 1M, 1M and "
                + "above (the success_*_sat columns)"),
        N("n", "count", "payments in the bucket"),
        DELIVERED("delivered", "count", "those delivered (on the max-flow bound row: those some flow could deliver)"),
        SUCCESS_RATE("success_rate", "share", "delivered / n"),
        WILSON_LOW("wilson_low", "share", "lower end of its Wilson score 95% interval (z = 1.959963984540054)"),
        WILSON_HIGH("wilson_high", "share", "upper end");

        private final ColumnDoc doc;

        SummaryAmount(String name, String unit, String definition) {
            this(new ColumnDoc(name, unit, definition));
        }

        SummaryAmount(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }
    }

    /**
     * summary.md's closing glossary: each column it shows — {@code mainColumns} (the summary table's) then the
     * success-by-amount table's not already listed — with its unit and definition from this registry; a
     * {@code <column>_mean} of a protocol's own payment column takes the protocol's declaration (or, when the run did
     * not carry it, says where it is defined).
     *
     * @param protocolColumns the run's protocols' own payment columns, documented
     */
    public static String glossary(List<String> mainColumns, List<ColumnDoc> protocolColumns) {
        java.util.Map<String, ColumnDoc> docs = new java.util.LinkedHashMap<>();
        for (Summary c : Summary.values()) {
            docs.put(c.csvName(), c.doc());
        }
        java.util.LinkedHashSet<String> shown = new java.util.LinkedHashSet<>(mainColumns);
        for (SummaryAmount c : SummaryAmount.values()) {
            shown.add(c.csvName());
            docs.putIfAbsent(c.csvName(), c.doc());
        }
        StringBuilder sb = new StringBuilder("\n## Glossary\n\n")
                .append("Every column above, its unit and definition (results/COLUMNS.md has every file's).\n\n")
                .append("| column | unit | definition |\n|---|---|---|\n");
        for (String name : shown) {
            ColumnDoc d = docs.get(name);
            if (name.equals(SummaryAmount.SUCCESS_RATE.csvName())) {
                d = new ColumnDoc(name, "share", Summary.SUCCESS_RATE.doc().definition() + " (in the amount table: "
                        + "delivered / n of the bucket)");
            } else if (d == null && name.endsWith(Summary.MEAN_SUFFIX)) {
                String base = name.substring(0, name.length() - Summary.MEAN_SUFFIX.length());
                ColumnDoc p = protocolColumns.stream().filter(c -> c.name().equals(base)).findFirst().orElse(null);
                d = p != null ? new ColumnDoc(name, p.unit(), "mean over the payments of " + base + ": "
                        + p.definition()) : new ColumnDoc(name, "as " + base, "mean over the payments of " + base
                        + ", the protocol's own payments.csv column (see results/COLUMNS.md)");
            }
            if (d == null) {
                throw new IllegalStateException("summary column " + name + " is not in the registry");
            }
            row(sb, name, d);
        }
        return sb.toString();
    }

    /** {@code windows.csv}: one row per protocol and window of payments, protocol then window order. */
    public enum Window implements Column {
        PROTOCOL_NAME(PROTOCOL),
        WINDOW("window", "index", "the window's position, 0 first: windows of analysis.window_payments payments in "
                + "workload (payment-id) order, the last one partial"),
        FIRST_PAYMENT("first_payment", "—", "id of the window's first payment"),
        PAYMENTS("payments", "count", "payments in the window"),
        SUCCESS_RATE("success_rate", "share", "delivered payments / payments, in the window"),
        ATTEMPTS_MEAN("attempts_mean", "count", "attempts (parts included) per payment that sent at least one, in "
                + "the window; empty when none did"),
        FEE_PPM_P50("fee_ppm_p50", "ppm", "fee × 10^6 / amount over the window's delivered payments, nearest-rank "
                + "median; empty when none was delivered"),
        WARMUP("warmup", "0/1", "1 when the window holds payments of the warm-up (the first "
                + "analysis.warmup_payments), which summary.csv leaves out");

        private final ColumnDoc doc;

        Window(String name, String unit, String definition) {
            this(new ColumnDoc(name, unit, definition));
        }

        Window(ColumnDoc doc) {
            this.doc = doc;
        }

        @Override
        public ColumnDoc doc() {
            return doc;
        }
    }

    /**
     * Columns a group of protocols adds: to {@code payments.csv} (and their means to {@code summary.csv}) and to
     * {@code node_state.csv} (and its summary).
     *
     * @param protocols the protocols that report them, e.g. {@code ant, ant.selective}
     * @param payment   their {@code paymentColumns()}
     * @param state     their {@code stateColumns()}
     */
    public record ProtocolColumns(String protocols, List<ColumnDoc> payment, List<ColumnDoc> state) {
    }

    /** One results file: its name, what a row is, and its fixed columns. */
    private record FileDoc(String file, String rows, List<? extends Column> columns, String protocolPart) {
    }

    /**
     * {@code results/COLUMNS.md}: every file's columns with unit and definition, then the protocols' own columns
     * where they go. A pure function of the registry and {@code protocols}.
     */
    public static String markdown(List<ProtocolColumns> protocols) {
        List<FileDoc> files = List.of(
                new FileDoc(RunOutputs.PAYMENTS, "one row per protocol and payment, in protocol then payment-id "
                        + "order. The first 14 columns are CLoTH's payments_output.csv, so CLoTH's post-processing "
                        + "reads it.", List.of(Payment.values()), "payment"),
                new FileDoc(RunOutputs.NODES, "one row per protocol and node with channels: what it keeps and the "
                        + "messages it sent.", List.of(Node.values()), null),
                new FileDoc(RunOutputs.NODE_STATE, "one row per protocol and node with channels: its state and "
                        + "set-up traffic both ways.", List.of(NodeState.values()), "state"),
                new FileDoc(RunOutputs.NODE_STATE_SUMMARY, "one row per protocol and figure of node_state.csv.",
                        List.of(NodeStateSummary.values()), null),
                new FileDoc(RunOutputs.NODE_IDS, "one row per node of the network: who each node index is.",
                        List.of(NodeId.values()), null),
                new FileDoc(RunOutputs.WINDOWS, "one row per protocol and window of analysis.window_payments "
                        + "payments (default 1,000) in workload order: is the run stationary, or does it drift as "
                        + "balances drain? All payments, warm-up included (flagged).", List.of(Window.values()), null),
                new FileDoc(RunOutputs.SUMMARY_CSV, "one row per protocol, then the max-flow bound row when "
                        + "analysis.feasibility_bound is on. Its per-payment figures leave out the first "
                        + "analysis.warmup_payments payments of the workload (default 0). summary.md is the same "
                        + "table in Markdown without the Wilson interval columns, then a success-by-amount table "
                        + "with them, then a glossary.",
                        List.of(Summary.values()), "mean"),
                new FileDoc(RunOutputs.SUMMARY_MD + ", success by amount", "the table after summary.md's main "
                        + "one: a row per summary row and amount bucket with payments (summary.csv holds the same "
                        + "figures as success_*_sat, _n, _wilson_low and _wilson_high).",
                        List.of(SummaryAmount.values()), null));
        StringBuilder sb = new StringBuilder();
        sb.append("# Columns of a run's files\n\n")
                .append("Generated from `org.lnsim.results.run.RunColumns` and the protocols' column declarations; ")
                .append("regenerate with\n`./lnsim table columns > results/COLUMNS.md` (a test fails when this ")
                .append("file and the code disagree).\n\n")
                .append("Units: msat and µs unless the unit says otherwise; `count` is a number of things; ")
                .append("`share` a fraction in [0, 1];\n`0/1` a flag; `index` a node index (node-id order) or a ")
                .append("position; `—` a label. Empty cells mean \"not applicable\".\n");
        for (FileDoc f : files) {
            sb.append("\n## ").append(f.file()).append("\n\n").append(capitalised(f.rows())).append("\n\n");
            sb.append("| column | unit | definition |\n|---|---|---|\n");
            for (Column c : f.columns()) {
                row(sb, c.doc().name(), c.doc());
            }
            if (f.protocolPart() == null) {
                continue;
            }
            List<ProtocolColumns> with = protocols.stream().filter(p -> !columnsFor(p, f.protocolPart()).isEmpty())
                    .toList();
            if (with.isEmpty()) {
                continue;
            }
            sb.append("\n").append(switch (f.protocolPart()) {
                case "payment" -> "Then the union, in order of first appearance, of the protocols' own per-payment "
                        + "columns, empty for a protocol that does not report one:";
                case "state" -> "Then the union, in order of first appearance, of the protocols' own per-node "
                        + "figures, empty for a protocol that does not report one (each also a `figure` of "
                        + "node_state_summary.csv):";
                default -> "Between `discovery_ms_p99` and `share_of_bound`, for each protocol payment column of "
                        + "the run, `<column>_mean`: its mean over all the payments of each protocol, empty for "
                        + "protocols without it:";
            }).append("\n\n| column | unit | protocols | definition |\n|---|---|---|---|\n");
            for (ProtocolColumns p : with) {
                for (ColumnDoc d : columnsFor(p, f.protocolPart())) {
                    boolean mean = f.protocolPart().equals("mean");
                    sb.append("| `").append(mean ? d.name() + Summary.MEAN_SUFFIX : d.name()).append("` | ")
                            .append(d.unit()).append(" | ").append(p.protocols()).append(" | ")
                            .append(cell(mean ? "mean of " + d.name() + ": " + d.definition() : d.definition()))
                            .append(" |\n");
                }
            }
        }
        return sb.toString();
    }

    /**
     * The unit and definition of a {@code summary.csv} column by its name, for tables that show summary columns
     * away from {@code COLUMNS.md} (the sweep tables' glossary): a fixed {@link Summary} column, or
     * {@code <column>}{@value Summary#MEAN_SUFFIX} for a payment column declared in {@code protocols} (unit as the
     * column's, definition "mean of column: …" as in {@code COLUMNS.md}); empty when neither, so a caller never has
     * to invent a definition.
     *
     * @param protocols the protocols' own columns, as given to {@link #markdown}; may be empty
     */
    public static java.util.Optional<ColumnDoc> summaryColumn(String name, List<ProtocolColumns> protocols) {
        for (Summary c : Summary.values()) {
            if (c.csvName().equals(name)) {
                return java.util.Optional.of(c.doc());
            }
        }
        if (name.endsWith(Summary.MEAN_SUFFIX)) {
            String base = name.substring(0, name.length() - Summary.MEAN_SUFFIX.length());
            for (ProtocolColumns p : protocols) {
                for (ColumnDoc d : p.payment()) {
                    if (d.name().equals(base)) {
                        return java.util.Optional.of(new ColumnDoc(name, d.unit(), "mean of " + d.name() + ": "
                                + d.definition()));
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static List<ColumnDoc> columnsFor(ProtocolColumns p, String part) {
        return part.equals("state") ? p.state() : p.payment();
    }

    private static void row(StringBuilder sb, String name, ColumnDoc d) {
        sb.append("| `").append(name).append("` | ").append(d.unit()).append(" | ").append(cell(d.definition()))
                .append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
