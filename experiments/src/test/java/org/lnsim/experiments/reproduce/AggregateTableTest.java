package org.lnsim.experiments.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AggregateTableTest {
    /**
     * Three significant digits, half to even, plain: 15,012.3 → 15000 (was "1.50e+04"); 0.0080899 → 0.00809;
     * 57.74 → 57.7; 0.00125 → 0.00125; 2.5 → 2.5 (no trailing zero); 0 → 0 (was "0.00").
     */
    @Test
    void halfWidthsHaveThreeSignificantDigitsWithoutExponentOrTrailingZeros() {
        assertEquals("15000", AggregateTable.threeDigits(15_012.3));
        assertEquals("0.00809", AggregateTable.threeDigits(0.0080899));
        assertEquals("57.7", AggregateTable.threeDigits(57.74));
        assertEquals("0.00125", AggregateTable.threeDigits(0.00125));
        assertEquals("2.5", AggregateTable.threeDigits(2.5));
        assertEquals("0", AggregateTable.threeDigits(0.0));
        assertEquals("1930000", AggregateTable.threeDigits(1_925_000.1));
    }
}
