package org.lnsim.experiments;

/** A configuration that cannot run: names the source (file or option), the key, and what is wrong. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String source, String key, String message) {
        super(source + (key == null || key.isEmpty() ? "" : ": " + key) + ": " + message);
    }
}
