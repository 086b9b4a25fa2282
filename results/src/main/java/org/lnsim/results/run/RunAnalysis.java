package org.lnsim.results.run;

/**
 * How a run's payments are read into its figures ({@code analysis.*} of the experiment file).
 *
 * @param windowPayments payments per window of {@code windows.csv}, ≥ 1: windows of this many payments in workload
 *                       order, the last one partial ({@link RunWindows})
 * @param warmupPayments payments at the start of the workload left out of {@code summary.csv} (and
 *                       {@code summary.md}), ≥ 0: the figures describe the run once balances have drifted from their
 *                       initial split; {@code windows.csv} still shows them, flagged. When it is at least the
 *                       workload's size the summary's per-payment figures are empty
 */
public record RunAnalysis(int windowPayments, int warmupPayments) {
    /** Windows of 1,000 payments, no warm-up: the defaults. */
    public static final RunAnalysis DEFAULT = new RunAnalysis(1_000, 0);

    public RunAnalysis {
        if (windowPayments < 1 || warmupPayments < 0) {
            throw new IllegalArgumentException("window_payments must be >= 1 and warmup_payments >= 0");
        }
    }
}
