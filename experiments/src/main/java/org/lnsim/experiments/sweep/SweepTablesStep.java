package org.lnsim.experiments.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lnsim.experiments.ProtocolRegistry;
import org.lnsim.results.plot.PlotSpec;
import org.lnsim.results.plot.SweepPlots;
import org.lnsim.results.sweep.SweepCell;
import org.lnsim.results.sweep.SweepTables;
import org.lnsim.results.sweep.SweepUnit;

/**
 * The tables of a finished sweep, written from its unit folders: results.csv, aggregate.csv and aggregate.md
 * ({@link SweepTables}), with the registered protocols' column definitions for the glossary; then, when the file has
 * a {@code plots:} section, its figures into {@code figures/} ({@link SweepPlots}).
 */
public final class SweepTablesStep implements SweepRunner.Tables {
    @Override
    public void write(Path dir, SweepPlan plan, List<SweepPlan.Unit> done) throws IOException {
        List<SweepCell> cells = plan.cells().stream().map(c -> new SweepCell(c.id(), c.valueTexts())).toList();
        List<SweepUnit> units = done.stream().map(u -> new SweepUnit(u.cell().id(), u.replication(), u.seed(),
                dir.resolve(SweepFolder.UNITS).resolve(u.id()))).toList();
        SweepTables.write(dir, plan.axisKeys(), cells, units, ProtocolRegistry.resultColumns());
        if (plan.plots() != null) {
            SweepPlots.draw(dir, PlotSpec.parse(plan.plots(), plan.source(), plan.axisKeys()),
                    dir.resolve(SweepFolder.FIGURES));
        }
    }
}
