package org.lnsim.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.experiments.ProtocolRegistry;
import org.lnsim.results.run.RunColumns;
import org.lnsim.results.tables.ComparisonTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim table KIND}: the Markdown comparison tables of {@code results/tables/} from run output folders, each
 * file read by column name ({@link ComparisonTables}), and {@code table columns}, the column reference
 * {@code results/COLUMNS.md}. The scripts under {@code results/tables/} run the experiments and call these.
 */
@Command(name = "table", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Prints a Markdown comparison table built from run output folders (lnsim run --out DIR), "
                + "reading their CSV files by column name; a missing file or column is an error naming it (exit 2).",
                "Used by results/tables/*.sh."}, synopsisSubcommandLabel = "KIND")
final class TableCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a table is required: ant, ant-rates, beacon, flare, halves or columns");
    }

    @Command(name = "ant", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class, description = {"Ant routing against the baseline: "
            + "success, fees, discovery, messages and bytes per payment, per-node state, seeds per payment at a node, "
            + "the busiest node and its seed rate at 1, 10 and 100 payments/s.", "Reads summary.csv, "
            + "node_state_summary.csv, node_state.csv and node_ids.csv."})
    int ant(@Parameters(paramLabel = "RUN_DIR", description = "A run's output folder.") Path dir) throws Exception {
        spec.commandLine().getOut().print(ComparisonTables.ant(dir));
        return ExitCodes.OK;
    }

    @Command(name = "ant-rates", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class, description = {"Ant's peak mempools, state and "
            + "busiest node's seeds per second, one row per run of the same workload at another payment rate.",
            "Reads summary.csv and node_state_summary.csv of each run."})
    int antRates(@Parameters(paramLabel = "RATE=RUN_DIR", arity = "1..*", description = "Payments per second of "
            + "the run (as the table shows it) and its output folder, e.g. 10=out/rate-10; rows in this order.")
                 List<String> runs) throws Exception {
        Map<String, Path> byRate = new LinkedHashMap<>();
        for (String r : runs) {
            int eq = r.indexOf('=');
            String rate = eq < 0 ? "" : r.substring(0, eq);
            boolean number;
            try {
                number = Double.parseDouble(rate) > 0;
            } catch (NumberFormatException e) {
                number = false;
            }
            if (!number || eq == r.length() - 1) {
                throw new ExitCodes.BadInputException("expected RATE=RUN_DIR with a positive rate, got '" + r + "'");
            }
            byRate.put(rate, Path.of(r.substring(eq + 1)));
        }
        spec.commandLine().getOut().print(ComparisonTables.antRates(byRate));
        return ExitCodes.OK;
    }

    @Command(name = "beacon", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class, description = {"Beacon routing against the "
            + "baseline: success, fees, discovery, table requests, traffic, per-node state (also as a share of full "
            + "gossip) and the set-up phase per node.", "Reads summary.csv and node_state_summary.csv."})
    int beacon(@Parameters(paramLabel = "RUN_DIR", description = "A run's output folder.") Path dir)
            throws Exception {
        spec.commandLine().getOut().print(ComparisonTables.beacon(dir));
        return ExitCodes.OK;
    }

    @Command(name = "flare", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class, description = {"The route-found share (payments that "
            + "sent an HTLC), success, discovery time and table requests per protocol, for ACINQ's Flare test.",
            "Reads payments.csv and summary.csv."})
    int flare(@Parameters(paramLabel = "RUN_DIR", description = "A run's output folder.") Path dir)
            throws Exception {
        spec.commandLine().getOut().print(ComparisonTables.flare(dir));
        return ExitCodes.OK;
    }

    @Command(name = "halves", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
            description = {"Whether a sweep's window is stationary: per cell and protocol, success of the first and "
                    + "the second half of each run's payments, pooled over the replications, with the difference "
                    + "and its 95%% Newcombe interval.", "Reads units/*/payments.csv of a sweep folder."})
    int halves(@Parameters(paramLabel = "SWEEP_DIR", description = "A sweep's folder (lnsim sweep --out).") Path dir)
            throws Exception {
        spec.commandLine().getOut().print(org.lnsim.results.sweep.SweepHalves.markdown(dir));
        return ExitCodes.OK;
    }

    @Command(name = "learning", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
            description = {"Does learning across payments pay off: per protocol, the success of a sender's n-th "
                    + "payment as n grows (n binned 1, 2, 3-4, 5-8, ...), with 95%% Wilson intervals, and the gain "
                    + "from the first to the last bin with its 95%% Newcombe interval.", "Reads a run folder's "
                    + "payments.csv, or a sweep folder's units/*/payments.csv (a table per cell). Use few senders "
                    + "(workload.endpoints.senders) so senders pay often."})
    int learning(@Parameters(paramLabel = "DIR", description = "A run's or a sweep's output folder.") Path dir)
            throws Exception {
        spec.commandLine().getOut().print(org.lnsim.results.tables.LearningCurve.markdown(dir));
        return ExitCodes.OK;
    }

    @Command(name = "columns", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class, description = "Every column of a run's files with "
            + "its unit and definition, the protocols' own included: results/COLUMNS.md.")
    int columns() {
        spec.commandLine().getOut().print(RunColumns.markdown(ProtocolRegistry.resultColumns()));
        return ExitCodes.OK;
    }
}
