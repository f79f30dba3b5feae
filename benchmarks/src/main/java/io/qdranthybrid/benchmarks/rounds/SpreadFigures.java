package io.qdranthybrid.benchmarks.rounds;

import io.qdranthybrid.benchmarks.report.BenchmarkRun;

/**
 * Reports a {@link Spread} as figures of a run: the median under the figure's own name (targets apply to it), and its
 * minimum, maximum and round count beside it.
 */
public final class SpreadFigures {

    private SpreadFigures() {
    }

    public static void report(BenchmarkRun run, String figure, Spread spread, String unit) {
        run.figure(figure, spread.median(), unit);
        run.figure(figure + " (min of " + spread.count() + " rounds)", spread.min(), unit);
        run.figure(figure + " (max of " + spread.count() + " rounds)", spread.max(), unit);
    }
}
