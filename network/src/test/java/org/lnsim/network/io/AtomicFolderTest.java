package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-folder atomic outputs (issue 21, defects 3 and 7): old or new whole, never a mix; nothing foreign deleted. */
class AtomicFolderTest {
    @TempDir
    Path dir;

    private static final Predicate<String> OWN = Set.of("a.csv", "b.csv")::contains;

    private static List<String> names(Path d) throws java.io.IOException {
        return org.lnsim.network.testing.TestData.names(d);
    }

    @Test
    void aCommittedFolderReplacesTheEarlierOneWhole() throws IOException {
        Path out = dir.resolve("out");
        try (AtomicFolder f = AtomicFolder.open(out, OWN, false, "use force")) {
            assertFalse(Files.exists(out), "nothing at the target before the commit");
            Files.writeString(f.dir().resolve("a.csv"), "1");
            Files.writeString(f.dir().resolve("b.csv"), "1");
            f.commit();
        }
        assertEquals(List.of("a.csv", "b.csv"), names(out));
        // a second output that writes only a.csv: b.csv of the first must not survive beside it
        try (AtomicFolder f = AtomicFolder.open(out, OWN, true, "use force")) {
            Files.writeString(f.dir().resolve("a.csv"), "2");
            f.commit();
        }
        assertEquals(List.of("a.csv"), names(out));
        assertEquals("2", Files.readString(out.resolve("a.csv")));
        assertEquals(List.of("out"), names(dir), "no temporary or backup folder left");
    }

    /** A run that dies before its commit (here: an exception) leaves the earlier output as it was, and no temporary. */
    @Test
    void anUncommittedFolderLeavesTheEarlierOutputUntouched() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("a.csv"), "old");
        Files.writeString(out.resolve("b.csv"), "old");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicFolder f = AtomicFolder.open(out, OWN, true, "use force")) {
                Files.writeString(f.dir().resolve("a.csv"), "new");
                throw new IllegalStateException("killed");
            }
        });
        assertEquals("old", Files.readString(out.resolve("a.csv")));
        assertEquals("old", Files.readString(out.resolve("b.csv")));
        assertEquals(List.of("out"), names(dir));
    }

    @Test
    void foreignFilesAndEarlierOutputsWithoutForceAreRefused() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("a.csv"), "old");
        Files.writeString(out.resolve("thesis.tex"), "mine");
        OutputRefusedException e = assertThrows(OutputRefusedException.class,
                () -> AtomicFolder.open(out, OWN, true, "use force"));
        assertTrue(e.getMessage().contains("sub/, thesis.tex") && e.getMessage().contains("never deletes"),
                e.getMessage());
        Files.delete(out.resolve("thesis.tex"));
        Files.delete(out.resolve("sub"));
        OutputRefusedException earlier = assertThrows(OutputRefusedException.class,
                () -> AtomicFolder.open(out, OWN, false, "use force"));
        assertTrue(earlier.getMessage().contains("earlier output; use force"), earlier.getMessage());
        assertEquals(List.of("a.csv"), names(out));
        assertEquals(List.of("out"), names(dir), "a refusal creates nothing");
    }

    @Test
    void aTargetThatIsAFileOrUnwritableIsRefusedBeforeAnyWork() throws IOException {
        Path file = dir.resolve("taken");
        Files.writeString(file, "x");
        assertThrows(OutputRefusedException.class, () -> AtomicFolder.open(file, OWN, true, ""));
        OutputRefusedException e = assertThrows(OutputRefusedException.class,
                () -> AtomicFolder.open(file.resolve("below"), OWN, true, ""));
        assertTrue(e.getMessage().contains("cannot write here"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    /** Temporary siblings of dead lnsim processes are cleaned; those of a live one (this JVM) are kept. */
    @Test
    void staleTemporarySiblingsAreRemoved() throws IOException {
        long dead = 4_000_000; // a pid that is not running: the first from here that ProcessHandle does not know
        while (ProcessHandle.of(dead).isPresent()) {
            dead++;
        }
        Path stale = Files.createDirectories(dir.resolve(".out." + dead + ".7.tmp"));
        Files.writeString(stale.resolve("a.csv"), "half");
        Path live = Files.createDirectories(dir.resolve(".out." + ProcessHandle.current().pid() + ".99999.tmp"));
        Path unrelated = Files.createDirectories(dir.resolve(".other." + dead + ".7.tmp"));
        try (AtomicFolder f = AtomicFolder.open(dir.resolve("out"), OWN, false, "")) {
            f.commit();
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(unrelated), "only the target's own temporaries are touched");
    }
}
