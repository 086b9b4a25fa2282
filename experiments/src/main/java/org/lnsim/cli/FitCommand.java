package org.lnsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lnsim.network.generate.McpFit;
import org.lnsim.network.generate.McpFitter;
import org.lnsim.network.io.AtomicOutput;
import org.lnsim.network.io.LoadedNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim fit SNAPSHOT --out FIT.json}: fits the Million Channels Project model to a snapshot (lightning-facts
 * §1.2) and writes it as the JSON that {@code lnsim generate --fit} reads. The {@code generated_by} field records this
 * command line as typed, so the embedded default fit says how to regenerate it.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Fits the Million Channels Project model (degree and node-capacity power laws, in-node "
                + "capacity shares, policies, address mix) to a network snapshot and writes it as JSON.",
                "The output is written atomically."})
final class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Network snapshot in any supported format "
            + "(for Core Lightning listchannels the sibling listnodes file gives the address mix).")
    Path snapshot;

    @Option(names = "--out", required = true, paramLabel = "FIT.json", description = "Output fit file.")
    Path out;

    @Option(names = "--quiet", description = "No progress bar while a big snapshot loads.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedNetwork loaded = Progress.load(snapshot, quiet);
        McpFit fit = fit(loaded, snapshot, "lnsim fit " + snapshot + " --out " + out);
        AtomicOutput.write(out, fit::write);
        spec.commandLine().getErr().printf("wrote %s: degree law a=%s b=%s c=%s, node capacity law a=%s b=%s c=%s, "
                        + "%d policies, %d address kinds%n", out, fit.degreeLaw().a(), fit.degreeLaw().b(),
                fit.degreeLaw().c(), fit.nodeCapacityLaw().a(), fit.nodeCapacityLaw().b(), fit.nodeCapacityLaw().c(),
                fit.policies().size(), fit.addresses().size());
        return ExitCodes.OK;
    }

    /** Fits a loaded snapshot; a network the model cannot be fitted to is bad input (exit 2). */
    static McpFit fit(LoadedNetwork loaded, Path snapshot, String generatedBy) throws IOException {
        try {
            Path name = snapshot.getFileName();
            return McpFitter.fit(loaded.graph(), name == null ? snapshot.toString() : name.toString(), generatedBy);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(snapshot + ": cannot fit the MCP model: " + e.getMessage());
        }
    }
}
