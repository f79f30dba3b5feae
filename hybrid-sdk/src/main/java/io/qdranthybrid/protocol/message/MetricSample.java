package io.qdranthybrid.protocol.message;

import java.time.Instant;
import java.util.Map;

/**
 * One metric value of one Qdrant cluster, e.g. {@code qdrant_collections_total} with its labels. A sample about the
 * environment as a whole (the operator's own metrics, {@link OperatorMetricNames}) carries {@link #ENVIRONMENT} as
 * its cluster id.
 */
public record MetricSample(String clusterId, String name, double value, Map<String, String> labels, Instant at)
        implements TelemetryItem {

    /**
     * The cluster id of samples that belong to no one cluster but to the environment. A cluster id is a DNS label,
     * which cannot start with an underscore, so no cluster can be called this.
     */
    public static final String ENVIRONMENT = "_environment";

    public MetricSample {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(name, "metric name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " value must be finite but was " + value);
        }
        labels = Map.copyOf(Require.present(labels, "labels"));
        Require.present(at, "at");
    }
}
