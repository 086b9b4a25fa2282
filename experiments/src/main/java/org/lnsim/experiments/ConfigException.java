package org.lnsim.experiments;

/**
 * A configuration that cannot run: names the source (file or option), the key, and what is wrong; an overlong
 * message (an echoed value of megabytes) is cut like the readers' ({@code NetworkFormatException.cut}).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String source, String key, String message) {
        super(source + (key == null || key.isEmpty() ? "" : ": " + key) + ": "
                + org.lnsim.network.io.NetworkFormatException.cut(message));
    }
}
