package org.lnsim.network.generate;

import java.util.SplittableRandom;

/**
 * The Million Channels Project's three-parameter power law {@code p(x) = c·(x+b)^(−a)} (lightning-facts §1.2 items
 * 1–2), with the closed-form integral and its inverse that MCP samples from (§1.3 step 1, {@code powerLawReg.py}).
 *
 * <p>Sampling is by inverse transform over a bounded interval {@code (lo, hi]}: {@code r} is uniform between the
 * antiderivative's values at the bounds and {@code x = F⁻¹(r)}. The factor {@code c} cancels out of the sampled
 * distribution (it only rescales F), so sampling needs {@code a ≠ 1} and {@code lo + b > 0}.
 *
 * @param a exponent (> 0; ≠ 1 for sampling)
 * @param b shift
 * @param c scale
 */
public record PowerLaw(double a, double b, double c) {
    public PowerLaw {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("power law parameters must be finite: a=" + a + " b=" + b + " c=" + c);
        }
    }

    /** {@code c·(x+b)^(−a)}. */
    public double density(double x) {
        return c * Math.pow(x + b, -a);
    }

    /** The antiderivative {@code F(x) = c·(x+b)^(1−a) / (1−a)} (MCP {@code powLawIntegral}). */
    public double integral(double x) {
        return c * Math.pow(x + b, 1 - a) / (1 - a);
    }

    /** The inverse of {@link #integral}: {@code x = (y·(1−a)/c)^(1/(1−a)) − b} (MCP {@code inversePowLawIntegral}). */
    public double inverseIntegral(double y) {
        return Math.pow(y * (1 - a) / c, 1 / (1 - a)) - b;
    }

    /**
     * Checks that inverse-transform sampling over {@code (lo, hi]} is well defined.
     *
     * @throws IllegalArgumentException naming the problem otherwise
     */
    public void checkSamplable(double lo, double hi) {
        if (a == 1 || c == 0) {
            throw new IllegalArgumentException("power law with a=1 or c=0 cannot be sampled by its integral: " + this);
        }
        if (!(lo + b > 0) || !(hi > lo)) {
            throw new IllegalArgumentException("power law " + this + " cannot be sampled over (" + lo + ", " + hi + "]");
        }
        double flo = integral(lo);
        double fhi = integral(hi);
        if (!Double.isFinite(flo) || !Double.isFinite(fhi) || flo == fhi) {
            throw new IllegalArgumentException("power law " + this + " has a degenerate integral over (" + lo + ", "
                    + hi + "]");
        }
    }

    /**
     * One draw by inverse transform (MCP {@code randToPowerLaw}): {@code r = F(lo) + u·(F(hi) − F(lo))} with
     * {@code u} uniform in [0, 1), then {@code F⁻¹(r)}. Call {@link #checkSamplable} once beforehand.
     */
    public double sample(SplittableRandom rnd, double lo, double hi) {
        return sampleAt(rnd.nextDouble(), integral(lo), integral(hi));
    }

    /** The draw for a given uniform {@code u}, with the bounds' integrals precomputed. */
    public double sampleAt(double u, double integralLo, double integralHi) {
        return inverseIntegral(integralLo + u * (integralHi - integralLo));
    }
}
