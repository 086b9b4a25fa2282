/**
 * The Million Channels Project (MCP) network generator (lightning-facts §1): {@link
 * org.lnsim.network.generate.McpFitter} fits MCP's model to a snapshot into an {@link
 * org.lnsim.network.generate.McpFit} (small deterministic JSON; {@link org.lnsim.network.generate.McpDefaults} embeds
 * the 2019-05-14 fit), and {@link org.lnsim.network.generate.McpGenerator} builds a {@link
 * org.lnsim.network.ChannelGraph} of up to 10M channels from it. {@link
 * org.lnsim.network.generate.WattsStrogatzGenerator} builds the Watts–Strogatz small-world network of the Flare
 * prototype's simulator (lightning-facts §5) with JGraphT's generator; node ids, short channel ids, aliases and MCP's
 * uniform policy are made by the same package-private helpers ({@code GeneratedParts}) in both.
 *
 * <p>Contract: both generators give no self-loops and no two channels between the same pair, and are pure functions
 * of their inputs and seed — every random draw comes from a named {@link org.lnsim.random.NamedStreams} stream — so
 * the same inputs give a byte-identical native file. The MCP generator's output is connected and respects the
 * per-node channel cap; the Watts–Strogatz output has exactly n·k/2 channels and is connected for p = 0, otherwise
 * with high probability. Capacities are real satoshis (MCP's regtest scaling, §1.3 step 6, is not applied).
 * Progress goes to a {@link org.lnsim.network.generate.GenerationProgress} listener; this package knows nothing of
 * the command line.
 *
 * <p>One deliberate departure from MCP, selectable: the degree law is by default fitted by maximum likelihood
 * ({@link org.lnsim.network.generate.McpFitter#fitDegreeLawMle}); MCP's least-squares fit is kept in the fit and used
 * with {@link org.lnsim.network.generate.McpGenerator.DegreeFit#LSQ}. On the 2019-05-14 snapshot the least-squares
 * exponent is 1.448, a law whose mean degree grows with the channel cap (about 11K nodes for 1M channels instead of
 * MCP's 94K); MCP's published 1M network matches the 2019-01-18 snapshot's least-squares law (a = 2.115), which the
 * likelihood fit of 2019-05-14 (a = 2.150) resembles.
 *
 * <p>A second departure, the default since issue 22: direction policies are drawn per node ({@link
 * org.lnsim.network.generate.NodePolicies}, fitted into the fit's {@code node_policies}: a home policy per node,
 * deviating directions, offline nodes and disabled directions by degree class) instead of independently per
 * direction, which stays available as {@link org.lnsim.network.generate.McpGenerator.PolicyMode#DIRECTION} and
 * gives the same bytes as before. With it the channel graph stays connected but its usable part need not be, as in
 * the snapshots.
 *
 * <p>A third, the default since issue 22's topology fit: the fit keeps the snapshot's top 1% of degrees ({@link
 * org.lnsim.network.generate.McpFit#topDegrees()}), the generator pins them scaled by size and draws the rest of the
 * degrees below them ({@link org.lnsim.network.generate.McpGenerator.TopologyMode#FITTED}); with per-node policies
 * hub i takes the snapshot's hub i's outward home ({@link org.lnsim.network.generate.McpFit#topRankHomes()}), the
 * other nodes draw their home within their degree class, and deviating policies are placed by peer and drawn per home
 * and, towards hubs, per (home, hub's home) pair ({@link org.lnsim.network.generate.NodePolicies.Siblings}). MCP's draw of every degree from the law, with the pooled policy
 * draw, stays as {@link org.lnsim.network.generate.McpGenerator.TopologyMode#MCP} and gives the same bytes as before.
 * The fitted topology also wires the snapshot's rich club (each hub's count of hub peers, {@link
 * org.lnsim.network.generate.McpFit#topPeers()}, and by degree class the share of the other nodes' channels that go
 * to hubs, {@link org.lnsim.network.generate.McpFit#topShareByClass()}), draws the non-hub nodes' homes from the
 * snapshot's non-hub nodes of their class ({@link org.lnsim.network.generate.McpFit#classHomesBelowTop()}), and pins
 * the top 1% of the node count expected at the asked size (all of the snapshot's top 1% at its size or above).
 * It also draws each channel's capacity from the snapshot's capacities of its class, by the degree of its smaller
 * end ({@link org.lnsim.network.generate.McpFit#capacityByClass()}), instead of MCP's node-capacity law and rank
 * shares, whose channels are far larger than the snapshots' (so that payments almost never met an empty channel).
 * The hubs are copied by rank where the fit allows: the snapshot's links among them with both policies ({@link
 * org.lnsim.network.generate.McpFit#topLinks()}, instead of the drawn rich club), each hub's share of one-channel
 * peers and how many of them are live ({@link org.lnsim.network.generate.McpFit#topLeafPeers()}), and its policies
 * towards non-hub peers by their degree class ({@link org.lnsim.network.generate.McpFit#topRankPolicies()}). Below
 * the hubs every degree is drawn from the snapshot's own ({@link org.lnsim.network.generate.McpFit#bodyDegrees()},
 * {@link org.lnsim.network.generate.BodyDegrees}): MCP's two-parameter law does not have the real body's shape.
 *
 * <p>Depends on {@code org.lnsim.network}, {@code network.stats} (rank properties), {@code network.io} (errors) and
 * JGraphT (Watts–Strogatz topology only).
 *
 * <p>{@link org.lnsim.network.generate.ChannelOpenings} grows a network instead of making one: it appends a pool of
 * channels that may open during a run (issue 22), drawn from the network itself (funder among the payable nodes, peer
 * by degree, capacity of one of the peer's channels, each end's own policy), every existing index kept.
 */
package org.lnsim.network.generate;
