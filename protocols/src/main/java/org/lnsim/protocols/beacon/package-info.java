/**
 * {@code beacon}: Flare-style routing with partial knowledge (Prihodko et al. 2016; lightning-facts §5). Each node
 * keeps the channels within hop radius r and paths to its beacons — the nodes XOR-closest to its id — and a sender
 * routes with {@code source}'s hybrid router over the union of its own table, the receiver's and those it asks for.
 *
 * <p>Contract: tables are pure functions of the public graph and the options, computed on demand with reusable
 * scratch (never one table per node in memory); only sizes and beacon paths are kept per node. The sender never
 * routes over a channel outside the tables it holds. All costs (set-up, tables with payments, table requests,
 * channel_update churn) are charged through the engine's control accounting at BOLT 7 / BOLT 4 sizes
 * ({@link org.lnsim.protocols.beacon.BeaconMessages}); set-up replays the prototype's beacon requests and
 * suggestions ({@link org.lnsim.protocols.beacon.BeaconDiscovery}) and is charged in bulk per node. Results do not depend on the number of threads used to
 * prepare the tables.
 */
package org.lnsim.protocols.beacon;
