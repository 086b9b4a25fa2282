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
        super(file + (location == null ? "" : ", " + location) + ": " + cut(message));
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

    /** Longest message part echoed whole; a bad value can be megabytes long (issue 21, defect 6). */
    public static final int MAX_ECHO = 400;

    /**
     * {@code message} itself when at most {@link #MAX_ECHO} characters, else its start and end with the number of
     * characters left out between them, so that an error line stays readable whatever the input held.
     */
    public static String cut(String message) {
        if (message == null || message.length() <= MAX_ECHO) {
            return message;
        }
        int head = MAX_ECHO * 3 / 4;
        int tail = MAX_ECHO - head;
        return message.substring(0, head) + " … [" + (message.length() - head - tail) + " characters left out] … "
                + message.substring(message.length() - tail);
    }
}
