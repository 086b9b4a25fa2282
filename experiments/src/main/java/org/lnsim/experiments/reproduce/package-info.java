/**
 * The committed results tables as recipes: {@code results/tables/NAME.yaml} defines {@code NAME.md}
 * ({@link org.lnsim.experiments.reproduce.Recipe}), and {@link org.lnsim.experiments.reproduce.Reproducer} rebuilds it
 * in a temporary folder by running the experiment files it names (as sweeps, so their runs share a network) and the
 * lnsim commands it quotes.
 *
 * <p>Contract: a table is a pure function of its recipe, lnsim's code, the shipped data and the seeds, so a rebuild
 * gives the committed bytes ({@code lnsim reproduce NAME --check}); nothing here writes outside the work folder but
 * the figures a recipe asks for ({@code results/figures/NAME/}). The CLI writes the table itself, atomically.
 */
package org.lnsim.experiments.reproduce;
