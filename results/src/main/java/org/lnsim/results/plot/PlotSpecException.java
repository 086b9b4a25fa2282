package org.lnsim.results.plot;

/**
 * A {@code plots:} entry that cannot be drawn: an unknown figure or key, a value of the wrong type, an {@code x} that
 * is not a numeric axis of the sweep, a {@code cell} the sweep does not have. The message names the source (the
 * experiment file), the entry ({@code plots[2]}) and the key; the CLI turns it into exit code 2.
 */
public final class PlotSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PlotSpecException(String message) {
        super(message);
    }
}
