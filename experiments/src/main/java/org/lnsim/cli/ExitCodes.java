package org.lnsim.cli;

import java.io.IOException;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.network.io.OutputRefusedException;
import picocli.CommandLine;

/** Exit codes of every lnsim command and the mapping from exceptions to them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran but failed (I/O error, or a negative answer such as "no route"). */
    public static final int FAILURE = 1;
    /** Bad input or usage: the user must change the command line, a file or a config. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }

    static int of(Throwable t) {
        if (outOfMemory(t) != null) {
            return BAD_INPUT;
        }
        if (t instanceof CommandLine.ParameterException || t instanceof NetworkFormatException
                || t instanceof OutputRefusedException || t instanceof BadInputException) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    /** Thrown by commands for input that is wrong in a way the user must fix (exit 2). */
    public static final class BadInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInputException(String message) {
            super(message);
        }
    }

    /** The {@link OutOfMemoryError} {@code t} is or was caused by (a pool rethrows it wrapped), or null. */
    static OutOfMemoryError outOfMemory(Throwable t) {
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /**
     * The one line printed for an {@link OutOfMemoryError} (issue 21, defect 11: it used to be a raw stack trace):
     * exit 2, because the user must give the JVM more heap or ask for less work, with the heap it had and how to give
     * it more ({@code LNSIM_JAVA_OPTS}, read by the {@code lnsim} launcher).
     */
    static String outOfMemoryMessage(OutOfMemoryError e, long maxHeapBytes) {
        long mib = maxHeapBytes >> 20;
        long suggestGib = Math.max(2, 2 * ((maxHeapBytes + (1L << 30) - 1) >> 30));
        return "out of memory (" + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage()) + ") with a "
                + "maximum heap of " + mib + " MiB; give the JVM more, e.g. LNSIM_JAVA_OPTS=-Xmx" + suggestGib
                + "g ./lnsim ..., or ask for less (fewer payments, protocols or --threads, a smaller network)";
    }

    /**
     * Runs {@code cl} as {@link Main#run} does: picocli hands {@link Error}s thrown by a command straight up rather
     * than to the {@link Handler}, so an {@link OutOfMemoryError} is caught here and ends as exit 2 with a heap hint.
     */
    static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            CommandLine.ParseResult pr = cl.getParseResult();
            while (pr != null && pr.hasSubcommand()) {
                pr = pr.subcommand();
            }
            String name = pr == null ? cl.getCommandName() : pr.commandSpec().qualifiedName();
            cl.getErr().println(name + ": " + outOfMemoryMessage(e, Runtime.getRuntime().maxMemory()));
            cl.getErr().flush();
            return BAD_INPUT;
        }
    }

    /** Prints one clear line for expected failures; a stack trace only for bugs. */
    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            int code = of(ex);
            OutOfMemoryError oom = outOfMemory(ex);
            if (oom != null) {
                cl.getErr().println("lnsim " + cl.getCommandName() + ": "
                        + outOfMemoryMessage(oom, Runtime.getRuntime().maxMemory()));
            } else if (code == BAD_INPUT || ex instanceof IOException) {
                cl.getErr().println("lnsim " + cl.getCommandName() + ": " + ex.getMessage());
            } else {
                cl.getErr().println("lnsim " + cl.getCommandName() + ": internal error: " + ex);
                ex.printStackTrace(cl.getErr());
            }
            return code;
        }
    }
}
