package io.qdranthybrid.agent.metrics;

import io.qdranthybrid.protocol.message.MetricSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reads the operator's Prometheus endpoint once per usage scrape and reduces it with {@link OperatorMetricsReduction};
 * an endpoint that cannot be read is reported as unreachable with the reason, and logged once per change.
 */
public final class OperatorMetricsScraper {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorMetricsScraper.class);

    private final URI endpoint;
    private final PrometheusEndpoint reader;
    /** Why the last scrape failed, null after one that answered; called from one scheduler thread. */
    private String lastFailure;

    OperatorMetricsScraper(URI endpoint, PrometheusEndpoint reader) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.reader = reader;
    }

    /**
     * Where the operator installed from deploy/ serves its metrics: Service {@code qdrant-hybrid-operator}, port 8285,
     * path {@code /prometheus} (deploy/kustomize/operator/service.yaml).
     */
    public static URI inClusterEndpoint(String namespace) {
        return URI.create("http://qdrant-hybrid-operator." + namespace + ".svc:8285/prometheus");
    }

    List<MetricSample> scrape(Instant at) {
        try {
            List<MetricSample> samples = OperatorMetricsReduction.reduce(PrometheusText.parse(reader.read(endpoint)),
                    at);
            if (lastFailure != null) {
                LOG.info("The operator's metrics at {} answer again", endpoint);
                lastFailure = null;
            }
            return samples;
        } catch (PrometheusEndpoint.Unavailable e) {
            String reason = "GET " + endpoint + " " + e.getMessage();
            if (!reason.equals(lastFailure)) {
                LOG.warn("The operator's metrics are unreachable, reported as such: {}. Is the operator running, and "
                        + "is qdrant.agent.operator-metrics-url right?", reason);
            }
            lastFailure = reason;
            return OperatorMetricsReduction.unreachable(reason, at);
        }
    }
}
