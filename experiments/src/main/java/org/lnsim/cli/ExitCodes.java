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

    /** Prints one clear line for expected failures; a stack trace only for bugs. */
    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            int code = of(ex);
            if (code == BAD_INPUT || ex instanceof IOException) {
                cl.getErr().println("lnsim " + cl.getCommandName() + ": " + ex.getMessage());
            } else {
                cl.getErr().println("lnsim " + cl.getCommandName() + ": internal error: " + ex);
                ex.printStackTrace(cl.getErr());
            }
            return code;
        }
    }
}
