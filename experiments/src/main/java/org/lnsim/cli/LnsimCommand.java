package org.lnsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code lnsim} command; each capability is a subcommand. */
@Command(name = "lnsim", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = "Discrete-event simulator for Lightning Network routing protocols.",
        subcommands = {RunCommand.class, SweepCommand.class, MergeCommand.class, ReproduceCommand.class, GenerateCommand.class, FitCommand.class, StatsCommand.class, ConvertCommand.class,
                RouteCommand.class, BenchCommand.class, TableCommand.class, PlotCommand.class,
                CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class LnsimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Reads the version Maven filtered into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = LnsimCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"lnsim " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
