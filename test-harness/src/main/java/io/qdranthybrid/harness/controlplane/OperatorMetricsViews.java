package io.qdranthybrid.harness.controlplane;

import io.qdranthybrid.platform.usage.OperatorMetrics;
import io.qdranthybrid.platform.usage.OperatorMetricsHistory;

import java.time.Duration;
import java.util.List;

/**
 * An environment's operator as the REST API and console show it: its reconciles and errors per minute, queue depth
 * and active workers over the last window, and in words why the agent could not read it when it could not.
 */
public final class OperatorMetricsViews {

    /**
     * @param latest the newest point, null before the agent reported one
     * @param notice what a user should know, null when all is well: the operator's endpoint unreachable and why, or
     *               nothing reported yet
     */
    public record OperatorMetricsView(String environmentId, String window, List<OperatorMetrics> points,
                                      OperatorMetrics latest, String notice) {
    }

    private final Environments environments;
    private final OperatorMetricsHistory history;

    OperatorMetricsViews(Environments environments, OperatorMetricsHistory history) {
        this.environments = environments;
        this.history = history;
    }

    /** @param window as for a cluster's metrics ({@code 15m}, {@code 1h}, an ISO-8601 duration); at most an hour */
    public OperatorMetricsView metrics(String environmentId, String window) {
        environments.get(environmentId);
        Duration span = window == null ? ClusterUsageViews.MAX_WINDOW : ClusterUsageViews.parseWindow(window);
        OperatorMetrics latest = history.latest(environmentId).orElse(null);
        String notice = latest == null
                ? "no operator metrics reported yet: the agent reads the operator's endpoint at its metrics scrape "
                + "interval (30 s by default) once connected"
                : latest.reachable() ? null : "operator metrics unreachable: " + latest.unreachable()
                + ". Is the operator running, and does the agent's qdrant.agent.operator-metrics-url point at it?";
        return new OperatorMetricsView(environmentId, span.toString(), history.series(environmentId, span), latest,
                notice);
    }
}
