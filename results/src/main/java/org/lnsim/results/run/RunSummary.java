package org.lnsim.results.run;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.network.stats.NetworkStatistics;
import org.lnsim.results.run.RunColumns.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * The per-protocol summary of a run, one row per protocol, as a tablesaw {@link Table}, written as CSV and Markdown.
 *
 * <p>Definitions (over the protocol's payments):
 * <ul>
 *   <li>{@code success_rate}: delivered payments / payments; {@code attempts_mean}: attempts (parts included) per
 *       payment that sent at least one, and {@code no_route}: the payments that sent none (the protocol found no
 *       route) — counting those as 0 attempts made a router that gives up early look cheaper than one attempt
 *       (the oracle's 0.951 in the quickstart; issue 18);</li>
 *   <li>{@code fee_ppm_p50/p99}: fee × 10^6 / amount over delivered payments, nearest-rank percentiles;</li>
 *   <li>{@code hops_mean/max}: hop count of delivered payments (longest part);</li>
 *   <li>{@code latency_ms_p50/p90/p99}: arrival to outcome of delivered payments, from an HdrHistogram of µs with 4
 *       significant digits (a value is reported within 0.01% of the exact one);</li>
 *   <li>{@code messages_per_payment}, {@code bytes_per_payment}: per-payment traffic — payment messages and the
 *       protocols' control messages attributed to payments — over the payments. Set-up (e.g. the full gossip sync)
 *       is not in them: it does not grow with the payments, so dividing it by them made the figure a function of
 *       the workload's length (28.7M messages per payment for {@code source} at 10,000 payments on 1M channels,
 *       2.87B at 100; issue 18). It is reported per node instead;</li>
 *   <li>{@code state_bytes_p50/max}: per-node routing state over nodes with channels;</li>
 *   <li>{@code setup_messages_per_node_p50/p99/max}: control messages a node sent outside payments, and
 *       {@code setup_bytes_per_node_p50/p99/max}: bytes it sent plus bytes it received outside payments (its
 *       link's set-up load: a full-gossip node receives the whole gossip but sends little), nearest rank over the
 *       nodes with channels, as {@code node_state_summary.csv} computes them; empty without per-node figures;</li>
 *   <li>{@code parts_mean/max}: parts that delivered, over delivered payments (1 for single-path schemes);</li>
 *   <li>then the success rate by amount bucket (sat): below 1k, 1k–10k, 10k–100k, 100k–1M, 1M and above (empty
 *       where a bucket has no payment), each followed by its n ({@code _n}) and its Wilson score 95% interval
 *       ({@code _wilson_low}, {@code _wilson_high}; {@link #wilson}): "0.5000" alone hid that it was 3 of 6 payments
 *       (issue 18). The Wilson interval, not the normal one, because buckets are often small and rates near 0 or
 *       1, where the normal interval leaves [0, 1] or shrinks to nothing. summary.csv holds all four columns per
 *       bucket (tools read them by name); summary.md shows the rate and n in its main table and the intervals in a
 *       success-by-amount table below it ({@link #markdownReport});</li>
 *   <li>only when some payment was settled in part (receivers claiming MPP parts early): {@code partial_rate};</li>
 *   <li>only when the run's policies change ({@code policy_updates}): {@code policy_failures_mean};</li>
 *   <li>only when a protocol of the run reports them: {@code discovery_ms_p50/p99}, the simulated time spent
 *       discovering routes before HTLCs, over all payments, and the mean of each protocol's own payment column
 *       ({@code table_requests_mean}, …);</li>
 *   <li>only with the {@value #BOUND_ROW} row, as the last column: {@code share_of_bound}, each row's success rate
 *       divided by the bound's (1 on the bound row; empty when the bound is 0): how close each protocol gets.</li>
 * </ul>
 * Missing values (no delivered payment) are written as empty cells.
 */
public final class RunSummary {
    /** The published leading columns, in order (other tools read them by name). */
    public static final List<String> REQUIRED_COLUMNS = java.util.stream.Stream.of(Summary.values())
            .limit(Summary.STATE_BYTES_MAX.ordinal() + 1).map(RunColumns.Column::csvName).toList();
    /** Amount bucket bounds in sat and their column names. */
    static final long[] BUCKET_UPPER_SAT = {1_000, 10_000, 100_000, 1_000_000, Long.MAX_VALUE};
    static final List<String> BUCKET_COLUMNS = Summary.BUCKETS.stream().map(RunColumns.Column::csvName)
            .toList();
    /** The buckets as summary.md's success-by-amount table names them, in amount order. */
    static final List<String> BUCKET_LABELS = List.of("< 1k", "1k–10k", "10k–100k", "100k–1M", "≥ 1M");
    /** The normal quantile of 97.5%: a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private RunSummary() {
    }

    /**
     * The runs without the first {@code warmup} payments of the workload (payment-id order; {@code
     * analysis.warmup_payments}): what the summary's per-payment figures are taken over. Per-node figures (state,
     * set-up) are kept whole. The runs as they are when {@code warmup} is 0.
     */
    public static List<ProtocolRun> afterWarmup(List<ProtocolRun> runs, int warmup) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0");
        }
        if (warmup == 0) {
            return runs;
        }
        return runs.stream().map(r -> new ProtocolRun(r.protocol(), r.outcomes().subList(Math.min(warmup,
                r.outcomes().size()), r.outcomes().size()), r.stateBytes(), r.setupMessages(), r.setupBytes(),
                r.nodes(), r.paymentColumns(), r.paymentColumnDocs(), r.changes())).toList();
    }

    /** Name of the feasibility-bound row. */
    public static final String BOUND_ROW = "max-flow bound";

    public static Table table(List<ProtocolRun> runs) {
        return table(runs, null);
    }

    /**
     * The summary, plus, when {@code bound} is given, a last row {@value #BOUND_ROW}: the share of the payments (all,
     * and by amount bucket) that some flow over the initial balances could deliver, each payment on its own
     * (lightning-facts §7.5) — where a router's success rate stands against perfect splitting with perfect knowledge.
     * Its other cells are empty. With it comes a last column, {@code share_of_bound}: each row's success rate over the
     * bound's.
     *
     * @param bound the workload's payments, each with whether it is feasible; null for no bound row
     */
    public static Table table(List<ProtocolRun> runs, List<Bound> bound) {
        StringColumn protocol = StringColumn.create(Summary.PROTOCOL_NAME.csvName());
        IntColumn payments = IntColumn.create(Summary.PAYMENTS.csvName());
        DoubleColumn success = fixed(Summary.SUCCESS_RATE.csvName(), 4);
        DoubleColumn attempts = fixed(Summary.ATTEMPTS_MEAN.csvName(), 3);
        IntColumn noRoute = IntColumn.create(Summary.NO_ROUTE.csvName());
        DoubleColumn feeP50 = fixed(Summary.FEE_PPM_P50.csvName(), 1);
        DoubleColumn feeP99 = fixed(Summary.FEE_PPM_P99.csvName(), 1);
        DoubleColumn hopsMean = fixed(Summary.HOPS_MEAN.csvName(), 3);
        IntColumn hopsMax = IntColumn.create(Summary.HOPS_MAX.csvName());
        DoubleColumn latP50 = fixed(Summary.LATENCY_MS_P50.csvName(), 1);
        DoubleColumn latP90 = fixed(Summary.LATENCY_MS_P90.csvName(), 1);
        DoubleColumn latP99 = fixed(Summary.LATENCY_MS_P99.csvName(), 1);
        DoubleColumn msgs = fixed(Summary.MESSAGES_PER_PAYMENT.csvName(), 1);
        DoubleColumn bytes = fixed(Summary.BYTES_PER_PAYMENT.csvName(), 1);
        LongColumn stateP50 = LongColumn.create(Summary.STATE_BYTES_P50.csvName());
        LongColumn stateMax = LongColumn.create(Summary.STATE_BYTES_MAX.csvName());
        LongColumn[] setup = new LongColumn[6];
        for (int c = 0; c < setup.length; c++) {
            setup[c] = LongColumn.create(Summary.values()[Summary.SETUP_MESSAGES_PER_NODE_P50.ordinal() + c]
                    .csvName());
        }
        DoubleColumn partsMean = fixed(Summary.PARTS_MEAN.csvName(), 3);
        IntColumn partsMax = IntColumn.create(Summary.PARTS_MAX.csvName());
        DoubleColumn[] buckets = new DoubleColumn[BUCKET_COLUMNS.size()];
        IntColumn[] bucketN = new IntColumn[buckets.length];
        DoubleColumn[] bucketLow = new DoubleColumn[buckets.length];
        DoubleColumn[] bucketHigh = new DoubleColumn[buckets.length];
        for (int b = 0; b < buckets.length; b++) {
            String name = BUCKET_COLUMNS.get(b);
            buckets[b] = fixed(name, 4);
            bucketN[b] = IntColumn.create(name + Summary.N_SUFFIX);
            bucketLow[b] = fixed(name + Summary.WILSON_LOW_SUFFIX, 4);
            bucketHigh[b] = fixed(name + Summary.WILSON_HIGH_SUFFIX, 4);
        }
        for (ProtocolRun run : runs) {
            List<PaymentOutcome> all = run.outcomes();
            int n = all.size();
            int delivered = 0;
            long attemptSum = 0;
            int none = 0;
            long msgSum = 0;
            long byteSum = 0;
            int maxHops = 0;
            long hopSum = 0;
            long partSum = 0;
            int maxParts = 0;
            double[] feePpm = new double[n];
            Histogram latency = new Histogram(4);
            int[] bucketAll = new int[buckets.length];
            int[] bucketOk = new int[buckets.length];
            for (PaymentOutcome o : all) {
                attemptSum += o.attempts();
                none += o.attempts() == 0 ? 1 : 0;
                msgSum += o.messages();
                byteSum += o.bytes();
                int b = bucket(o.payment().amountMsat());
                bucketAll[b]++;
                if (o.success()) {
                    bucketOk[b]++;
                    feePpm[delivered++] = o.feeMsat() * 1e6 / o.payment().amountMsat();
                    hopSum += o.hops();
                    maxHops = Math.max(maxHops, o.hops());
                    partSum += o.parts();
                    maxParts = Math.max(maxParts, o.parts());
                    latency.recordValue(Math.max(0, o.latencyUs()));
                }
            }
            double[] fees = Arrays.copyOf(feePpm, delivered);
            Arrays.sort(fees);
            protocol.append(run.protocol());
            payments.append(n);
            success.append(n == 0 ? Double.NaN : (double) delivered / n);
            attempts.append(n == none ? Double.NaN : (double) attemptSum / (n - none));
            noRoute.append(none);
            feeP50.append(nearestRank(fees, 50));
            feeP99.append(nearestRank(fees, 99));
            hopsMean.append(delivered == 0 ? Double.NaN : (double) hopSum / delivered);
            hopsMax.append(maxHops);
            latP50.append(delivered == 0 ? Double.NaN : latency.getValueAtPercentile(50) / 1000.0);
            latP90.append(delivered == 0 ? Double.NaN : latency.getValueAtPercentile(90) / 1000.0);
            latP99.append(delivered == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1000.0);
            msgs.append(n == 0 ? Double.NaN : (double) msgSum / n);
            bytes.append(n == 0 ? Double.NaN : (double) byteSum / n);
            long[] state = run.stateBytes().clone();
            Arrays.sort(state);
            stateP50.append(state.length == 0 ? 0 : state[NetworkStatistics.nearestRankIndex(state.length, 50)]);
            stateMax.append(state.length == 0 ? 0 : state[state.length - 1]);
            appendSetupPerNode(setup, run);
            partsMean.append(delivered == 0 ? Double.NaN : (double) partSum / delivered);
            partsMax.append(maxParts);
            appendBuckets(buckets, bucketN, bucketLow, bucketHigh, bucketOk, bucketAll);
        }
        if (bound != null) {
            int[] all = new int[buckets.length];
            int[] ok = new int[buckets.length];
            int feasible = 0;
            for (Bound x : bound) {
                int b = bucket(x.amountMsat());
                all[b]++;
                if (x.feasible()) {
                    ok[b]++;
                    feasible++;
                }
            }
            protocol.append(BOUND_ROW);
            payments.append(bound.size());
            success.append(bound.isEmpty() ? Double.NaN : (double) feasible / bound.size());
            noRoute.appendMissing();
            for (DoubleColumn c : new DoubleColumn[] {attempts, feeP50, feeP99, hopsMean, latP50, latP90, latP99, msgs,
                    bytes, partsMean}) {
                c.append(Double.NaN);
            }
            hopsMax.appendMissing();
            partsMax.appendMissing();
            stateP50.appendMissing();
            stateMax.appendMissing();
            for (LongColumn c : setup) {
                c.appendMissing();
            }
            appendBuckets(buckets, bucketN, bucketLow, bucketHigh, ok, all);
        }
        Table t = Table.create("summary", protocol, payments, success, attempts, noRoute, feeP50, feeP99, hopsMean, hopsMax,
                latP50, latP90, latP99, msgs, bytes, stateP50, stateMax);
        t.addColumns(setup);
        t.addColumns(partsMean, partsMax);
        for (int b = 0; b < buckets.length; b++) {
            t.addColumns(buckets[b], bucketN[b], bucketLow[b], bucketHigh[b]);
        }
        addDiscoveryColumns(t, runs, bound != null);
        if (bound != null) {
            t.addColumns(shareOfBound(success));
        }
        return t;
    }

    /** One row's bucket cells: rate, n and Wilson interval; rate and interval empty where n is 0. */
    private static void appendBuckets(DoubleColumn[] rate, IntColumn[] n, DoubleColumn[] low, DoubleColumn[] high,
                                      int[] ok, int[] all) {
        for (int b = 0; b < rate.length; b++) {
            double[] w = wilson(ok[b], all[b]);
            rate[b].append(all[b] == 0 ? Double.NaN : (double) ok[b] / all[b]);
            n[b].append(all[b]);
            low[b].append(w[0]);
            high[b].append(w[1]);
        }
    }

    /**
     * The Wilson score interval of {@code k} successes in {@code n} trials at z = {@link #Z95} (E. B. Wilson, 1927):
     * centre (p + z²/2n) / (1 + z²/n), half-width z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²), with p = k / n. It stays
     * within [0, 1] and is not empty at k = 0 or k = n. NaN for both ends when n is 0.
     *
     * @return {low, high}
     */
    public static double[] wilson(long k, long n) {
        if (n <= 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * p2 − p1 of two independent proportions k1/n1 and k2/n2 with Newcombe's hybrid score interval (Newcombe 1998,
     * Statistics in Medicine 17, method 10): (δ − √((p2 − l2)² + (u1 − p1)²), δ + √((u2 − p2)² + (p1 − l1)²)),
     * where [l, u] are the two {@link #wilson} intervals.
     *
     * @return {difference, low, high}
     */
    public static double[] newcombe(long k1, long n1, long k2, long n2) {
        if (n1 < 1 || n2 < 1 || k1 < 0 || k1 > n1 || k2 < 0 || k2 > n2) {
            throw new IllegalArgumentException("Newcombe interval of " + k1 + "/" + n1 + " and " + k2 + "/" + n2);
        }
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double[] w1 = wilson(k1, n1);
        double[] w2 = wilson(k2, n2);
        double d = p2 - p1;
        return new double[] {d, d - Math.sqrt(Math.pow(p2 - w2[0], 2) + Math.pow(w1[1] - p1, 2)),
                d + Math.sqrt(Math.pow(w2[1] - p2, 2) + Math.pow(p1 - w1[0], 2))};
    }

    /**
     * The six set-up columns of one run: messages sent, then bytes sent + received, each p50 / p99 / max by nearest
     * rank over the nodes with channels ({@link NodeStateCsv#writeSummary} ranks the same way); missing cells when
     * the run has no per-node figures.
     */
    private static void appendSetupPerNode(LongColumn[] setup, ProtocolRun run) {
        ProtocolRun.NodeSetup s = run.nodes() == null ? null : run.nodes().setup();
        if (s == null || s.messagesSent().length == 0) {
            for (LongColumn c : setup) {
                c.appendMissing();
            }
            return;
        }
        long[] messages = s.messagesSent().clone();
        long[] bytes = new long[messages.length];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = s.bytesSent()[k] + s.bytesReceived()[k];
        }
        int c = 0;
        for (long[] v : new long[][] {messages, bytes}) {
            Arrays.sort(v);
            setup[c++].append(v[NetworkStatistics.nearestRankIndex(v.length, 50)]);
            setup[c++].append(v[NetworkStatistics.nearestRankIndex(v.length, 99)]);
            setup[c++].append(v[v.length - 1]);
        }
    }

    /**
     * {@code share_of_bound}: each row's success rate over the bound row's (the last), so how close each protocol
     * gets to what any flow could deliver; the bound row itself shows 1; empty where either rate is missing or the
     * bound is 0.
     */
    private static DoubleColumn shareOfBound(DoubleColumn success) {
        DoubleColumn share = fixed(Summary.SHARE_OF_BOUND.csvName(), 4);
        double bound = success.getDouble(success.size() - 1);
        for (int r = 0; r < success.size(); r++) {
            double rate = success.getDouble(r);
            share.append(Double.isNaN(bound) || bound == 0 || Double.isNaN(rate) ? Double.NaN : rate / bound);
        }
        return share;
    }

    /**
     * When receivers claimed part of some undelivered payment, {@code partial_rate}: the share of payments settled in
     * part only. When some protocol discovers routes over simulated time (table requests, floods), {@code discovery_ms_p50/p99}
     * over all its payments (nearest rank); then {@code <column>_mean} for each protocol's own payment column, over
     * all its payments, empty for protocols without it. Absent otherwise, so summaries of schemes that route from
     * what they hold keep their columns.
     */
    private static void addDiscoveryColumns(Table t, List<ProtocolRun> runs, boolean boundRow) {
        if (runs.stream().anyMatch(r -> r.outcomes().stream().anyMatch(PaymentOutcome::partial))) {
            DoubleColumn partial = fixed(Summary.PARTIAL_RATE.csvName(), 4);
            for (ProtocolRun run : runs) {
                long n = run.outcomes().size();
                partial.append(n == 0 ? Double.NaN
                        : run.outcomes().stream().filter(PaymentOutcome::partial).count() / (double) n);
            }
            if (boundRow) {
                partial.append(Double.NaN);
            }
            t.addColumns(partial);
        }
        if (runs.stream().anyMatch(r -> r.outcomes().stream().anyMatch(o -> o.policyFailures() >= 0))) {
            DoubleColumn policy = fixed(Summary.POLICY_FAILURES_MEAN.csvName(), 4);
            for (ProtocolRun run : runs) {
                policy.append(run.outcomes().stream().mapToInt(PaymentOutcome::policyFailures).filter(f -> f >= 0)
                        .average().orElse(Double.NaN));
            }
            if (boundRow) {
                policy.append(Double.NaN);
            }
            t.addColumns(policy);
        }
        if (runs.stream().anyMatch(r -> r.changes() != null)) {
            DoubleColumn closes = fixed(Summary.CHANNEL_CLOSES.csvName(), 0);
            DoubleColumn opens = fixed(Summary.CHANNEL_OPENS.csvName(), 0);
            for (ProtocolRun run : runs) {
                closes.append(run.changes() == null ? Double.NaN : run.changes().closes());
                opens.append(run.changes() == null ? Double.NaN : run.changes().opens());
            }
            if (boundRow) {
                closes.append(Double.NaN);
                opens.append(Double.NaN);
            }
            t.addColumns(closes, opens);
        }
        boolean discovery = runs.stream().anyMatch(r -> r.outcomes().stream().anyMatch(o -> o.discoveryUs() > 0));
        java.util.LinkedHashSet<String> extra = new java.util.LinkedHashSet<>();
        runs.forEach(r -> extra.addAll(r.paymentColumns()));
        if (discovery) {
            DoubleColumn p50 = fixed(Summary.DISCOVERY_MS_P50.csvName(), 1);
            DoubleColumn p99 = fixed(Summary.DISCOVERY_MS_P99.csvName(), 1);
            for (ProtocolRun run : runs) {
                long[] us = run.outcomes().stream().mapToLong(PaymentOutcome::discoveryUs).sorted().toArray();
                p50.append(us.length == 0 ? Double.NaN : us[NetworkStatistics.nearestRankIndex(us.length, 50)] / 1e3);
                p99.append(us.length == 0 ? Double.NaN : us[NetworkStatistics.nearestRankIndex(us.length, 99)] / 1e3);
            }
            if (boundRow) {
                p50.append(Double.NaN);
                p99.append(Double.NaN);
            }
            t.addColumns(p50, p99);
        }
        for (String name : extra) {
            DoubleColumn mean = fixed(name + Summary.MEAN_SUFFIX, 3);
            for (ProtocolRun run : runs) {
                int c = run.paymentColumns().indexOf(name);
                mean.append(c < 0 || run.outcomes().isEmpty() ? Double.NaN
                        : run.outcomes().stream().mapToLong(o -> o.columns()[c]).sum()
                        / (double) run.outcomes().size());
            }
            if (boundRow) {
                mean.append(Double.NaN);
            }
            t.addColumns(mean);
        }
    }

    /** The table as CSV, numbers in their fixed formats, missing values empty. */
    public static String csv(Table t) {
        StringWriter w = new StringWriter();
        try {
            t.write().csv(CsvWriteOptions.builder(w).usePrintFormatters(true).lineEnd("\n").build());
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("writing the summary CSV failed", e));
        }
        return w.toString();
    }

    /**
     * summary.md's body: the summary without its Wilson interval columns (each bucket's rate with its n beside it),
     * then a success-by-amount table — per row and bucket with payments: n, delivered, rate and its Wilson 95%
     * interval — so the main table stays readable and no interval is lost; then a glossary of every column shown
     * ({@link RunColumns#glossary}).
     *
     * @param protocolColumns the protocols' own payment columns, documented, for their means' glossary lines
     */
    public static String markdownReport(Table t, List<ColumnDoc> protocolColumns) {
        Table main = t.copy();
        for (String name : t.columnNames()) {
            if (name.endsWith(Summary.WILSON_LOW_SUFFIX) || name.endsWith(Summary.WILSON_HIGH_SUFFIX)) {
                main.removeColumns(name);
            }
        }
        StringBuilder sb = new StringBuilder(markdown(main));
        sb.append("\n## Success by amount\n\n")
                .append("Per amount bucket (sat) with payments: n, delivered, the success rate and its Wilson score ")
                .append("95% interval (z = 1.96).\n\n")
                .append("| ").append(String.join(" | ", RunColumns.header(RunColumns.SummaryAmount.class)
                        .split(","))).append(" |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        for (int r = 0; r < t.rowCount(); r++) {
            for (int b = 0; b < BUCKET_COLUMNS.size(); b++) {
                String name = BUCKET_COLUMNS.get(b);
                int n = t.intColumn(name + Summary.N_SUFFIX).getInt(r);
                if (n == 0) {
                    continue;
                }
                long ok = Math.round(t.doubleColumn(name).getDouble(r) * n);
                sb.append("| ").append(t.stringColumn(Summary.PROTOCOL_NAME.csvName()).get(r)).append(" | ")
                        .append(BUCKET_LABELS.get(b)).append(" | ").append(n).append(" | ").append(ok).append(" | ")
                        .append(t.column(name).getString(r)).append(" | ")
                        .append(t.column(name + Summary.WILSON_LOW_SUFFIX).getString(r)).append(" | ")
                        .append(t.column(name + Summary.WILSON_HIGH_SUFFIX).getString(r)).append(" |\n");
            }
        }
        sb.append(RunColumns.glossary(main.columnNames(), protocolColumns));
        return sb.toString();
    }

    /** The table as a GitHub-flavoured Markdown table with the same cells as the CSV. */
    public static String markdown(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append('|');
        for (Column<?> c : t.columns()) {
            sb.append(' ').append(c.name()).append(" |");
        }
        sb.append("\n|");
        for (Column<?> c : t.columns()) {
            sb.append(c instanceof StringColumn ? "---|" : "---:|");
        }
        sb.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append('|');
            for (Column<?> c : t.columns()) {
                sb.append(' ').append(c.getString(r)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One payment of the workload and whether any flow over the initial balances could deliver it. */
    public record Bound(long amountMsat, boolean feasible) {
    }

    /**
     * The amount-bucket column ({@code success_lt_1k_sat} … {@code success_ge_1m_sat}) a payment of
     * {@code amountMsat} counts in, by the bounds of {@link #table}, for readers that recount a bucket from
     * {@code payments.csv} (the sweep tables' pooled intervals).
     */
    public static String bucketColumn(long amountMsat) {
        return BUCKET_COLUMNS.get(bucket(amountMsat));
    }

    /** The amount-bucket columns, in amount order. */
    public static List<String> bucketColumns() {
        return BUCKET_COLUMNS;
    }

    static int bucket(long amountMsat) {
        long sat = amountMsat / 1000;
        for (int b = 0; b < BUCKET_UPPER_SAT.length; b++) {
            if (sat < BUCKET_UPPER_SAT[b]) {
                return b;
            }
        }
        return BUCKET_UPPER_SAT.length - 1;
    }

    private static double nearestRank(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[NetworkStatistics.nearestRankIndex(sorted.length, p)];
    }

    /** A double column printed with {@code decimals} fixed places, no grouping, Locale.ROOT; NaN prints empty. */
    private static DoubleColumn fixed(String name, int decimals) {
        DoubleColumn c = DoubleColumn.create(name);
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        c.setPrintFormatter(new NumberColumnFormatter(f, ""));
        return c;
    }
}
