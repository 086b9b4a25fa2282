package org.lnsim.network;

/**
 * BOLT 7 fee arithmetic in integer millisatoshi: {@code fee = fee_base_msat + floor(amount × ppm / 1,000,000)},
 * applied to the amount <em>to forward</em> (lightning-facts §2.1, c-lightning {@code amount_msat_fee}).
 */
public final class Fees {
    private Fees() {
    }

    /**
     * Fee charged for forwarding {@code amountMsat} under the given policy numbers. Exact for every input in range
     * (amount ≤ 2.1·10^18 msat, base and ppm u32): the product is taken in 128 bits when it does not fit 63.
     *
     * @throws ArithmeticException if the fee itself does not fit a long (only for absurd inputs)
     */
    public static long feeMsat(long feeBaseMsat, long feeProportionalMillionths, long amountMsat) {
        long hi = Math.multiplyHigh(amountMsat, feeProportionalMillionths);
        long lo = amountMsat * feeProportionalMillionths;
        if (hi == 0 && lo >= 0) {
            return feeBaseMsat + lo / 1_000_000L;
        }
        return Math.addExact(feeBaseMsat, java.math.BigInteger.valueOf(amountMsat)
                .multiply(java.math.BigInteger.valueOf(feeProportionalMillionths))
                .divide(java.math.BigInteger.valueOf(1_000_000L)).longValueExact());
    }
}
