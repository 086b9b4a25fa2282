package org.lnsim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code lnsim} command line. Exit codes: 0 success, 1 failure (including "no route"-style
 * negative answers of later commands), 2 bad input or usage (unknown option, malformed network file, impossible
 * value) — see {@link ExitCodes}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = LnsimCommand.commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ExitCodes.Handler());
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        int code = ExitCodes.execute(cl, args);
        out.flush();
        err.flush();
        return code;
    }
}
