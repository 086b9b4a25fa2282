package org.lnsim.results.run;

import java.io.IOException;
import java.io.Writer;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.network.stats.NetworkStatistics;

/**
 * {@code windows.csv}: each protocol's payments in windows of {@link RunAnalysis#windowPayments} in workload order
 * (payment-id order; the last window partial), with the success rate, the mean attempts over the payments that sent
 * one and the median fee of each: whether a run is stationary or drifts as balances drain (in the quickstart the
 * source pay loop's attempts per payment climb from window to window; issue 18), and how long a warm-up to leave out
 * ({@link RunAnalysis#warmupPayments}: windows that hold any warm-up payment are flagged). Figures are defined as in
 * {@code summary.csv} ({@link RunSummary}), over the window's payments; empty where the window has none to average.
 */
public final class RunWindows {
    /** {@link RunColumns.Window}. */
    public static final String HEADER = RunColumns.header(RunColumns.Window.class);

    private RunWindows() {
    }

    public static void write(Writer out, List<ProtocolRun> runs, RunAnalysis analysis) throws IOException {
        DecimalFormat rate = format(4);
        DecimalFormat attempts = format(3);
        DecimalFormat fee = format(1);
        out.write(HEADER);
        out.write('\n');
        int size = analysis.windowPayments();
        StringBuilder row = new StringBuilder(96);
        for (ProtocolRun run : runs) {
            List<PaymentOutcome> all = run.outcomes();
            for (int w = 0, from = 0; from < all.size(); w++, from += size) {
                int to = Math.min(all.size(), from + size);
                int delivered = 0;
                int sent = 0;
                long attemptSum = 0;
                double[] ppm = new double[to - from];
                for (PaymentOutcome o : all.subList(from, to)) {
                    if (o.attempts() > 0) {
                        sent++;
                        attemptSum += o.attempts();
                    }
                    if (o.success()) {
                        ppm[delivered++] = o.feeMsat() * 1e6 / o.payment().amountMsat();
                    }
                }
                double[] fees = Arrays.copyOf(ppm, delivered);
                Arrays.sort(fees);
                row.setLength(0);
                row.append(run.protocol()).append(',').append(w).append(',').append(all.get(from).payment().id())
                        .append(',').append(to - from).append(',').append(rate.format((double) delivered / (to - from)))
                        .append(',').append(sent == 0 ? "" : attempts.format((double) attemptSum / sent)).append(',')
                        .append(delivered == 0 ? "" : fee.format(fees[NetworkStatistics.nearestRankIndex(delivered, 50)]))
                        .append(',').append(from < analysis.warmupPayments() ? 1 : 0).append('\n');
                out.append(row);
            }
        }
    }

    /** {@code decimals} fixed places, Locale.ROOT, half-even: summary.csv's number format. */
    private static DecimalFormat format(int decimals) {
        return new DecimalFormat("0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
    }
}
