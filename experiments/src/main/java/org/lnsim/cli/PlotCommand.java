package org.lnsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lnsim.experiments.Configs;
import org.lnsim.results.plot.PlotSpec;
import org.lnsim.results.plot.PlotSpecException;
import org.lnsim.results.plot.SweepFolder;
import org.lnsim.results.plot.SweepPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim plot DIR [--out FIG_DIR] [--config FILE]}: the figures of a sweep folder (what {@code lnsim sweep
 * CONFIG --out DIR} writes) as PNG and SVG, drawn by {@link SweepPlots} with XChart. Without {@code --config}, or when
 * the file has no {@code plots:} section, every figure that applies is drawn; prints the files written, one a line.
 * A folder that is not a sweep folder, or a {@code plots:} entry that does not fit it, is bad input (exit 2).
 */
@Command(name = "plot", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Draws the figures of a sweep folder (lnsim sweep CONFIG --out DIR) as PNG and SVG: "
                + "success rate and median fee against a numeric axis (with 95%% intervals), and per cell the "
                + "latency CDF, messages and bytes sent per node (log scale) and the routing state CDF.",
                "Prints the files written, one a line."})
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A sweep folder: cells.csv, aggregate.csv, units/<cell>-r<k>/.")
    Path dir;

    @Option(names = "--out", paramLabel = "FIG_DIR", description = "Where the figures go (default: DIR/figures); "
            + "files of the same names are replaced.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file (the sweep's experiment file) whose "
            + "plots: section chooses the figures, e.g. plots: [{figure: success, x: workload.amount.sat}, "
            + "{figure: latency_cdf, cell: c00}]; figures: success, fee, latency_cdf, messages_per_node, "
            + "bytes_per_node, state_cdf. Default: every figure that applies.")
    Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SweepFolder sweep = SweepFolder.read(dir); // "not a sweep folder" before anything else
        List<PlotSpec> specs = config == null ? List.of() : specs(config, sweep.axes());
        Path figDir = out != null ? out : dir.resolve("figures");
        List<Path> files;
        try {
            files = SweepPlots.draw(dir, specs, figDir);
        } catch (PlotSpecException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        for (Path f : files) {
            spec.commandLine().getOut().println(f);
        }
        boolean everyCell = specs.isEmpty()
                || specs.stream().anyMatch(s -> s.figure().perCell() && s.cell() == null);
        if (everyCell && sweep.cells().size() > SweepPlots.MAX_CELLS) {
            spec.commandLine().getErr().println("note: " + sweep.cells().size() + " cells; per-cell figures drawn for "
                    + "the first " + SweepPlots.MAX_CELLS + " (name others with cell: in a plots: entry)");
        }
        return ExitCodes.OK;
    }

    private static List<PlotSpec> specs(Path file, List<String> axes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ExitCodes.BadInputException(file + ": no such file");
        }
        JsonNode tree;
        try {
            tree = Configs.yaml().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ExitCodes.BadInputException(file + ": not YAML: " + e.getOriginalMessage());
        }
        try {
            return PlotSpec.parse(tree == null ? null : tree.get("plots"), file.toString(), axes);
        } catch (PlotSpecException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
    }
}
