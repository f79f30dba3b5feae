package io.qdranthybrid.benchmarks.report;

import java.util.Locale;
import java.util.Objects;

/**
 * One measured number of a benchmark run.
 *
 * @param name  what it is, unique within the run, e.g. "N=100: all Healthy after"
 * @param value the measurement
 * @param unit  e.g. "s", "ms", "MiB", "requests/cluster"; empty for a plain count or ratio
 */
public record Figure(String name, double value, String unit) {

    public Figure {
        Objects.requireNonNull(name, "name");
        unit = unit == null ? "" : unit;
    }

    /** The value with at most two decimals (none for whole numbers) and its unit. */
    public String formatted() {
        return format(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
