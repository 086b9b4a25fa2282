package org.lnsim.network.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a whole output folder atomically: the files go into a hidden temporary sibling, which is renamed into place
 * only by {@link #commit()}, so the target holds either what was there before or the new folder whole — never a mix
 * (issue 21, defect 3: a killed run used to leave new files beside the previous run's). Closing without a commit
 * deletes the temporary folder.
 *
 * <p>lnsim never deletes what it did not write: a target holding anything its writer does not own (decided by the
 * {@code ownName} predicate on each entry's name) is refused with {@link OutputRefusedException}, and a target holding
 * only the writer's own files is replaced only when {@code replaceOwn} is set. {@link #open} creates the temporary
 * folder at once, so an unwritable place fails before any work is done (defect 7), and removes temporary siblings
 * left by lnsim processes that no longer run (their names carry the writing process's id).
 */
public final class AtomicFolder implements AutoCloseable {
    /** lnsim's temporary siblings: {@code .<name>.<pid>.<sequence>.tmp} ({@link AtomicOutput#createSibling}). */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.(\\d+)\\.(\\d+)\\.tmp");

    private final Path target;
    private final Path tmp;
    private boolean committed;

    private AtomicFolder(Path target, Path tmp) {
        this.target = target;
        this.tmp = tmp;
    }

    /**
     * Checks {@code target} and creates the temporary folder to write into.
     *
     * @param ownName    whether an entry of an existing target (a file name, or a folder name followed by "/") is
     *                   one the writer makes and may replace; lnsim's own temporary files always are
     * @param replaceOwn whether an existing target holding only such entries is replaced (false: refused)
     * @throws OutputRefusedException when the target is a file, holds foreign entries, or holds an earlier output and
     *                                {@code replaceOwn} is false
     */
    public static AtomicFolder open(Path target, Predicate<String> ownName, boolean replaceOwn, String forceHint)
            throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new OutputRefusedException(abs, "exists and is not a folder");
            }
            List<String> foreign = new ArrayList<>();
            int own = 0;
            try (Stream<Path> s = Files.list(abs)) {
                for (Path p : s.sorted().toList()) {
                    String name = p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "");
                    if (ownName.test(name) || isTemporary(p.getFileName().toString())) {
                        own++;
                    } else {
                        foreign.add(name);
                    }
                }
            }
            if (!foreign.isEmpty()) {
                String shown = String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                        + (foreign.size() > 5 ? ", ... (" + foreign.size() + " in all)" : "");
                throw new OutputRefusedException(abs, "the folder holds files lnsim did not write (" + shown
                        + "); give a new or empty folder, lnsim never deletes what it did not write");
            }
            if (own > 0 && !replaceOwn) {
                throw new OutputRefusedException(abs, "the folder holds an earlier output; " + forceHint);
            }
        }
        Path made;
        try {
            Files.createDirectories(abs.getParent());
            removeStaleSiblings(abs);
            made = AtomicOutput.createSibling(abs, true);
        } catch (IOException e) {
            throw OutputRefusedException.cannotWrite(abs, e);
        }
        return new AtomicFolder(abs, made);
    }

    /** The temporary folder to write the files into. */
    public Path dir() {
        return tmp;
    }

    /** The folder the files will be in after {@link #commit()}. */
    public Path target() {
        return target;
    }

    /** Moves the complete temporary folder into place, replacing the earlier output (checked at {@link #open}). */
    public void commit() throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            move(tmp, target);
        } else {
            Path old = AtomicOutput.createSibling(target, true);
            Files.delete(old);
            move(target, old);
            try {
                move(tmp, target);
            } catch (IOException e) {
                move(old, target);
                throw e;
            }
            deleteTree(old);
        }
        committed = true;
    }

    /** Deletes the temporary folder unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(tmp);
        }
    }

    private static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches();
    }

    /** Temporary siblings of {@code target} left by lnsim processes that are no longer running. */
    private static void removeStaleSiblings(Path target) throws IOException {
        String name = target.getFileName().toString();
        try (Stream<Path> s = Files.list(target.getParent())) {
            for (Path p : s.toList()) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(name)) {
                    long pid = Long.parseLong(m.group(2));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    deleteTree(p);
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a file or a folder with everything in it; nothing when it does not exist. Links are not followed. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
