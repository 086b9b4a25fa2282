package org.lnsim.experiments;

/**
 * A configuration that cannot run: names the source (file or option), the key, and what is wrong; an overlong
 * message (an echoed value of megabytes) is cut like the readers' ({@code NetworkFormatException.cut}).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;
    private final String detail;

    public ConfigException(String source, String key, String message) {
        super(source + (key == null || key.isEmpty() ? "" : ": " + key) + ": "
                + org.lnsim.network.io.NetworkFormatException.cut(message));
        this.source = source;
        this.key = key;
        this.detail = org.lnsim.network.io.NetworkFormatException.cut(message);
    }

    /** The file or option blamed, as given to the constructor. */
    public String source() {
        return source;
    }

    /** The key's dotted path ({@code workload.payments}, {@code protocols.0.name}), or null. */
    public String key() {
        return key;
    }

    /** What is wrong, without source and key. */
    public String detail() {
        return detail;
    }
}
