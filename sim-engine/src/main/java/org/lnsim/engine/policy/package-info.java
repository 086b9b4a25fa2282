/**
 * A living network's policies (issue 22, item 3): channel_updates that change fees and CLTV deltas while a run goes
 * on, channels that close and open, and what each node believes about them as gossip spreads the updates with its real
 * batching (and the chain the closes).
 *
 * <p>Contract: {@link org.lnsim.engine.policy.PolicyUpdates} is the truth — every update's time, direction and new
 * policy, drawn from the run's named stream {@code policy_updates} in time order, and each direction's
 * current policy, which forwarding nodes enforce ({@link org.lnsim.engine.htlc.HtlcRelay}).
 * {@link org.lnsim.engine.policy.PolicyBeliefs} is what a node knows at a time: the updates gossip has brought it
 * (each hop waits for its peer's next 60 s broadcast, plus a per-hop delay) and those it learnt from a failure's
 * {@code channel_update} (BOLT 4); a close reaches its endpoints at once and every other node with the next block.
 * Channels that open are a pool of dormant channels appended to the network before the run
 * ({@code network.generate.ChannelOpenings}), closed to everyone until the stream opens them one by one; an open
 * reaches its endpoints at once and every other node by gossip.
 * Both are pure functions of (network, settings, seed, time), advance only
 * forwards in simulated time, and are used from the simulation's single thread. With no updates configured
 * ({@link org.lnsim.engine.policy.PolicyChurn#NONE}) both are the network's announced policies and cost nothing.
 */
package org.lnsim.engine.policy;
