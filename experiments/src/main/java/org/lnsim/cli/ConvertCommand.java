package org.lnsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lnsim.network.io.LoadedNetwork;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.network.io.NetworkWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lnsim convert NETWORK --to FORMAT --out PATH}: import any format, export another. */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Reads a network in any supported format and writes it in another.",
                "Initial balances the input states (CLoTH CSV) are written by formats that carry them (cloth-csv).",
                "The output is written atomically: on any error nothing is left at --out."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Input network file or folder (format detected).")
    Path input;

    @Option(names = "--to", defaultValue = "lnsim", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).", completionCandidates = WriterNames.class,
            converter = WriterConverter.class)
    NetworkWriter writer;

    @Option(names = "--out", required = true, description = "Output file (a folder for cloth-csv).")
    Path out;

    @Option(names = "--load-report", description = "Print what the import dropped or defaulted (stderr).")
    boolean loadReport;

    @Option(names = "--quiet", description = "No progress bar while big files load.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedNetwork loaded = Progress.load(input, quiet);
        if (loadReport) {
            spec.commandLine().getErr().print(loaded.report());
        }
        writer.write(loaded.graph(), loaded.balances(), out);
        spec.commandLine().getErr().printf("wrote %s (%s): %,d nodes, %,d channels%s%n", out, writer.name(),
                loaded.graph().nodeCount(), loaded.graph().channelCount(), !loaded.hasBalances() ? ""
                        : writer.writesBalances() ? ", with the input's balances"
                        : "; the input's balances are not written (" + writer.name() + " carries none)");
        return ExitCodes.OK;
    }

    /** {@code --to NAME} → the registered writer; an unknown name is a usage error (exit 2) listing the choices. */
    static final class WriterConverter implements picocli.CommandLine.ITypeConverter<NetworkWriter> {
        @Override
        public NetworkWriter convert(String name) {
            try {
                return NetworkFormats.writer(name);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Names of the registered writers, for help text. */
    static final class WriterNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return NetworkFormats.writers().stream().map(NetworkWriter::name).iterator();
        }
    }
}
