package org.lnsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code lnsim} command; each capability is a subcommand. */
@Command(name = "lnsim", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = "Discrete-event simulator for Lightning Network routing protocols.",
        synopsisSubcommandLabel = "COMMAND")
public final class LnsimCommand implements Runnable {
    /**
     * The subcommands, in the order {@code lnsim --help} lists them. Picocli builds a command's model by reflection
     * over its fields and their converters (about 0.3 s of start-up for all of them, loading Jackson, the network
     * formats, JGraphT...), so {@link #commandLine} builds only the one a command line names.
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(RunCommand.class, SweepCommand.class,
            MergeCommand.class, ReproduceCommand.class, GenerateCommand.class, FitCommand.class, StatsCommand.class,
            ConvertCommand.class, RouteCommand.class, BenchCommand.class, TableCommand.class, PlotCommand.class,
            CommandLine.HelpCommand.class);

    /**
     * The command line for {@code args}: with only the subcommand {@code args[0]} names when it names one (other
     * than {@code help}, which lists them all), else with every subcommand (help, usage errors).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new LnsimCommand());
        String first = args.length > 0 ? args[0] : "";
        for (Class<?> c : SUBCOMMANDS) {
            if (first.equals(c.getAnnotation(Command.class).name()) && !first.equals("help")) {
                cl.addSubcommand(c);
                return cl;
            }
        }
        for (Class<?> c : SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
        return cl;
    }

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
