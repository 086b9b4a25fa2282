package org.lnsim.network;

/**
 * One address descriptor of a {@code node_announcement} (BOLT 7).
 *
 * @param type the descriptor type, which fixes its wire size
 * @param host address text as the source gave it (IP literal, onion name, DNS name); may be empty for generated nodes
 * @param port TCP port
 */
public record NodeAddress(AddressType type, String host, int port) {
    public NodeAddress {
        if (type == null) {
            throw new IllegalArgumentException("address type is required");
        }
        host = host == null ? "" : host;
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Bytes this descriptor takes inside {@code node_announcement.addresses}. */
    public int wireSize() {
        return type.wireSize(host);
    }
}
