/**
 * Experiments: configuration files and the runner that wires a network, a workload, the engine and several
 * protocols into one comparable run, then hands each finished engine to {@link org.lnsim.results.run.RunCollector}
 * and the run to {@link org.lnsim.results.run.RunOutputs}, which own what is kept and how it is written.
 *
 * <p>Contract: a configuration is validated completely before anything runs or is written — an unknown key, a wrong
 * type or an impossible value raises {@link org.lnsim.experiments.ConfigException} naming the file, the key and the
 * valid choices; every key, its default and its documentation is declared once, next to the immutable settings
 * record that reads it ({@link org.lnsim.experiments.ExperimentSettings} and the records it holds, and each
 * protocol's record in {@code protocols}), and {@link org.lnsim.experiments.ConfigSchema} arranges them into the
 * schema (the committed {@code experiments/configs/reference.yaml} is generated from it); after resolution the
 * runner reads typed fields, never a key by name; every protocol of a run sees the identical network, initial
 * balances and workload; all randomness comes from named streams of the one seed
 * ({@link org.lnsim.engine.RandomStreams}); results are a pure function of (config, seed); a run whose payments
 * cannot fit in the heap is refused before they are drawn ({@link org.lnsim.experiments.MemoryEstimate}).
 * This package is the top of the dependency tree: nothing else in lnsim depends on it.
 */
package org.lnsim.experiments;
