package org.lnsim.cli;

import java.io.PrintWriter;

/**
 * The {@code --threads T} option every command that takes it shares (run, sweep, reproduce, bench route): at least
 * 1, and at most the cores this JVM may use ({@link Runtime#availableProcessors()}, which honours container and
 * affinity limits). Above that, threads only wait for each other: {@code --threads 100000} on a 2-core machine was
 * accepted and ran 24× slower (issue 21, defect 11); it is now capped, with one line on stderr saying so. No output of
 * lnsim depends on the thread count, so capping changes only the speed.
 */
final class Threads {
    private Threads() {
    }

    /**
     * {@code requested} checked and capped at the cores available.
     *
     * @param command the command's name for the note, e.g. {@code lnsim run}
     * @throws ExitCodes.BadInputException when {@code requested} is below 1
     */
    static int cap(int requested, String command, PrintWriter err) {
        return cap(requested, Runtime.getRuntime().availableProcessors(), command, err);
    }

    /** As {@link #cap(int, String, PrintWriter)} with the core count given (tests). */
    static int cap(int requested, int cores, String command, PrintWriter err) {
        if (requested < 1) {
            throw new ExitCodes.BadInputException("--threads must be at least 1, got " + requested);
        }
        if (requested <= cores) {
            return requested;
        }
        err.println(command + ": --threads " + requested + " is more than the " + cores + " core"
                + (cores == 1 ? "" : "s") + " available; using " + cores);
        err.flush();
        return cores;
    }
}
