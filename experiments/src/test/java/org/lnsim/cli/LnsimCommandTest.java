package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line is built with only the subcommand it names ({@link LnsimCommand#commandLine}), and with every one
 * when it names none: help, {@code help COMMAND} and usage errors still list or find them all.
 */
class LnsimCommandTest {
    private static final List<String> NAMES = List.of("run", "sweep", "merge", "reproduce", "generate", "fit",
            "stats", "convert", "route", "bench", "table", "plot", "help");

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        CommandLine cl = LnsimCommand.commandLine(new String[] {"stats", "--help"});
        assertEquals(List.of("stats"), List.copyOf(cl.getSubcommands().keySet()));
        CommandLine bench = LnsimCommand.commandLine(new String[] {"bench", "route"});
        assertEquals(List.of("bench"), List.copyOf(bench.getSubcommands().keySet()));
        assertEquals(List.of("route", "load", "flood", "mcf"),
                List.copyOf(bench.getSubcommands().get("bench").getSubcommands().keySet()),
                "a subcommand keeps its own subcommands");
    }

    @Test
    void otherwiseEverySubcommandInHelpOrder() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "run"}, {"nosuch"}, {"-V"}}) {
            CommandLine cl = LnsimCommand.commandLine(args);
            assertEquals(NAMES, List.copyOf(cl.getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void helpListsEveryCommandAndHelpFindsOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(err)));
        for (String name : NAMES) {
            assertTrue(out.toString().contains("\n  " + name + " "), name + " in\n" + out);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, Main.run(new String[] {"help", "fit"}, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(out.toString().startsWith("Usage: lnsim fit"), out.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, Main.run(new String[] {"nosuch"}, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(err.toString().contains("nosuch"), err.toString());
    }
}
