package org.lnsim.results.plot;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * What one figure draws, as plain numbers, so that tests check the series against the sweep's files rather than
 * pixels; {@link #chart()} turns it into an XChart chart. Built by {@link SweepPlots}; the arrays are the data drawn
 * and are not copied (do not change them).
 *
 * @param name       file stem: the figure is written as {@code name.png} and {@code name.svg}
 * @param kind       how series are drawn
 * @param title      chart title
 * @param xTitle     x axis title, with the unit
 * @param yTitle     y axis title, with the unit
 * @param logX       logarithmic x axis
 * @param logY       logarithmic y axis
 * @param yRange     y axis fixed to [0, 1] (shares)
 * @param categories the bar labels of a {@link Kind#BARS} figure (each series' y is aligned with them); empty otherwise
 * @param series     the series, in legend order
 */
public record FigureData(String name, Kind kind, String title, String xTitle, String yTitle, boolean logX,
                         boolean logY, boolean yRange, List<String> categories, List<Series> series) {

    /** How a figure's series are drawn. */
    public enum Kind {
        /** lines with markers through (x, y), with symmetric error bars where {@link Series#error()} is given */
        LINES,
        /** step lines: an empirical CDF, each point the share of values at or below its x */
        STEPS,
        /** bars, one per category */
        BARS
    }

    /**
     * One series.
     *
     * @param name  legend label
     * @param x     x values (for {@link Kind#BARS}: 0, 1, ... the category positions)
     * @param y     y values
     * @param error half-length of each point's error bar, or null for none
     */
    public record Series(String name, double[] x, double[] y, double[] error) {
        public Series {
            Objects.requireNonNull(name);
            if (x.length != y.length || (error != null && error.length != y.length)) {
                throw new IllegalArgumentException("series " + name + ": x, y and error differ in length");
            }
        }
    }

    public FigureData {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    /** Pixel size of both the PNG and the SVG (SVG in points). */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 560;

    /** The XChart chart of this figure: an {@link XYChart} for lines and steps, a {@link CategoryChart} for bars. */
    public Chart<?, ?> chart() {
        if (kind == Kind.BARS) {
            CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                    .yAxisTitle(yTitle).build();
            c.getStyler().setYAxisLogarithmic(logY);
            c.getStyler().setLocale(Locale.ROOT);
            if (logY) {
                // bars grow from the axis minimum, which XChart puts at 0 unless told: a log axis needs it positive,
                // so the decade at or below the smallest bar
                double min = Double.POSITIVE_INFINITY;
                for (Series s : series) {
                    for (double v : s.y()) {
                        min = Math.min(min, v);
                    }
                }
                if (min > 0 && Double.isFinite(min)) {
                    c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
                }
            }
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            c.getStyler().setLegendVisible(series.size() > 1);
            c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
            for (Series s : series) {
                Double[] y = new Double[s.y().length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = s.y()[i];
                }
                c.addSeries(s.name(), categories, List.of(y));
            }
            return c;
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        // tick labels formatted the same whatever the machine's locale (1,000 not 1.000): same files everywhere
        c.getStyler().setLocale(Locale.ROOT);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setLegendPosition(kind == Kind.STEPS ? Styler.LegendPosition.InsideSE
                : Styler.LegendPosition.OutsideE);
        if (yRange) {
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(1.0);
        }
        for (Series s : series) {
            XYSeries xy = s.error() == null ? c.addSeries(s.name(), s.x(), s.y())
                    : c.addSeries(s.name(), s.x(), s.y(), s.error());
            if (kind == Kind.STEPS) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                xy.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            }
        }
        return c;
    }
}
