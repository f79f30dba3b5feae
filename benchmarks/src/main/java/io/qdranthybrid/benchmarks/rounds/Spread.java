package io.qdranthybrid.benchmarks.rounds;

import io.qdranthybrid.benchmarks.Percentiles;

import java.util.Arrays;
import java.util.List;

/**
 * The median of repeated measurements of one figure and how far they spread. Single runs on a shared 2-core machine
 * vary by ± 50 % at small N, so a figure is reported as the median of rounds with its range, never one run.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min    smallest value
 * @param max    largest value
 * @param q1     first quartile (nearest rank)
 * @param q3     third quartile (nearest rank)
 * @param count  how many measurements
 */
public record Spread(double median, double min, double max, double q1, double q3, int count) {

    public static Spread of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements to take a median of");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1], Percentiles.of(sorted, 25),
                Percentiles.of(sorted, 75), sorted.length);
    }

    /** Largest value over the median, minus one: 0.5 means one round took half as long again as the median. */
    public double relativeRange() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
