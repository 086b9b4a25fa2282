package org.lnsim.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A staged progress bar with ETA on stderr for long-running commands: {@link #update(String, long, long)} draws the
 * current stage's bar and starts a new bar when the stage name changes. It draws only when stderr is a terminal
 * ({@code System.console() != null}) and the command was not given {@code --quiet}; otherwise every call is a no-op,
 * so pipes and logs stay clean. The signature fits sim-engine listeners such as
 * {@link org.lnsim.network.generate.GenerationProgress} as a method reference ({@code progress::update}).
 */
public final class Progress implements AutoCloseable {
    private final boolean enabled;
    private final PrintStream err;
    private ProgressBar bar;
    private String stage;

    private Progress(boolean enabled, PrintStream err) {
        this.enabled = enabled;
        this.err = err;
    }

    /** A bar on {@code System.err} if it is a terminal and {@code quiet} is false; otherwise a silent instance. */
    public static Progress forTerminal(boolean quiet) {
        return new Progress(!quiet && System.console() != null, System.err);
    }

    /**
     * Loads a network with a bar per input file (bytes read of the file, with ETA) under the same rules: drawn only on
     * a terminal and without {@code --quiet}.
     */
    public static org.lnsim.network.io.LoadedNetwork load(java.nio.file.Path path, boolean quiet)
            throws java.io.IOException {
        try (Progress p = forTerminal(quiet)) {
            return org.lnsim.network.io.NetworkFormats.load(path, (file, done, total) -> p.update("load " + file,
                    done, total));
        }
    }

    /** A silent instance. */
    public static Progress silent() {
        return new Progress(false, System.err);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Reports that unit {@code index} (0-based) of {@code total} is done, from any thread, redrawing about every
     * 1% of the units: for loops that run on several threads.
     */
    public void tick(String stageName, long index, long total) {
        if (enabled && (index + 1) % Math.max(1, total / 100) == 0) {
            update(stageName, index + 1, total);
        }
    }

    /** Reports {@code done} of {@code total} units of {@code stageName}. */
    public synchronized void update(String stageName, long done, long total) {
        if (!enabled) {
            return;
        }
        if (bar == null || !stageName.equals(stage)) {
            closeBar();
            stage = stageName;
            bar = new ProgressBarBuilder()
                    .setTaskName(stageName)
                    .setInitialMax(Math.max(1, total))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(250)
                    .build();
        }
        bar.maxHint(Math.max(1, total));
        bar.stepTo(Math.min(done, Math.max(1, total)));
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
