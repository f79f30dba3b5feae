package io.qdranthybrid.benchmarks.idiomatic;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.qdranthybrid.crd.QdrantCluster;

import java.util.Map;

/** Qdrant's production.yaml with clustering on, as the Helm chart's ConfigMap. */
public final class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, QdrantCluster> {

    static final String CONFIG = """
            cluster:
              enabled: true
              p2p:
                port: 6335
              consensus:
                tick_period_ms: 100
            """;

    public ConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(QdrantCluster cluster, Context<QdrantCluster> context) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(QdrantLabels.name(cluster)).withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(QdrantLabels.selector(cluster)).endMetadata()
                .withData(Map.of("production.yaml", CONFIG))
                .build();
    }
}
