package org.lnsim.network.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bad input in a network file: names the file, where in it (line, record or field) and what is wrong. The CLI turns
 * it into a one-line message and exit code 2.
 */
public class NetworkFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;

    /**
     * @param file     the file that is wrong
     * @param location where in it, e.g. {@code "line 12"}, {@code "record 3 (channels[2])"}; may be null
     * @param message  what is wrong
     */
    public NetworkFormatException(Path file, String location, String message) {
        super(file + (location == null ? "" : ", " + location) + ": " + message);
        this.file = file;
        this.location = location;
    }

    public NetworkFormatException(Path file, String location, String message, Throwable cause) {
        this(file, location, message);
        initCause(cause);
    }

    public Path file() {
        return file;
    }

    public String location() {
        return location;
    }
}
