package io.qdranthybrid.samples;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qdranthybrid.harness.cluster.SimulatedCluster;
import io.qdranthybrid.harness.cluster.SimulatedQdrantEndpoints;
import io.qdranthybrid.operator.QdrantOperator;

import java.time.Duration;

/** The SDK's operator for one namespace of a simulated cluster, as the samples' tests run it; close stops it. */
public final class InProcessOperator implements AutoCloseable {

    private final KubernetesClient client;
    private final QdrantOperator operator;

    private InProcessOperator(KubernetesClient client, QdrantOperator operator) {
        this.client = client;
        this.operator = operator;
    }

    public static InProcessOperator start(SimulatedCluster cluster, String namespace) {
        KubernetesClient client = cluster.newClient(namespace, "qdrant-hybrid-operator");
        QdrantOperator operator = QdrantOperator.builder(client, namespace)
                .qdrantEndpoints(SimulatedQdrantEndpoints.of(cluster))
                .qdrantTimeout(Duration.ofSeconds(2))
                .build();
        operator.start();
        return new InProcessOperator(client, operator);
    }

    @Override
    public void close() {
        operator.close();
        client.close();
    }
}
