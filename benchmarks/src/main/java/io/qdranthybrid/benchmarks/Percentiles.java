package io.qdranthybrid.benchmarks;

/** Nearest-rank percentiles of measurements. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The smallest value with at least {@code percentile} % of the values at or below it.
     *
     * @param sorted ascending, not empty
     */
    public static double of(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
