package io.qdranthybrid.benchmarks.report;

import java.util.Objects;

/**
 * A goal one figure of a run must meet, e.g. "N=500: all Healthy after" below 60 s.
 *
 * @param figure    the {@link Figure#name()} it applies to
 * @param bound     how the figure compares with the threshold
 * @param threshold the limit, in the figure's unit
 */
public record Target(String figure, Bound bound, double threshold) {

    public Target {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(bound, "bound");
    }

    public static Target below(String figure, double threshold) {
        return new Target(figure, Bound.BELOW, threshold);
    }

    public static Target atMost(String figure, double threshold) {
        return new Target(figure, Bound.AT_MOST, threshold);
    }

    public static Target exactly(String figure, double threshold) {
        return new Target(figure, Bound.EXACTLY, threshold);
    }

    public boolean metBy(double value) {
        return switch (bound) {
            case BELOW -> value < threshold;
            case AT_MOST -> value <= threshold;
            case EXACTLY -> value == threshold;
        };
    }

    /** E.g. "< 60", "≤ 1.2", "= 0". */
    public String describe() {
        return bound.symbol + " " + Figure.format(threshold);
    }

    public enum Bound {
        BELOW("<"), AT_MOST("≤"), EXACTLY("=");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }
    }
}
