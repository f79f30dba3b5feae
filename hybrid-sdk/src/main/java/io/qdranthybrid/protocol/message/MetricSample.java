package io.qdranthybrid.protocol.message;

import java.time.Instant;
import java.util.Map;

/** One metric value of one Qdrant cluster, e.g. {@code qdrant_collections_total} with its labels. */
public record MetricSample(String clusterId, String name, double value, Map<String, String> labels, Instant at)
        implements TelemetryItem {

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
