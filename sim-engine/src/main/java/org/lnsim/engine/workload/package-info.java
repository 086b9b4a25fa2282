/**
 * Workloads: the payments a run replays. Generated ones draw every number from the run's {@code "workload"} stream
 * only, so every protocol of a run, and every rerun with the same seed, sees the identical list; traces are read from
 * CLoTH's {@code payments.csv} format.
 *
 * <p>Contract: payments have unique ids in arrival order, arrival times in µs that never decrease, sender ≠
 * receiver, both with at least one channel, and positive amounts in msat.
 */
package org.lnsim.engine.workload;
