package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21, defects 5 and 9: aliases, duplicate keys and empty files are refused with the line, not misread. */
class YamlChecksTest {
    @TempDir
    Path dir;

    private String refused(String yaml, String... overrides) throws Exception {
        Path f = dir.resolve("c" + System.nanoTime() + ".yaml");
        Files.writeString(f, yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(f.toString(), List.of(overrides)));
        assertTrue(e.getMessage().startsWith(f.toString()) || e.getMessage().startsWith("--set"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aliasesAndAnchorsAreRefused() throws Exception {
        // "label: *lab" used to run with the label "lab"
        String m = refused("protocols:\n  - name: source\n    label: *lab\n");
        assertTrue(m.contains("line 3") && m.contains("aliases (*lab)"), m);
        m = refused("seed: &s 5\nworkload:\n  payments: 10\n");
        assertTrue(m.contains("line 1") && m.contains("anchors (&s)"), m);
        m = refused("seed: 1\n", "protocols.0.label=*x");
        assertTrue(m.contains("--set: protocols.0.label") && m.contains("aliases (*x)"), m);
    }

    @Test
    void aKeyGivenTwiceNamesBothLines() throws Exception {
        String m = refused("seed: 1\nworkload:\n  payments: 10\nseed: 2\n");
        assertTrue(m.contains("key 'seed' is given twice in one mapping (lines 1 and 4)"), m);
        // nested, inside a list item; the same key in two different list items is fine
        m = refused("protocols:\n  - name: beacon\n    radius: 1\n  - name: beacon\n    label: b\n    radius: 2\n"
                + "    radius: 3\n");
        assertTrue(m.contains("key 'radius' is given twice in one mapping (lines 6 and 7)"), m);
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, "protocols:\n  - name: source\n  - {name: beacon, radius: 1}\nworkload:\n"
                + "  amount: {distribution: fixed, sat: 5}\n  payments: 3\n");
        assertEquals(2, Configs.load(ok.toString(), List.of()).settings().protocols().size());
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        String m = refused("\n  \n");
        assertTrue(m.contains("the configuration is empty"), m);
        Path braces = dir.resolve("braces.yaml");
        Files.writeString(braces, "{}\n");
        assertEquals(1, Configs.load(braces.toString(), List.of()).settings().seed(), "{} runs every default");
    }

    /** Issue 21, defect 4: labels that would split a CSV field or a table cell are refused naming the entry. */
    @Test
    void labelsThatBreakCsvAreRefused() throws Exception {
        String m = refused("protocols:\n  - {name: source, label: \"a,b\"}\n");
        assertTrue(m.contains("protocols.0.label") && m.contains("got ',' at position 1"), m);
        m = refused("protocols:\n  - name: source\n  - {name: oracle, label: \"x\\ny\"}\n");
        assertTrue(m.contains("protocols.1.label") && m.contains("control character (code 10)"), m);
        m = refused("protocols:\n  - {name: source, label: \"a|b\"}\n");
        assertTrue(m.contains("got '|'"), m);
    }

    /** Issue 21, defect 6: a bad value of megabytes is not echoed whole; the message keeps its start, end and the count. */
    @Test
    void aHugeBadValueIsCutInTheMessage() throws Exception {
        String huge = "x".repeat(1_000_000); // a megabyte: the cut does not depend on the size
        String m = refused("seed: 1\n", "workload.payments=" + huge);
        assertTrue(m.length() < 1_000 && m.contains("characters left out"), m.length() + " characters");
    }

    /** Issue 21, defect 9: {@code payment_kind: amp} without a splitter was accepted and ignored. */
    @Test
    void ampWithoutASplitterIsRefused() throws Exception {
        String m = refused("protocols:\n  - {name: source, payment_kind: amp}\n");
        assertTrue(m.contains("protocols.0") && m.contains("payment_kind: amp needs a splitter"), m);
        Path ok = dir.resolve("amp.yaml");
        Files.writeString(ok, "protocols:\n  - {name: source, split: cl, payment_kind: amp}\n");
        assertEquals(1, Configs.load(ok.toString(), List.of()).settings().protocols().size());
    }
}
