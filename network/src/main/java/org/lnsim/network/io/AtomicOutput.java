package org.lnsim.network.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file atomically: to a temporary sibling first, then moved into place. If writing fails the temporary file
 * is deleted and the target is untouched, so a crash or bad input never leaves a half-written output.
 */
public final class AtomicOutput {
    /** Body of a write; receives a buffered stream to the temporary file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Creates an empty hidden file or folder next to {@code target} with a fresh name. Unlike
     * {@link Files#createTempFile}, which makes owner-only (0600/0700) entries, it gets the default permissions, so
     * the finished output has the permissions any other file written by the user would have.
     */
    static Path createSibling(Path target, boolean directory) throws IOException {
        Path dir = target.getParent();
        String base = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
        while (true) {
            Path p = dir.resolve(base + SEQUENCE.incrementAndGet() + ".tmp");
            try {
                return directory ? Files.createDirectory(p) : Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another writer took the name: try the next one
            }
        }
    }

    public static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = createSibling(target.toAbsolutePath(), false);
        boolean ok = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
