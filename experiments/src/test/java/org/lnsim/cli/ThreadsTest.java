package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code --threads} is at least 1 and at most the cores available (issue 21, defect 11). */
class ThreadsTest {
    @Test
    void aCountAboveTheCoresIsCappedAndSaidSo() {
        StringWriter err = new StringWriter();
        assertEquals(2, Threads.cap(100_000, 2, "lnsim run", new PrintWriter(err)));
        assertEquals("lnsim run: --threads 100000 is more than the 2 cores available; using 2",
                err.toString().strip());
    }

    @Test
    void aCountWithinTheCoresIsKeptSilently() {
        StringWriter err = new StringWriter();
        assertEquals(1, Threads.cap(1, 1, "lnsim sweep", new PrintWriter(err)));
        assertEquals(3, Threads.cap(3, 4, "lnsim sweep", new PrintWriter(err)));
        assertEquals("", err.toString());
    }

    @Test
    void belowOneIsBadInput() {
        ExitCodes.BadInputException e = assertThrows(ExitCodes.BadInputException.class,
                () -> Threads.cap(0, 8, "lnsim run", new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("--threads must be at least 1, got 0"), e.getMessage());
    }

    /**
     * Every command that takes --threads caps it before any work, naming itself: run, sweep and bench route here, each
     * given an input that does not exist, so the note comes before the exit 2 and nothing runs (reproduce caps after
     * choosing its tables, the same call).
     */
    @Test
    void commandsCapTheirThreadsFirst() {
        int cores = Runtime.getRuntime().availableProcessors();
        String note = " --threads 100000 is more than the " + cores + " core";
        String[][] lines = {{"run", "does-not-exist.yaml"}, {"sweep", "--list", "does-not-exist.yaml"},
            {"bench", "route", "does-not-exist.lnsim"}};
        String[] names = {"lnsim run:", "lnsim sweep:", "lnsim bench route:"};
        for (int i = 0; i < lines.length; i++) {
            String[] args = java.util.Arrays.copyOf(lines[i], lines[i].length + 2);
            args[args.length - 2] = "--threads";
            args[args.length - 1] = "100000";
            RouteCommandTest.Run r = RouteCommandTest.run(args);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
            assertTrue(r.err().contains(names[i] + note), r.err());
        }
    }
}
