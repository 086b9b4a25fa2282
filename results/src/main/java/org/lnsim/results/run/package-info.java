/**
 * Results of simulation runs, owned here from the finished engine to the files: {@link
 * org.lnsim.results.run.RunCollector} reads each protocol's finished engine into a {@link
 * org.lnsim.results.run.ProtocolRun}; {@link org.lnsim.results.run.RunOutputs} writes the run's files atomically —
 * the per-payment records ({@code payments.csv}), the per-node files ({@code nodes.csv}, {@code node_state.csv},
 * {@code node_state_summary.csv}, {@code node_ids.csv}), the per-window figures ({@code windows.csv},
 * {@link org.lnsim.results.run.RunWindows}), the per-protocol summary ({@code summary.csv}, {@code summary.md}, after
 * the warm-up of {@link org.lnsim.results.run.RunAnalysis}), the manifest ({@link org.lnsim.results.run.RunManifest}) and {@code timings.csv}; {@link
 * org.lnsim.results.run.RunColumns} is the one registry of their columns (name, unit, definition), rendered into
 * {@code results/COLUMNS.md}.
 *
 * <p>Contract: pure functions of the run's outcomes — same outcomes, byte-identical files (fixed column order, fixed
 * number formats in {@link java.util.Locale#ROOT}, rows in protocol then payment-id order); wall-clock figures never
 * appear here but in {@code timings.csv}. Column names are published interfaces other tools read by name (CLoTH's
 * post-processing, {@code lnsim table}); the summary's leading ones are {@link
 * org.lnsim.results.run.RunSummary#REQUIRED_COLUMNS}.
 */
package org.lnsim.results.run;
