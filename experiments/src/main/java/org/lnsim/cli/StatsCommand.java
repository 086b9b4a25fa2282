package org.lnsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lnsim.network.io.LoadedNetwork;
import org.lnsim.network.stats.NetworkStatistics;
import org.lnsim.results.StatsReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lnsim stats NETWORK...}: statistics of one or more networks side by side. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Prints statistics of one or more networks, one column per network.",
                "Keys and definitions follow anchor-stats.json of the shared snapshots, plus the Million Channels "
                        + "Project properties and BOLT 7 gossip sizes."})
final class StatsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NETWORK", description = "Network file or folder in any supported format "
            + "(lnsim, Core Lightning listchannels, lnd describegraph, CLoTH CSV; gzip ok).")
    List<Path> networks;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).",
            converter = FormatConverter.class)
    StatsReport.Format format;

    @Option(names = "--load-report", description = "Also print what each import dropped or defaulted (stderr).")
    boolean loadReport;

    @Option(names = "--quiet", description = "No progress bar while big files load.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<StatsReport.Column> columns = new ArrayList<>();
        for (Path p : networks) {
            LoadedNetwork loaded = Progress.load(p, quiet);
            if (loadReport) {
                spec.commandLine().getErr().print(loaded.report());
            }
            columns.add(new StatsReport.Column(displayName(p), NetworkStatistics.compute(loaded.graph())));
        }
        spec.commandLine().getOut().print(StatsReport.render(columns, format));
        return ExitCodes.OK;
    }

    static String displayName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<StatsReport.Format> {
        @Override
        public StatsReport.Format convert(String value) {
            for (StatsReport.Format f : StatsReport.Format.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a format; choose table, csv or json");
        }
    }
}
