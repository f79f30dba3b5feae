package io.qdranthybrid.harness.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.qdranthybrid.crd.QdrantCluster;
import io.qdranthybrid.crd.QdrantClusterSpec;
import io.qdranthybrid.crd.Resources;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The QdrantCluster that operator scenarios and benchmarks create: named {@code qdrant-<id>}, labelled with its
 * cluster and customer ids, each node asking for 500m CPU, 1Gi memory and 10Gi storage (so a simulated 4-CPU
 * Kubernetes node fits seven of them).
 */
public final class QdrantClusterManifests {

    public static final String NAME_PREFIX = "qdrant-";

    private QdrantClusterManifests() {
    }

    public static QdrantCluster standard(String namespace, String id, int size, String version) {
        return standard(namespace, id, size, version, spec -> { });
    }

    /** The standard cluster after {@code customize} adjusted its spec. */
    public static QdrantCluster standard(String namespace, String id, int size, String version,
                                         Consumer<QdrantClusterSpec> customize) {
        QdrantCluster qc = new QdrantCluster();
        qc.setMetadata(new ObjectMetaBuilder().withName(NAME_PREFIX + id).withNamespace(namespace)
                .withLabels(Map.of("cluster-id", id, "customer-id", "acme")).build());
        QdrantClusterSpec spec = new QdrantClusterSpec();
        spec.setId(id);
        spec.setVersion(version);
        spec.setSize(size);
        Resources resources = new Resources();
        resources.setCpu("500m");
        resources.setMemory("1Gi");
        resources.setStorage("10Gi");
        spec.setResources(resources);
        customize.accept(spec);
        qc.setSpec(spec);
        return qc;
    }
}
