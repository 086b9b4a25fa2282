/**
 * Workloads: the payments a run replays. Generated ones draw every number from the run's {@code "workload"} stream
 * only, so every protocol of a run, and every rerun with the same seed, sees the identical list; traces in CLoTH's
 * {@code payments.csv} format are read by {@code org.lnsim.network.io.ClothPaymentsTrace} (with the other readers, in
 * the network module) and numbered here ({@link org.lnsim.engine.workload.WorkloadGenerator#fromTrace}).
 *
 * <p>Contract: payments have unique ids in arrival order, arrival times in µs that never decrease, sender ≠
 * receiver, and positive amounts in msat. Generated endpoints are nodes with a usable (known, enabled) channel in
 * each direction — real snapshots hold nodes whose channels are all disabled, which could neither pay nor be paid;
 * a trace may name any node with channels.
 */
package org.lnsim.engine.workload;
