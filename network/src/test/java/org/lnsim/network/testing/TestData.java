package org.lnsim.network.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where tests find the real snapshots shipped with the repository ({@code data/snapshots}, with their
 * {@code SOURCES.md} and {@code anchor-stats.json}). Maven passes the folder as the system property
 * {@code lnsim.data} (the root pom sets it to {@code <repository>/data}); without it (a test started from an IDE) the
 * folder is found by walking up from the working directory to the first {@code data/snapshots}. Nothing outside the
 * repository is read, so a fresh clone passes its tests on its own.
 */
public final class TestData {
    private TestData() {
    }

    /** The shipped snapshots folder; fails loudly, naming where it looked, when it is not there. */
    public static Path snapshots() {
        String property = System.getProperty("lnsim.data");
        Path dir;
        if (property != null) {
            dir = Path.of(property, "snapshots");
        } else {
            dir = null;
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("data").resolve("snapshots"))) {
                    dir = p.resolve("data").resolve("snapshots");
                    break;
                }
            }
            if (dir == null) {
                throw new IllegalStateException("no data/snapshots folder above " + Path.of("").toAbsolutePath()
                        + " and no lnsim.data system property");
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the shipped snapshots folder is missing: " + dir);
        }
        return dir;
    }

    /** One shipped snapshot file or folder, by its name under {@code data/snapshots}. */
    public static Path snapshot(String name) {
        Path p = snapshots().resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("shipped snapshot missing: " + p);
        }
        return p;
    }

    /** The names of a folder's entries, sorted: what tests of atomic outputs compare (no temporary file left). */
    public static List<String> names(Path folder) throws java.io.IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
