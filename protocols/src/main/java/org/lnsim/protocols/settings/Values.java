package org.lnsim.protocols.settings;

/**
 * The resolved values of one section (or one protocol entry) of an experiment configuration: every key checked
 * against its bounds and choices, every absent key at its default. Read by key, never by name, so a settings record
 * reads exactly the keys it declares.
 */
@FunctionalInterface
public interface Values {
    /**
     * The resolved value of {@code key}: never null unless the key's default is null and the user gave none.
     *
     * @throws IllegalArgumentException if {@code key} is not one of this section's keys (a programming error)
     */
    <T> T get(Key<T> key);
}
