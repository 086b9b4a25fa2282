package org.lnsim.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.io.NetworkFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim bench load NETWORK}: how long a network takes to load and how much heap the loaded model keeps. The
 * heap figure is the used heap after a full GC with the graph held, minus the used heap after a full GC before
 * loading (the JVM's {@link MemoryMXBean}; {@code System.gc()} is a request, so the figure is a close estimate, not
 * an exact object size).
 */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Loads a network several times: wall time per load (median, min) and the heap the loaded "
                + "model retains."})
final class BenchLoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Network file or folder in any supported format.")
    Path network;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Loads to time (default: "
            + "${DEFAULT-VALUE}).")
    int repeat;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new ExitCodes.BadInputException("--repeat must be at least 1, got " + repeat);
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        double[] secs = new double[repeat];
        ChannelGraph graph = null;
        for (int i = 0; i < repeat; i++) {
            graph = null;
            long t0 = System.nanoTime();
            graph = NetworkFormats.load(network).graph();
            secs[i] = (System.nanoTime() - t0) / 1e9;
        }
        long after = usedAfterGc(mem);
        Arrays.sort(secs);
        spec.commandLine().getOut().printf(Locale.ROOT, "network: %s (%,d nodes, %,d channels)%nload_s_median: %.2f%n"
                        + "load_s_min: %.2f%nretained_heap_mb: %.1f%n", network, graph.nodeCount(),
                graph.channelCount(), secs[repeat / 2], secs[0], (after - before) / 1e6);
        return ExitCodes.OK;
    }

    private static long usedAfterGc(MemoryMXBean mem) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
