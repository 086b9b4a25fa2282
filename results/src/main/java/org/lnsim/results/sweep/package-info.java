/**
 * Sweep tables: the tables of a sweep (cells, one per point of its axes, each run for several replications), written
 * from the units' ordinary run folders by {@link org.lnsim.results.sweep.SweepTables}: {@code results.csv} (every
 * unit's summary rows in long form), {@code aggregate.csv} (per cell × protocol × metric: n, mean, sd, Student t,
 * Wilson and paired 95% intervals) and {@code aggregate.md} (the same per cell, readable, ending with a glossary
 * whose definitions come from {@link org.lnsim.results.run.RunColumns}).
 *
 * <p>Contract: files are read by column name, never by position ({@link org.lnsim.results.tables.CsvTable}); the
 * tables are a pure function of the cells, the units and their files — fixed row and column order, one
 * locale-independent number format computed from exact binary values — so the same sweep gives byte-identical
 * tables; every unit is read and checked before anything is written, and each table is written to a temporary
 * sibling and renamed into place. A wrong unit file is a {@link org.lnsim.network.io.NetworkFormatException} naming
 * the file and the line or column (exit code 2 at the CLI). The sweep itself (which cells, which seeds, running the
 * units) is the CLI's ({@code lnsim sweep}); this package only reads their results.
 */
package org.lnsim.results.sweep;
