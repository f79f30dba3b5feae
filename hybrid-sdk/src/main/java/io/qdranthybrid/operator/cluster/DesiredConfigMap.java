package io.qdranthybrid.operator.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/** {@code qdrant-<id>} with {@code production.yaml}, mounted into every node. */
public final class DesiredConfigMap {

    private DesiredConfigMap() {
    }

    public static ConfigMap build(ClusterContext ctx) {
        ClusterNames names = ctx.names();
        return new ConfigMapBuilder()
                .withNewMetadata().withName(names.configMap()).withNamespace(ctx.namespace())
                    .withLabels(names.labels()).withOwnerReferences(ctx.ownerReference()).endMetadata()
                .addToData(QdrantConfigRenderer.FILE_NAME, QdrantConfigRenderer.render(ctx.spec()))
                .build();
    }
}
