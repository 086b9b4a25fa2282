/**
 * The {@code lnsim} command line (picocli): one class per subcommand, wiring the network layer, protocols and
 * results together. Nothing else in lnsim depends on this package.
 *
 * <p>Contract: every command has {@code --help} and {@code --version}; exit codes are 0 (success), 1 (failure),
 * 2 (bad input or usage, with a message naming the file, record or option); long-running commands draw a progress
 * bar on stderr only when it is a terminal and {@code --quiet} is not given; outputs are written atomically;
 * {@code --threads} is capped at the cores available ({@link org.lnsim.cli.Threads}); an {@link OutOfMemoryError} is
 * exit 2 with a heap hint, never a stack trace.
 */
package org.lnsim.cli;
