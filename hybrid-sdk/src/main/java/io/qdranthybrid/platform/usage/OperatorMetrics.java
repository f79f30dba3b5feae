package io.qdranthybrid.platform.usage;

import io.qdranthybrid.protocol.message.MetricSample;

import java.time.Instant;
import java.util.List;

import static io.qdranthybrid.protocol.message.OperatorMetricNames.*;

/**
 * One scrape of an environment's operator as the agent reported it (the samples named in {@link
 * io.qdranthybrid.protocol.message.OperatorMetricNames} sharing one {@code at}), read back into values.
 *
 * @param unreachable          why the agent could not read the operator's endpoint, null when it could; the counts
 *                             are 0 then
 * @param reconcilesPerMinute  reconciles per minute since the previous reachable point, null for the first point,
 *                             an unreachable one or after an operator restart (its counters start again at 0)
 * @param errorsPerMinute      failed reconciles per minute, null when the rate above is
 */
public record OperatorMetrics(Instant at, String unreachable, double reconcilesTotal, double reconcileErrorsTotal,
                              Double reconcilesPerMinute, Double errorsPerMinute, double queueDepth,
                              double activeWorkers) {

    public boolean reachable() {
        return unreachable == null;
    }

    /**
     * @param samples  the samples of one scrape
     * @param previous the latest reachable point before it, null when none
     */
    public static OperatorMetrics of(Instant at, List<MetricSample> samples, OperatorMetrics previous) {
        String unreachable = null;
        double reconciles = 0;
        double errors = 0;
        double depth = 0;
        double workers = 0;
        for (MetricSample sample : samples) {
            switch (sample.name()) {
                case UP -> unreachable = sample.value() >= 1 ? null
                        : sample.labels().getOrDefault(REASON, "the agent could not read the operator's metrics");
                case RECONCILES_TOTAL -> reconciles = sample.value();
                case RECONCILE_ERRORS_TOTAL -> errors = sample.value();
                case QUEUE_DEPTH -> depth = sample.value();
                case ACTIVE_WORKERS -> workers = sample.value();
                default -> {
                }
            }
        }
        Double reconcileRate = null;
        Double errorRate = null;
        if (unreachable == null && previous != null && previous.reachable() && at.isAfter(previous.at())
                && reconciles >= previous.reconcilesTotal() && errors >= previous.reconcileErrorsTotal()) {
            double minutes = (at.toEpochMilli() - previous.at().toEpochMilli()) / 60_000.0;
            reconcileRate = (reconciles - previous.reconcilesTotal()) / minutes;
            errorRate = (errors - previous.reconcileErrorsTotal()) / minutes;
        }
        return new OperatorMetrics(at, unreachable, reconciles, errors, reconcileRate, errorRate, depth, workers);
    }
}
