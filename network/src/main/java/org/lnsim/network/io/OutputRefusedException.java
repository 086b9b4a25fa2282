package org.lnsim.network.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output lnsim will not write because it would replace or delete something lnsim did not write (a folder holding
 * other files, a file where a folder is wanted). The user must choose another path: the CLI exits with code 2. Nothing
 * has been written when it is thrown.
 */
public final class OutputRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public OutputRefusedException(Path path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    /** {@code path} cannot be written (a read-only folder, a file on the way, no space): the I/O error, named. */
    public static OutputRefusedException cannotWrite(Path path, IOException cause) {
        OutputRefusedException e = new OutputRefusedException(path, "cannot write here ("
                + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
        e.initCause(cause);
        return e;
    }

    /** The output path that was refused. */
    public Path path() {
        return path;
    }
}
