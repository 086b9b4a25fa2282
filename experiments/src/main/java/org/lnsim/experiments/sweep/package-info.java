/**
 * Sweeps: an experiment file's {@code sweep:} axes and {@code replications} expanded into units
 * ({@link org.lnsim.experiments.sweep.SweepPlan}), each an ordinary run, run resumably into one folder
 * ({@link org.lnsim.experiments.sweep.SweepRunner}, {@link org.lnsim.experiments.sweep.SweepFolder}).
 *
 * <p>Contract: a unit's outputs are byte-identical to {@code lnsim run} of its settings (the file with the cell's
 * axis values set and {@code replication: r}), whatever the thread count, whether it shares its network with other
 * units, and whether the sweep was killed and resumed on the way; only {@code timings.csv} and
 * {@code unit_timings.csv} hold wall-clock figures. A unit is done exactly when its folder exists (renamed into place
 * whole); a resumed sweep refuses done units whose settings or code changed unless forced. Nothing here prints or
 * exits: the CLI ({@code org.lnsim.cli.SweepCommand}) turns exceptions into exit codes.
 *
 * <p>Beyond one process (issue 19): {@link org.lnsim.experiments.sweep.SweepShard} deals the units into N balanced,
 * deterministic shares that processes run into one folder at once; {@link org.lnsim.experiments.sweep.SweepMerge}
 * then writes the tables from the folder alone (the plan is in {@code sweep.json}), byte-identical to a
 * single-process sweep, or names the missing units; {@link org.lnsim.experiments.sweep.SlurmScripts} writes the
 * job array and merge job that do this on a Slurm cluster.
 */
package org.lnsim.experiments.sweep;
