package org.lnsim.protocols.pickhardt;

/**
 * The k-th smallest of the first n values of an array (quickselect with a middle pivot, reordering the array): the
 * element askrene reads after sorting ({@code get_median_ratio} sorts with {@code asort} and takes index n/2,
 * {@code plugins/askrene/mcf.c} v25.09), found in expected O(n) instead of O(n log n) — at a million channels the
 * sort would be most of a query's time. Doubles ≥ 0 go through it as their bits, which order as the values do.
 */
final class Select {
    private Select() {
    }

    static long kth(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            long pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
