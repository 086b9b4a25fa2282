/**
 * Figures of a sweep: {@link org.lnsim.results.plot.SweepPlots#draw} reads a sweep folder ({@link
 * org.lnsim.results.plot.SweepFolder}: {@code cells.csv}, {@code aggregate.csv}, {@code units/<cell>-r<k>/}) and
 * writes each figure as {@code NAME.png} and {@code NAME.svg} with XChart; {@link org.lnsim.results.plot.PlotSpec} is
 * an entry of an experiment's {@code plots:} section choosing them; {@link org.lnsim.results.plot.FigureData} is what
 * a figure draws, as numbers (built by pure functions, so tests check data, not pixels).
 *
 * <p>Why XChart: small and pure Java (no native libraries), headless-safe (plain Java2D; rendering sets
 * {@code java.awt.headless=true}), raster and vector output from one chart (PNG through ImageIO, SVG through
 * VectorGraphics2D).
 *
 * <p>Contract: files are read by column name ({@link org.lnsim.results.tables.CsvTable}), so the sweep's and runs'
 * files may gain columns; a missing file or column, or a folder that is not a sweep, is bad input ({@link
 * org.lnsim.network.io.NetworkFormatException}) naming the file; a {@code plots:} entry that does not fit is a
 * {@link org.lnsim.results.plot.PlotSpecException} naming the source, the entry and the key. Every figure is computed
 * before any file is written, each file is written under a temporary name and renamed, and a rerun on the same
 * sweep folder gives byte-identical PNG and SVG files (on another machine text may differ: it is drawn with the fonts
 * the JDK finds, as glyph outlines in the SVG too). Depends on {@code results} (tables) and
 * {@code network} (the exception) only.
 */
package org.lnsim.results.plot;
