package org.lnsim.results.sweep;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One unit of a sweep: one replication of one cell, an ordinary run.
 *
 * @param cell        the id of its {@link SweepCell}
 * @param replication its replication index within the cell, 0-based
 * @param seed        the seed it ran with
 * @param dir         its run folder ({@link org.lnsim.results.run.RunOutputs}'s files; the tables read
 *                    {@code summary.csv} and {@code payments.csv})
 */
public record SweepUnit(String cell, int replication, long seed, Path dir) {
    public SweepUnit {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(dir, "dir");
        if (replication < 0) {
            throw new IllegalArgumentException("replication of a unit of cell " + cell + " is negative: "
                    + replication);
        }
    }
}
