/**
 * Comparison tables: the Markdown tables committed under {@code results/tables/}, built from run output folders
 * ({@link org.lnsim.results.run.RunOutputs}) by {@code lnsim table}.
 *
 * <p>Contract: every file is read by column name ({@link org.lnsim.results.tables.CsvTable}; the names and units are
 * {@link org.lnsim.results.run.RunColumns}), never by position, so a run file may gain or reorder columns without
 * breaking a table; a missing file or column is bad input naming the file and the column. A table is a pure function
 * of the files it reads: cells copied from a file keep its text, computed cells round like C's {@code printf} (the
 * tables were first made with awk and must regenerate byte for byte).
 */
package org.lnsim.results.tables;
