package org.lnsim.results.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.OptionalLong;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The arithmetic of the sweep tables: Student t and Wilson score intervals, the one number format, and recovering a
 * count from a rate {@code summary.csv} rounded.
 *
 * <p>Determinism: means and variances are summed in replication order with plain double arithmetic and
 * {@link Math#sqrt} (correctly rounded by IEEE 754); t quantiles come from commons-math3, whose special functions are
 * pure Java ({@code FastMath}); numbers are printed from their exact binary value. So the same inputs give the same
 * text on every JVM and platform.
 */
final class SweepStats {
    /** The 97.5% quantile of the standard normal distribution: a two-sided 95% Wilson interval. */
    static final double Z95 = org.lnsim.results.run.RunSummary.Z95;
    /** The same as the tables print it. */
    static final String Z95_TEXT = "1.959963984540054";
    /** Significant digits of every computed number. */
    static final int DIGITS = 6;
    private static final MathContext CONTEXT = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private SweepStats() {
    }

    /** t(0.975, df): the two-sided 95% Student t quantile, {@code df >= 1}. */
    static double t975(long df) {
        if (df < 1) {
            throw new IllegalArgumentException("t quantile needs df >= 1: " + df);
        }
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    /**
     * The 95% Wilson score interval of {@code k} successes in {@code n} trials ({@code n >= 1}):
     * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) with p = k/n. Unlike p ± z·√(p(1−p)/n) it stays inside
     * [0, 1] and is not empty at p = 0 or 1.
     *
     * @return {low, high}
     */
    static double[] wilson(long k, long n) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("Wilson interval of " + k + " in " + n);
        }
        return org.lnsim.results.run.RunSummary.wilson(k, n); // one formula for runs and sweeps
    }

    /**
     * A computed number as text: rounded to {@value #DIGITS} significant digits, ties to even, from the double's
     * exact binary value ({@code new BigDecimal(x)}, not {@link Double#toString}, whose shortest-digits output
     * changed in JDK 19), trailing zeros dropped, no exponent, no grouping ({@code 0.9}, {@code 0.248414},
     * {@code 3250000}, {@code -0.05}); NaN (no value) is empty; zero is {@code 0} whatever its sign.
     */
    static String format(double x) {
        return format(x, CONTEXT);
    }

    /** As {@link #format(double)} with {@code digits} significant digits. */
    static String format(double x, int digits) {
        return format(x, digits == DIGITS ? CONTEXT : new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    private static String format(double x, MathContext context) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (Double.isInfinite(x)) {
            throw new IllegalArgumentException("not a finite number: " + x);
        }
        BigDecimal b = new BigDecimal(x).round(context);
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
    }

    /**
     * The count k in [0, n] whose rate k/n, printed as {@code summary.csv} prints rates (as many fixed decimals as
     * {@code text} has, ties to even, {@link Locale#ROOT}), is {@code text}; empty when none or more than one is (a
     * rate with 4 decimals identifies k only while n is below about 10,000). For the max-flow bound row, whose
     * per-payment feasibility no file holds.
     */
    static OptionalLong countFromRate(String text, long n) {
        if (n < 1) {
            return OptionalLong.empty();
        }
        double rate = Double.parseDouble(text);
        int dot = text.indexOf('.');
        int decimals = dot < 0 ? 0 : text.length() - dot - 1;
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        double halfStep = 0.5 * Math.pow(10, -decimals); // every k whose rate could print as text lies within it
        long from = Math.max(0, (long) Math.floor((rate - halfStep) * n) - 1);
        long to = Math.min(n, (long) Math.ceil((rate + halfStep) * n) + 1);
        long found = -1;
        for (long k = from; k <= to; k++) {
            if (f.format((double) k / n).equals(text)) {
                if (found >= 0) {
                    return OptionalLong.empty();
                }
                found = k;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
