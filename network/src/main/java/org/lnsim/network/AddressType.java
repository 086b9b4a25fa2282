package org.lnsim.network;

/**
 * {@code node_announcement} address descriptor types with their wire sizes (lightning-facts §4.1: type byte +
 * address + 2-byte port). DNS host names (type 5, added to BOLT 7 later) are 1 + 1 + len + 2 bytes.
 */
public enum AddressType {
    IPV4(1, 7),
    IPV6(2, 19),
    TORV2(3, 13),
    TORV3(4, 38),
    DNS(5, -1);

    private final int wireType;
    private final int fixedSize;

    AddressType(int wireType, int fixedSize) {
        this.wireType = wireType;
        this.fixedSize = fixedSize;
    }

    /** BOLT 7 descriptor type number. */
    public int wireType() {
        return wireType;
    }

    /** Size of the descriptor in bytes; for DNS it depends on the host name's length. */
    public int wireSize(String host) {
        return fixedSize > 0 ? fixedSize : 1 + 1 + Math.min(255, host.length()) + 2;
    }

    public static AddressType ofWireType(int type) {
        for (AddressType t : values()) {
            if (t.wireType == type) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown address type " + type);
    }

    /**
     * Classifies an address text the way lnd prints it ({@code host:port}, {@code [v6]:port}, {@code x.onion:port}).
     * Returns {@code null} when the text is empty.
     */
    public static AddressType classify(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.endsWith(".onion")) {
            return h.length() - ".onion".length() > 16 ? TORV3 : TORV2;
        }
        if (h.indexOf(':') >= 0) {
            return IPV6;
        }
        boolean dotted = true;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                dotted = false;
                break;
            }
        }
        return dotted ? IPV4 : DNS;
    }
}
