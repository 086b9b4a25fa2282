package org.lnsim.network.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import org.lnsim.network.NodeIds;

/**
 * Maps hex node ids, as they stream past in a JSON parser's character buffer, to builder node indices without
 * creating a {@code String} or {@code byte[]} per record: the hex is decoded into a caller's buffer
 * ({@link #read}) and looked up in an open-addressing table over the decoded ids ({@link #node}). A dump names
 * every node on each of its channels' records, so at million-channel scale this lookup is the importers' hottest
 * path.
 */
final class NodeIndex {
    private static final int L = NodeIds.LENGTH;

    private final ChannelCollector col;
    private final byte[] scratch = new byte[L];
    private byte[] ids = new byte[L * 1024];
    private int[] table = new int[2048];
    private int mask = table.length - 1;
    private int size;

    NodeIndex(ChannelCollector col) {
        this.col = col;
        Arrays.fill(table, -1);
    }

    /**
     * Decodes the parser's current string value, a hex node id, into {@code dest} (33 bytes).
     *
     * @throws IllegalArgumentException naming {@code field} when the value is not a string or not a node id
     */
    static void read(JsonParser p, String field, byte[] dest) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("field '" + field + "' must be a node id string, got "
                    + JsonValues.describe(p));
        }
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (len != 2 * L || !decode(buf, off, dest)) {
            throw new IllegalArgumentException("field '" + field + "': node id must be " + 2 * L
                    + " hex characters: '" + new String(buf, off, len) + "'");
        }
    }

    /** The builder index of the node with this id, added if new. */
    int node(byte[] id) {
        System.arraycopy(id, 0, scratch, 0, L);
        return lookupOrAdd();
    }

    private static boolean decode(char[] buf, int off, byte[] dest) {
        for (int i = 0; i < L; i++) {
            int hi = Character.digit(buf[off + 2 * i], 16);
            int lo = Character.digit(buf[off + 2 * i + 1], 16);
            if (hi < 0 || lo < 0) {
                return false;
            }
            dest[i] = (byte) (hi << 4 | lo);
        }
        return true;
    }

    private int lookupOrAdd() {
        int slot = hash(scratch) & mask;
        while (table[slot] >= 0) {
            int n = table[slot];
            if (Arrays.equals(ids, n * L, n * L + L, scratch, 0, L)) {
                return n;
            }
            slot = (slot + 1) & mask;
        }
        int n = col.node(scratch);
        if ((n + 1) * L > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(ids.length * 2, (n + 1) * L));
        }
        System.arraycopy(scratch, 0, ids, n * L, L);
        table[slot] = n;
        if (2 * ++size > table.length) {
            rehash();
        }
        return n;
    }

    private static int hash(byte[] id) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < L; i++) {
            h = (h ^ (id[i] & 0xFF)) * 0x100000001B3L;
        }
        // murmur3 fmix64: FNV alone leaves the low bits depending only on the low bits of the last bytes
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        Arrays.fill(t, -1);
        int m = t.length - 1;
        byte[] id = new byte[L];
        for (int n : table) {
            if (n >= 0) {
                System.arraycopy(ids, n * L, id, 0, L);
                int slot = hash(id) & m;
                while (t[slot] >= 0) {
                    slot = (slot + 1) & m;
                }
                t[slot] = n;
            }
        }
        table = t;
        mask = m;
    }
}
