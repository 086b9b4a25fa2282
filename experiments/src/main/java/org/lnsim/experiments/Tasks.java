package org.lnsim.experiments;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** What the runners' thread pools share: a failed task's cause rethrown as what it was. */
public final class Tasks {
    private Tasks() {
    }

    /**
     * Rethrows the cause of a failed task: an I/O or configuration error, unchecked exception or error as itself,
     * anything else wrapped in an {@link IOException}. Never returns normally.
     */
    public static IOException rethrow(ExecutionException e) throws IOException, ConfigException {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof ConfigException ce) {
            throw ce;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IOException(cause);
    }
}
