package org.lnsim.protocols.multipart;

import java.util.Arrays;

/** Channel directions a payment no longer uses (failed or pruned), in the order they were excluded. */
public final class Exclusions {
    private int[] directions = new int[8];
    private int count;

    public void add(int direction) {
        if (count == directions.length) {
            directions = Arrays.copyOf(directions, 2 * count);
        }
        directions[count++] = direction;
    }

    /** A copy for a route request. */
    public int[] toArray() {
        return Arrays.copyOf(directions, count);
    }

    public int size() {
        return count;
    }
}
