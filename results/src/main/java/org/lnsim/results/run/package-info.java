/**
 * Results of simulation runs: the per-payment records ({@code payments.csv}) and the per-protocol summary
 * ({@code summary.csv}, {@code summary.md}) that experiments write.
 *
 * <p>Contract: pure functions of the run's outcomes — same outcomes, byte-identical files (fixed column order, fixed
 * number formats in {@link java.util.Locale#ROOT}, rows in protocol then payment-id order); wall-clock figures never
 * appear here (they go to {@code timings.csv}). The summary's first columns and their names are a published interface
 * other tools read: {@link org.lnsim.results.run.RunSummary#REQUIRED_COLUMNS}.
 */
package org.lnsim.results.run;
