package org.lnsim.protocols.beacon;

/**
 * Sizes of Flare's control messages, written down once. Routing-table contents are counted at their BOLT 7 sizes
 * (see {@link Neighbourhoods}), so that a node's table compares byte for byte with full gossip; the messages that
 * carry requests travel onion-wrapped, as the 2016 prototype's {@code neighbor_onion} did (lightning-facts §5).
 *
 * <p>lnsim's modelling choice: an onion-wrapped request is a 2-byte message type plus a BOLT 4 onion packet of
 * 1,366 bytes (lightning-facts §4.4), per hop it crosses; an answer that carries table records adds their BOLT 7
 * bytes on every hop back. BOLT 8 transport framing is left out, as it is for {@code gossip_bytes_raw}.
 */
final class BeaconMessages {
    /** BOLT 4 onion packet: version 1 + ephemeral key 33 + hop payloads 1,300 + HMAC 32 (lightning-facts §4.4). */
    static final int ONION_PACKET = 1_366;
    /** Message type field. */
    static final int TYPE = 2;
    /** beacon_req, beacon_ack, table_request: one onion-wrapped message, per hop. */
    static final int ONION_REQUEST = TYPE + ONION_PACKET;

    static final String NEIGHBOUR_TABLE = "flare_neighbour_table";
    static final String BEACON_REQUEST = "flare_beacon_req";
    static final String BEACON_ACK = "flare_beacon_ack";
    static final String RECEIVER_TABLE = "flare_receiver_table";
    static final String TABLE_REQUEST = "flare_table_request";
    static final String TABLE_RESPONSE = "flare_table_response";
    static final String CHANNEL_UPDATE = "channel_update";

    private BeaconMessages() {
    }
}
