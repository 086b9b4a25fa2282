/**
 * BOLT 7 gossip: the byte layouts of channel_announcement, channel_update and node_announcement and Core
 * Lightning's gossip_store v7 framing (lightning-facts §4.1–4.2), as an encoder and as size arithmetic.
 *
 * <p>Contract: {@link org.lnsim.network.gossip.GossipSizes} and {@link org.lnsim.network.gossip.GossipEncoder}
 * agree byte for byte; sizes are what a real node would download or store for the network, with zero-filled
 * signatures and keys.
 */
package org.lnsim.network.gossip;
